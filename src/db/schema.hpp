// Collection schemas as data: attributes, indexes and collection-level permissions.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace basalt::db {

// kPoint, kLinestring, kPolygon: spatial values ([lon, lat], [[lon, lat], ...], rings of
// those), stored as their JSON text; queried with the spatial methods (see geometry.hpp).
enum class AttributeType { kString, kInteger, kFloat, kBoolean, kDatetime, kPoint, kLinestring, kPolygon };

constexpr bool is_spatial(AttributeType type) noexcept {
    return type == AttributeType::kPoint || type == AttributeType::kLinestring ||
           type == AttributeType::kPolygon;
}

// One declared attribute; becomes one column of the collection's table.
struct Attribute {
    std::string key;  // [A-Za-z0-9._-], 1..36 chars, not starting with . - _
    AttributeType type = AttributeType::kString;
    std::int64_t size = 0;  // strings: maximum length in characters (required > 0)
    bool required = false;
    bool array = false;  // values are JSON arrays of `type`
    // Value stored when a create omits the attribute; null = none. Datetimes as ISO strings.
    // Not allowed on required or array attributes.
    boost::json::value default_value;
    // Strings only: values are stored encrypted (value_cipher.hpp) and filters on the attribute
    // are refused (Appwrite's `encrypt` filter). Cannot change after creation.
    bool encrypt = false;
};

// kSpatial: one spatial attribute, no orders (SQLite: an R*Tree of bounding boxes;
// PostgreSQL: a GiST index over the PostGIS geometry).
enum class IndexType { kKey, kUnique, kFulltext, kSpatial };
enum class SortOrder { kAsc, kDesc };

// An index over one or more attributes (meta attributes $id, $createdAt, $updatedAt allowed).
struct Index {
    std::string key;
    IndexType type = IndexType::kKey;
    std::vector<std::string> attributes;
    std::vector<SortOrder> orders;  // empty or one per attribute
    std::vector<int> lengths;       // accepted for Appwrite parity; prefix lengths are not applied
};

// A collection: one SQL table plus a permission side table.
struct CollectionSchema {
    std::string id;  // [A-Za-z0-9._-], 1..48 chars, not starting with . - _
    std::vector<Attribute> attributes;
    std::vector<Index> indexes;
    // Collection-level permission strings, e.g. read("any"), create("users"); see permission.hpp.
    std::vector<std::string> permissions;
    // When true a document's own permissions grant access in addition to the collection's.
    bool document_security = false;

    // nullptr when absent.
    const Attribute* attribute(std::string_view key) const noexcept;
    const Index* index(std::string_view key) const noexcept;
};

std::string_view to_string(AttributeType type) noexcept;
std::string_view to_string(IndexType type) noexcept;

// Serialisation used for the engine's own catalog (and handy for API renderers).
boost::json::object to_json(const CollectionSchema& schema);
// Throws Error(kGeneralServerError) when `json` is not a schema written by to_json.
CollectionSchema schema_from_json(const boost::json::object& json);

// Checks names, types, sizes, defaults and index references. Throws Error with
// kGeneralArgumentInvalid (bad ids), kAttributeValueInvalid, kAttributeDefaultUnsupported,
// kAttributeAlreadyExists, kIndexAlreadyExists, kIndexInvalid or kAttributeUnknown.
void validate_schema(const CollectionSchema& schema);
void validate_attribute(const Attribute& attribute);
void validate_index(const CollectionSchema& schema, const Index& index);

// True for a valid collection id (see CollectionSchema::id).
bool is_valid_collection_id(std::string_view id) noexcept;

}  // namespace basalt::db
