#include "databases/attributes.hpp"

#include <algorithm>
#include <array>
#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "core/json_fields.hpp"

namespace basalt::databases {
namespace json = boost::json;
namespace {

using db::AttributeType;

// Sizes as Appwrite's MariaDB schema has them; spatial values are kept as JSON text (the
// engine's spatial types).
constexpr std::int64_t kStringMax = 1'073'741'824;
constexpr std::int64_t kVarcharMax = 16'381;
constexpr std::int64_t kTextSize = 65'535;
constexpr std::int64_t kMediumtextSize = 16'777'215;
constexpr std::int64_t kLongtextSize = 2'147'483'647;
constexpr std::int64_t kIpSize = 39;
constexpr std::int64_t kUrlSize = 2'000;
constexpr std::int64_t kEmailSize = 254;
constexpr std::int64_t kEnumSize = 255;  // the longest element Appwrite allows
constexpr std::int64_t kSpatialSize = 16'777'215;
constexpr std::int64_t kRelationSize = 36;
constexpr std::int64_t kStorageMax = 1'073'741'824;  // what the engine stores in one value

// Columns: kind, route, model type, format, storage, size, sized, encryptable, arrays.
// clang-format off
constexpr std::array kKinds = {
    KindInfo{Kind::kString, "string", "string", "", AttributeType::kString, kStringMax, true, true, true},
    KindInfo{Kind::kVarchar, "varchar", "varchar", "", AttributeType::kString, kVarcharMax, true, true, true},
    KindInfo{Kind::kText, "text", "text", "", AttributeType::kString, kTextSize, false, true, true},
    KindInfo{Kind::kMediumtext, "mediumtext", "mediumtext", "", AttributeType::kString, kMediumtextSize, false, true, true},
    KindInfo{Kind::kLongtext, "longtext", "longtext", "", AttributeType::kString, kLongtextSize, false, true, true},
    KindInfo{Kind::kInteger, "integer", "integer", "", AttributeType::kInteger, 0, false, false, true},
    // Served by Appwrite 1.9.6 (createBigIntAttribute/Column of node-appwrite 27), not in the 1.9.3 spec.
    KindInfo{Kind::kBigint, "bigint", "bigint", "", AttributeType::kInteger, 0, false, false, true},
    KindInfo{Kind::kFloat, "float", "double", "", AttributeType::kFloat, 0, false, false, true},
    KindInfo{Kind::kBoolean, "boolean", "boolean", "", AttributeType::kBoolean, 0, false, false, true},
    KindInfo{Kind::kDatetime, "datetime", "datetime", "datetime", AttributeType::kDatetime, 0, false, false, true},
    KindInfo{Kind::kEmail, "email", "string", "email", AttributeType::kString, kEmailSize, false, false, true},
    KindInfo{Kind::kIp, "ip", "string", "ip", AttributeType::kString, kIpSize, false, false, true},
    KindInfo{Kind::kUrl, "url", "string", "url", AttributeType::kString, kUrlSize, false, false, true},
    KindInfo{Kind::kEnum, "enum", "string", "enum", AttributeType::kString, kEnumSize, false, false, true},
    KindInfo{Kind::kPoint, "point", "point", "", AttributeType::kPoint, kSpatialSize, false, false, false},
    KindInfo{Kind::kLine, "line", "linestring", "", AttributeType::kLinestring, kSpatialSize, false, false, false},
    KindInfo{Kind::kPolygon, "polygon", "polygon", "", AttributeType::kPolygon, kSpatialSize, false, false, false},
    KindInfo{Kind::kRelationship, "relationship", "relationship", "", AttributeType::kString, kRelationSize, false, false, false},
};
// clang-format on

json::value value_of(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v ? *v : json::value();
}

bool is_spatial(Kind kind) {
    return kind == Kind::kPoint || kind == Kind::kLine || kind == Kind::kPolygon;
}

Kind kind_named(std::string_view route) {
    const auto* info = kind_by_route(route);
    if (!info)
        throw Error(ErrorType::kGeneralServerError,
                    "Unknown attribute kind in the catalog: " + std::string(route));
    return info->kind;
}

}  // namespace

std::span<const KindInfo> kinds() { return kKinds; }

const KindInfo& kind_info(Kind kind) {
    return *std::find_if(kKinds.begin(), kKinds.end(),
                         [&](const KindInfo& k) { return k.kind == kind; });
}

const KindInfo* kind_by_route(std::string_view route) {
    const auto* it = std::find_if(kKinds.begin(), kKinds.end(),
                                  [&](const KindInfo& k) { return k.route == route; });
    return it == kKinds.end() ? nullptr : it;
}

json::value to_json(std::span<const AttributeSpec> attributes) {
    json::array out;
    for (const auto& a : attributes) {
        out.emplace_back(json::object{{"key", a.key},
                                      {"kind", a.info().route},
                                      {"status", a.status},
                                      {"error", a.error},
                                      {"required", a.required},
                                      {"array", a.array},
                                      {"encrypt", a.encrypt},
                                      {"size", a.size},
                                      {"min", a.min},
                                      {"max", a.max},
                                      {"default", a.default_value},
                                      {"elements", string_array(a.elements)},
                                      {"relation", a.relation},
                                      {"createdAt", a.created_at},
                                      {"updatedAt", a.updated_at}});
    }
    return out;
}

json::value to_json(std::span<const IndexSpec> indexes) {
    json::array out;
    for (const auto& i : indexes) {
        json::array lengths;
        for (auto n : i.lengths) lengths.emplace_back(n);
        out.emplace_back(json::object{{"key", i.key},
                                      {"type", i.type},
                                      {"attributes", string_array(i.attributes)},
                                      {"orders", string_array(i.orders)},
                                      {"lengths", std::move(lengths)},
                                      {"status", i.status},
                                      {"error", i.error},
                                      {"createdAt", i.created_at},
                                      {"updatedAt", i.updated_at}});
    }
    return out;
}

std::vector<AttributeSpec> attributes_from_json(const json::value& stored) {
    std::vector<AttributeSpec> out;
    if (!stored.is_array()) return out;
    for (const auto& item : stored.get_array()) {
        const auto& o = item.as_object();
        AttributeSpec a;
        a.key = text_of(o, "key");
        a.kind = kind_named(text_of(o, "kind"));
        a.status = text_of(o, "status");
        a.error = text_of(o, "error");
        a.required = bool_of(o, "required");
        a.array = bool_of(o, "array");
        a.encrypt = bool_of(o, "encrypt");
        a.size = int_of(o, "size");
        a.min = value_of(o, "min");
        a.max = value_of(o, "max");
        a.default_value = value_of(o, "default");
        a.elements = strings_of(o, "elements");
        if (const auto* r = o.if_contains("relation"); r && r->is_object())
            a.relation = r->get_object();
        a.created_at = int_of(o, "createdAt");
        a.updated_at = int_of(o, "updatedAt");
        out.push_back(std::move(a));
    }
    return out;
}

std::vector<IndexSpec> indexes_from_json(const json::value& stored) {
    std::vector<IndexSpec> out;
    if (!stored.is_array()) return out;
    for (const auto& item : stored.get_array()) {
        const auto& o = item.as_object();
        IndexSpec i;
        i.key = text_of(o, "key");
        i.type = text_of(o, "type");
        i.attributes = strings_of(o, "attributes");
        i.orders = strings_of(o, "orders");
        if (const auto* l = o.if_contains("lengths"); l && l->is_array()) {
            for (const auto& n : l->get_array())
                i.lengths.push_back(n.is_int64() ? n.get_int64() : 0);
        }
        i.status = text_of(o, "status");
        i.error = text_of(o, "error");
        i.created_at = int_of(o, "createdAt");
        i.updated_at = int_of(o, "updatedAt");
        out.push_back(std::move(i));
    }
    return out;
}

db::Attribute storage_attribute(const AttributeSpec& a) {
    const auto& info = a.info();
    db::Attribute out{.key = a.key,
                      .type = info.storage,
                      .size = std::min(info.sized ? a.size : info.max_size, kStorageMax),
                      .required = a.required,
                      .array = a.array,
                      .default_value = nullptr,
                      .encrypt = a.encrypt && info.encryptable};
    // Spatial values reach the engine as JSON text; their defaults too.
    if (a.kind == Kind::kPoint || a.kind == Kind::kLine || a.kind == Kind::kPolygon) {
        if (!a.default_value.is_null()) out.default_value = json::serialize(a.default_value);
    } else {
        out.default_value = a.default_value;
    }
    return out;
}

db::Index storage_index(const IndexSpec& index) {
    db::Index out{.key = index.key,
                  .type = index.type == kIndexUnique     ? db::IndexType::kUnique
                          : index.type == kIndexFulltext ? db::IndexType::kFulltext
                          : index.type == kIndexSpatial  ? db::IndexType::kSpatial
                                                         : db::IndexType::kKey,
                  .attributes = index.attributes};
    for (const auto& order : index.orders) {
        out.orders.push_back(order == "DESC" ? db::SortOrder::kDesc : db::SortOrder::kAsc);
    }
    for (auto n : index.lengths) out.lengths.push_back(static_cast<int>(n));
    return out;
}

std::int64_t stored_size(const AttributeSpec& a) {
    const auto& info = a.info();
    if (info.sized) return a.size;
    if (a.kind == Kind::kBigint) return 8;
    if (a.kind == Kind::kInteger)
        return a.max.is_null() || a.max.to_number<double>() > 2'147'483'647.0 ? 8 : 4;
    if (info.storage == AttributeType::kString && !is_spatial(a.kind) &&
        a.kind != Kind::kRelationship) {
        return info.max_size;
    }
    return 0;
}

// Appwrite's SQL adapter widths (utopia-php/database 6.0.0, SQL::getAttributeWidth): 1067 bytes
// of internal columns, then per attribute what MariaDB reserves in the row.
std::int64_t row_width(std::span<const AttributeSpec> attributes) {
    constexpr std::int64_t kInternalColumns = 1'067;
    constexpr std::int64_t kPointer = 20;  // TEXT-family and JSON values live off the row
    std::int64_t total = kInternalColumns;
    for (const auto& a : attributes) {
        if (a.array) {
            total += kPointer;
            continue;
        }
        switch (a.kind) {
            case Kind::kInteger:
            case Kind::kBigint:
                total += stored_size(a);
                break;
            case Kind::kFloat:
                total += 8;
                break;
            case Kind::kBoolean:
                total += 1;
                break;
            case Kind::kDatetime:
                total += 7;
                break;
            case Kind::kRelationship:
                total += 255 * 4 + 1;
                break;
            case Kind::kPoint:
                total += 25;  // MariaDB's POINT
                break;
            case Kind::kLine:
            case Kind::kPolygon:
            case Kind::kText:
            case Kind::kMediumtext:
            case Kind::kLongtext:
                total += kPointer;
                break;
            default: {
                const auto size = stored_size(a);
                total += size > kVarcharMax ? kPointer : size * 4 + (size > 255 ? 2 : 1);
            }
        }
    }
    return total;
}

const AttributeSpec* find_attribute(std::span<const AttributeSpec> attributes,
                                    std::string_view key) {
    const auto it = std::find_if(attributes.begin(), attributes.end(),
                                 [&](const auto& a) { return a.key == key; });
    return it == attributes.end() ? nullptr : &*it;
}

const IndexSpec* find_index(std::span<const IndexSpec> indexes, std::string_view key) {
    const auto it =
        std::find_if(indexes.begin(), indexes.end(), [&](const auto& i) { return i.key == key; });
    return it == indexes.end() ? nullptr : &*it;
}

}  // namespace basalt::databases
