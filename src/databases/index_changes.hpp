// Changing a collection's indexes, under the catalog lock (see schema_changes.hpp).
#pragma once

#include <string_view>

#include "databases/catalog.hpp"

namespace basalt::databases {

// Throws kIndexAlreadyExists, kIndexLimitExceeded, kIndexInvalid, kAttributeUnknown.
IndexSpec add_index(db::Database& project, const Collection& collection, IndexSpec index);
// Throws kIndexNotFound.
void remove_index(db::Database& project, const Collection& collection, std::string_view key);

inline constexpr std::size_t kMaxIndexes = 64;

}  // namespace basalt::databases
