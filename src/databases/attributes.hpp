// Attributes (columns) as Appwrite describes them, on top of the engine's storage columns:
// the kinds Appwrite serves (one table), their metadata (format, bounds, elements, status) and
// the indexes over them.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "db/schema.hpp"

namespace basalt::databases {

enum class Kind {
    kString,
    kVarchar,
    kText,
    kMediumtext,
    kLongtext,
    kInteger,
    kBigint,
    kFloat,
    kBoolean,
    kDatetime,
    kEmail,
    kIp,
    kUrl,
    kEnum,
    kPoint,
    kLine,
    kPolygon,
    kRelationship,
};

struct KindInfo {
    Kind kind;
    std::string_view route;   // path segment of the create/update routes: "string", "float", ...
    std::string_view type;    // the model's `type`: "string", "double", "point", ...
    std::string_view format;  // the model's `format` ("email", "ip", "url", "enum"), "" for none
    db::AttributeType storage;
    // Strings: the largest `size` a caller may ask for (sized kinds) or the size kept for
    // formats and spatial values (fixed kinds). 0 for other types.
    std::int64_t max_size;
    bool sized;        // takes a `size` parameter
    bool encryptable;  // takes an `encrypt` parameter
    bool arrays;       // takes an `array` parameter
};

// Integer and bigint (64-bit integers with bounds); with float, the numeric kinds.
constexpr bool is_integral(Kind kind) { return kind == Kind::kInteger || kind == Kind::kBigint; }
constexpr bool is_numeric(Kind kind) { return is_integral(kind) || kind == Kind::kFloat; }

// Every kind, in route order.
std::span<const KindInfo> kinds();
const KindInfo& kind_info(Kind kind);
// The kind served at POST .../attributes/<route>; nullptr when none.
const KindInfo* kind_by_route(std::string_view route);

// Index types Appwrite accepts.
inline constexpr std::string_view kIndexKey = "key";
inline constexpr std::string_view kIndexUnique = "unique";
inline constexpr std::string_view kIndexFulltext = "fulltext";
inline constexpr std::string_view kIndexSpatial = "spatial";

// Lifecycle of attributes and indexes.
inline constexpr std::string_view kAvailable = "available";
inline constexpr std::string_view kProcessing = "processing";
inline constexpr std::string_view kDeleting = "deleting";
inline constexpr std::string_view kFailed = "failed";

struct AttributeSpec {
    std::string key;
    Kind kind = Kind::kString;
    std::string status{kAvailable};
    std::string error;
    bool required = false;
    bool array = false;
    bool encrypt = false;
    std::int64_t size = 0;              // strings: characters
    boost::json::value min, max;        // integers and floats; null = the type's bound
    boost::json::value default_value;   // null = none
    std::vector<std::string> elements;  // enums
    boost::json::object relation;       // relationships: relatedCollection, relationType, ...
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;

    const KindInfo& info() const { return kind_info(kind); }
    bool available() const { return status == kAvailable; }
};

struct IndexSpec {
    std::string key;
    std::string type;  // kIndexKey, kIndexUnique, kIndexFulltext, kIndexSpatial
    std::vector<std::string> attributes;
    std::vector<std::string> orders;  // "ASC" | "DESC", one per attribute or none
    std::vector<std::int64_t> lengths;
    std::string status{kAvailable};
    std::string error;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

// Stored forms (JSON arrays on the collection's catalog record).
boost::json::value to_json(std::span<const AttributeSpec> attributes);
boost::json::value to_json(std::span<const IndexSpec> indexes);
std::vector<AttributeSpec> attributes_from_json(const boost::json::value& json);
std::vector<IndexSpec> indexes_from_json(const boost::json::value& json);

// The engine column holding the attribute (relationships: see relationships.hpp).
db::Attribute storage_attribute(const AttributeSpec& attribute);
// The engine index of an index.
db::Index storage_index(const IndexSpec& index);

// The attribute's size as Appwrite reports and counts it: the `size` of sized kinds, the fixed
// size of the others' storage (text 65535, email 254, ...), 4 or 8 bytes for integers (8 when
// `max` exceeds 32 bits), 0 for the rest.
std::int64_t stored_size(const AttributeSpec& attribute);

// The row width Appwrite's SQL adapters compute for a collection (bytes; internal columns
// included); at kRowWidthLimit or more, no attribute may be added.
std::int64_t row_width(std::span<const AttributeSpec> attributes);
inline constexpr std::int64_t kRowWidthLimit = 65'535;

const AttributeSpec* find_attribute(std::span<const AttributeSpec> attributes,
                                    std::string_view key);
const IndexSpec* find_index(std::span<const IndexSpec> indexes, std::string_view key);

}  // namespace basalt::databases
