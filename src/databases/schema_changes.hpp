// Changing a collection's attributes (columns). Each change re-reads the collection's catalog
// record, changes the engine table, then saves the record, under the catalog lock
// (catalog_lock()), so concurrent changes to one collection never lose each other's metadata.
//
// Attributes are added synchronously: the engine adds a column (with its default) in constant
// time on both backends, so an attribute is `available` as soon as it is created, and a
// deleted one is gone when the call returns (Appwrite passes through `processing`/`deleting`).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "databases/catalog.hpp"
#include "databases/vocabulary.hpp"

namespace basalt::databases {

// Limits as Appwrite's SQL adapters have them: 1017 columns with the 7 internal ones.
inline constexpr std::size_t kMaxAttributes = 1010;

// Completes and checks a new attribute's values, as Appwrite's create routes do before they
// look the collection up: integer and float bounds default to the type's own (Appwrite
// echoes them), min <= max, the default fits (size, bounds, elements), enum elements are not
// empty. Formats of the default (email, URL, ...) are the caller's (format_problem).
// Throws kAttributeValueInvalid, kGeneralBadRequest (encrypt on a size under 150).
void prepare_attribute(AttributeSpec& attribute);

// Adds a prepared attribute (its column gets the default on existing documents). Throws
// kAttributeDefaultUnsupported (default on a required or array attribute),
// kAttributeLimitExceeded (count or row width), kAttributeAlreadyExists.
AttributeSpec add_attribute(db::Database& project, const Collection& collection,
                            AttributeSpec attribute);

// What PATCH .../attributes/<kind>/{key} changes. `required` and `default_value` replace the
// old ones (null clears the default); the optional ones keep the old value when absent.
struct AttributeChanges {
    Kind kind = Kind::kString;  // the route's kind
    bool required = false;
    boost::json::value default_value;
    std::optional<std::int64_t> size;
    boost::json::value min, max;  // null: keep
    std::optional<std::vector<std::string>> elements;
    std::string new_key;  // "" or the key: keep
};

// Throws kAttributeNotFound, kAttributeNotAvailable, kAttributeTypeInvalid (the attribute is
// not of `changes.kind`), kAttributeValueInvalid, kAttributeDefaultUnsupported,
// kAttributeInvalidResize, kAttributeAlreadyExists (new key taken), kAttributeLimitExceeded.
AttributeSpec update_attribute(db::Database& project, const Collection& collection,
                               std::string_view key, const AttributeChanges& changes);

// Throws kAttributeNotFound, kIndexDependency (an index uses it).
void remove_attribute(db::Database& project, const Collection& collection, std::string_view key);

// Fills a collection just created with inline attributes (prepared) and indexes, as
// POST .../collections with `attributes` and `indexes` does: all or nothing — on any error the
// collection is deleted and the error rethrown. Returns the collection as stored.
Collection add_inline_schema(db::Database& project, const Collection& created,
                             std::vector<AttributeSpec> attributes, std::vector<IndexSpec> indexes,
                             const Vocabulary& words);

}  // namespace basalt::databases
