// Changing a collection's attributes (columns). Each change re-reads the collection's catalog
// record, changes the engine table, then saves the record, under the catalog lock
// (catalog_lock()), so concurrent changes to one collection never lose each other's metadata.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "databases/catalog.hpp"

namespace basalt::databases {

// Adds an attribute (its column gets the default on existing documents). Checks the key, the
// count limit, bounds, default and elements. Throws kAttributeAlreadyExists,
// kAttributeLimitExceeded, kAttributeValueInvalid, kAttributeDefaultUnsupported.
AttributeSpec add_attribute(db::Database& project, const Collection& collection, AttributeSpec attribute);

// Throws kAttributeNotFound, kIndexDependency.
void remove_attribute(db::Database& project, const Collection& collection, std::string_view key);

// Limits as Appwrite's (MariaDB) has them.
inline constexpr std::size_t kMaxAttributes = 1012;

}  // namespace basalt::databases
