#include "db/schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <utility>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/geometry.hpp"

namespace basalt::db {
namespace json = boost::json;
namespace {

constexpr std::size_t kMaxCollectionIdLength = 48;
constexpr std::int64_t kMaxStringSize = 1'073'741'824;  // 1 GiB, Appwrite's longtext bound

constexpr std::array<std::pair<std::string_view, AttributeType>, 8> kAttributeTypes{{
    {"string", AttributeType::kString},
    {"integer", AttributeType::kInteger},
    {"double", AttributeType::kFloat},
    {"boolean", AttributeType::kBoolean},
    {"datetime", AttributeType::kDatetime},
    {"point", AttributeType::kPoint},
    {"linestring", AttributeType::kLinestring},
    {"polygon", AttributeType::kPolygon},
}};

constexpr std::array<std::pair<std::string_view, IndexType>, 4> kIndexTypes{{
    {"key", IndexType::kKey},
    {"unique", IndexType::kUnique},
    {"fulltext", IndexType::kFulltext},
    {"spatial", IndexType::kSpatial},
}};

template <typename Table>
auto lookup(const Table& table, std::string_view name, std::string_view what) {
    for (const auto& [text, value] : table) {
        if (text == name) {
            return value;
        }
    }
    throw Error(ErrorType::kGeneralServerError,
                fmt::format("Unknown {} \"{}\" in catalog", what, name));
}

bool default_matches(const Attribute& a) {
    const auto& v = a.default_value;
    switch (a.type) {
        case AttributeType::kString:
            return v.is_string() && static_cast<std::int64_t>(v.as_string().size()) <= a.size;
        case AttributeType::kInteger:
            return v.is_int64() || (v.is_uint64() && v.as_uint64() <= INT64_MAX);
        case AttributeType::kFloat:
            return v.is_number();
        case AttributeType::kBoolean:
            return v.is_bool();
        case AttributeType::kDatetime:
            return v.is_string() && time::parse_iso(v.as_string()).has_value();
        case AttributeType::kPoint:
        case AttributeType::kLinestring:
        case AttributeType::kPolygon:
            return spatial_value_matches(a.type, v);
    }
    return false;
}

bool is_meta_indexable(std::string_view key) noexcept {
    return key == "$id" || key == "$createdAt" || key == "$updatedAt" || key == "$sequence";
}

json::object attribute_json(const Attribute& a) {
    json::object out{{"key", a.key},           {"type", to_string(a.type)}, {"size", a.size},
                     {"required", a.required}, {"array", a.array},          {"default", a.default_value}};
    if (a.encrypt) out["encrypt"] = true;  // absent on the (many) plain attributes
    return out;
}

json::object index_json(const Index& index) {
    json::array attributes, orders, lengths;
    for (const auto& a : index.attributes) attributes.emplace_back(a);
    for (auto o : index.orders) orders.emplace_back(o == SortOrder::kAsc ? "asc" : "desc");
    for (auto l : index.lengths) lengths.emplace_back(l);
    return {{"key", index.key},
            {"type", to_string(index.type)},
            {"attributes", std::move(attributes)},
            {"orders", std::move(orders)},
            {"lengths", std::move(lengths)}};
}

}  // namespace

const Attribute* CollectionSchema::attribute(std::string_view key) const noexcept {
    auto it = std::find_if(attributes.begin(), attributes.end(),
                           [&](const Attribute& a) { return a.key == key; });
    return it == attributes.end() ? nullptr : &*it;
}

const Index* CollectionSchema::index(std::string_view key) const noexcept {
    auto it =
        std::find_if(indexes.begin(), indexes.end(), [&](const Index& i) { return i.key == key; });
    return it == indexes.end() ? nullptr : &*it;
}

std::string_view to_string(AttributeType type) noexcept {
    for (const auto& [text, value] : kAttributeTypes) {
        if (value == type) return text;
    }
    return "string";
}

std::string_view to_string(IndexType type) noexcept {
    for (const auto& [text, value] : kIndexTypes) {
        if (value == type) return text;
    }
    return "key";
}

bool is_valid_collection_id(std::string_view id) noexcept {
    if (id.empty() || id.size() > kMaxCollectionIdLength) return false;
    if (id[0] == '.' || id[0] == '-' || id[0] == '_') return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '-' || c == '_';
    });
}

void validate_attribute(const Attribute& a) {
    if (!ids::is_valid(a.key)) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    fmt::format("Invalid attribute key \"{}\": at most 36 chars of a-z, A-Z, 0-9, "
                                "period, hyphen and underscore, not starting with a special char",
                                a.key));
    }
    if (a.type == AttributeType::kString && (a.size < 1 || a.size > kMaxStringSize)) {
        throw Error(
            ErrorType::kAttributeValueInvalid,
            fmt::format("Attribute \"{}\": size must be between 1 and {}", a.key, kMaxStringSize));
    }
    if (a.encrypt && a.type != AttributeType::kString) {
        throw Error(ErrorType::kAttributeValueInvalid,
                    fmt::format("Attribute \"{}\": only string attributes can be encrypted", a.key));
    }
    if (is_spatial(a.type) && a.array) {
        throw Error(ErrorType::kAttributeValueInvalid,
                    fmt::format("Attribute \"{}\": spatial attributes cannot be arrays", a.key));
    }
    if (a.default_value.is_null()) return;
    if (a.required || a.array) {
        throw Error(ErrorType::kAttributeDefaultUnsupported,
                    fmt::format("Attribute \"{}\": cannot set a default value for a required or "
                                "array attribute",
                                a.key));
    }
    if (!default_matches(a)) {
        throw Error(ErrorType::kAttributeValueInvalid,
                    fmt::format("Attribute \"{}\": default value does not match type {}", a.key,
                                to_string(a.type)));
    }
}

void validate_index(const CollectionSchema& schema, const Index& index) {
    if (!ids::is_valid(index.key)) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    fmt::format("Invalid index key \"{}\"", index.key));
    }
    if (index.attributes.empty()) {
        throw Error(ErrorType::kIndexInvalid,
                    fmt::format("Index \"{}\" needs at least one attribute", index.key));
    }
    if (!index.orders.empty() && index.orders.size() != index.attributes.size()) {
        throw Error(ErrorType::kIndexInvalid,
                    fmt::format("Index \"{}\": orders must match attributes", index.key));
    }
    for (std::size_t i = 0; i < index.attributes.size(); ++i) {
        const auto& key = index.attributes[i];
        if (std::count(index.attributes.begin(), index.attributes.end(), key) > 1) {
            throw Error(ErrorType::kIndexInvalid,
                        fmt::format("Index \"{}\": duplicate attribute \"{}\"", index.key, key));
        }
        const Attribute* a = schema.attribute(key);
        if (a == nullptr && !is_meta_indexable(key)) {
            throw Error(ErrorType::kAttributeUnknown,
                        fmt::format("Index \"{}\": unknown attribute \"{}\"", index.key, key));
        }
        if (index.type == IndexType::kSpatial &&
            (a == nullptr || !is_spatial(a->type) || index.attributes.size() != 1 ||
             !index.orders.empty())) {
            throw Error(ErrorType::kIndexInvalid,
                        fmt::format("Index \"{}\": a spatial index covers exactly one spatial "
                                    "attribute, without orders",
                                    index.key));
        }
        if (index.type != IndexType::kSpatial && a != nullptr && is_spatial(a->type)) {
            throw Error(ErrorType::kIndexInvalid,
                        fmt::format("Index \"{}\": spatial attribute \"{}\" needs a spatial index",
                                    index.key, key));
        }
        if (index.type == IndexType::kFulltext &&
            (a == nullptr || a->type != AttributeType::kString || a->array)) {
            throw Error(ErrorType::kIndexInvalid,
                        fmt::format("Index \"{}\": fulltext indexes need string attributes, "
                                    "\"{}\" is not one",
                                    index.key, key));
        }
    }
}

void validate_schema(const CollectionSchema& schema) {
    if (!is_valid_collection_id(schema.id)) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    fmt::format("Invalid collection id \"{}\"", schema.id));
    }
    for (std::size_t i = 0; i < schema.attributes.size(); ++i) {
        validate_attribute(schema.attributes[i]);
        for (std::size_t j = 0; j < i; ++j) {
            if (schema.attributes[j].key == schema.attributes[i].key) {
                throw Error(
                    ErrorType::kAttributeAlreadyExists,
                    fmt::format("Attribute \"{}\" declared twice", schema.attributes[i].key));
            }
        }
    }
    for (std::size_t i = 0; i < schema.indexes.size(); ++i) {
        validate_index(schema, schema.indexes[i]);
        for (std::size_t j = 0; j < i; ++j) {
            if (schema.indexes[j].key == schema.indexes[i].key) {
                throw Error(ErrorType::kIndexAlreadyExists,
                            fmt::format("Index \"{}\" declared twice", schema.indexes[i].key));
            }
        }
    }
}

json::object to_json(const CollectionSchema& schema) {
    json::array attributes, indexes, permissions;
    for (const auto& a : schema.attributes) attributes.emplace_back(attribute_json(a));
    for (const auto& i : schema.indexes) indexes.emplace_back(index_json(i));
    for (const auto& p : schema.permissions) permissions.emplace_back(p);
    return {{"id", schema.id},
            {"attributes", std::move(attributes)},
            {"indexes", std::move(indexes)},
            {"permissions", std::move(permissions)},
            {"documentSecurity", schema.document_security}};
}

CollectionSchema schema_from_json(const json::object& in) {
    try {
        CollectionSchema schema;
        schema.id = json::value_to<std::string>(in.at("id"));
        schema.document_security = in.at("documentSecurity").as_bool();
        for (const auto& p : in.at("permissions").as_array()) {
            schema.permissions.emplace_back(p.as_string());
        }
        for (const auto& v : in.at("attributes").as_array()) {
            const auto& o = v.as_object();
            Attribute a;
            a.key = json::value_to<std::string>(o.at("key"));
            a.type = lookup(kAttributeTypes, o.at("type").as_string(), "attribute type");
            a.size = o.at("size").to_number<std::int64_t>();
            a.required = o.at("required").as_bool();
            a.array = o.at("array").as_bool();
            a.default_value = o.at("default");
            const auto* encrypt = o.if_contains("encrypt");
            a.encrypt = encrypt != nullptr && encrypt->is_bool() && encrypt->as_bool();
            schema.attributes.push_back(std::move(a));
        }
        for (const auto& v : in.at("indexes").as_array()) {
            const auto& o = v.as_object();
            Index index;
            index.key = json::value_to<std::string>(o.at("key"));
            index.type = lookup(kIndexTypes, o.at("type").as_string(), "index type");
            for (const auto& a : o.at("attributes").as_array()) {
                index.attributes.emplace_back(a.as_string());
            }
            for (const auto& s : o.at("orders").as_array()) {
                index.orders.push_back(s.as_string() == "desc" ? SortOrder::kDesc
                                                               : SortOrder::kAsc);
            }
            for (const auto& l : o.at("lengths").as_array()) {
                index.lengths.push_back(static_cast<int>(l.to_number<std::int64_t>()));
            }
            schema.indexes.push_back(std::move(index));
        }
        return schema;
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw Error(ErrorType::kGeneralServerError,
                    std::string{"Corrupt collection catalog entry: "} + e.what());
    }
}

}  // namespace basalt::db
