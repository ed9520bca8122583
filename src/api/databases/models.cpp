#include "api/databases/models.hpp"

#include <fmt/format.h>
#include <limits>

#include "core/json_fields.hpp"
#include "core/time.hpp"

namespace basalt::api::data {
namespace json = boost::json;
using databases::Kind;

namespace {

// Related documents nested in a document (relationships) name their collection $collectionId;
// TablesDB calls it $tableId, at every level.
json::value nested_in_vocabulary(const json::value& value, const databases::Vocabulary& words) {
    if (!words.tables) return value;
    if (value.is_array()) {
        json::array out;
        for (const auto& item : value.get_array()) out.push_back(nested_in_vocabulary(item, words));
        return out;
    }
    if (!value.is_object() || !value.get_object().contains("$collectionId")) return value;
    json::object out;
    for (const auto& [key, v] : value.get_object()) {
        out.emplace(key == "$collectionId" ? words.meta_collection : std::string_view(key), nested_in_vocabulary(v, words));
    }
    return out;
}

}  // namespace

json::object database_model(const db::Document& database) {
    return json::object{{"$id", database.id},
                        {"name", text_of(database.data, "name")},
                        {"$createdAt", time::format_iso(database.created_at)},
                        {"$updatedAt", time::format_iso(database.updated_at)},
                        {"enabled", bool_of(database.data, "enabled")},
                        {"type", text_of(database.data, "type")}};
}

json::object collection_model(const databases::Collection& collection, const databases::Vocabulary& words) {
    json::array attributes, indexes;
    for (const auto& a : collection.attributes) attributes.emplace_back(attribute_model(a, words));
    for (const auto& i : collection.indexes) indexes.emplace_back(index_model(i, collection, words));
    return json::object{{"$id", collection.id()},
                        {"$createdAt", time::format_iso(collection.record.created_at)},
                        {"$updatedAt", time::format_iso(collection.record.updated_at)},
                        {"$permissions", string_array(collection.record.permissions)},
                        {"databaseId", collection.database.id},
                        {"name", collection.name()},
                        {"enabled", collection.enabled()},
                        {words.document_security, collection.document_security()},
                        {words.attributes, std::move(attributes)},
                        {"indexes", std::move(indexes)},
                        // Appwrite's MariaDB row width; SQLite and PostgreSQL store values out of line.
                        {"bytesMax", databases::kRowWidthLimit},
                        {"bytesUsed", databases::row_width(collection.attributes)}};
}

namespace {

// Integer and float bounds; Appwrite stores the type's own when none was given.
json::value bound(const databases::AttributeSpec& a, const json::value& stored, bool upper) {
    if (!stored.is_null()) return stored;
    if (databases::is_integral(a.kind)) {
        return upper ? std::numeric_limits<std::int64_t>::max() : std::numeric_limits<std::int64_t>::min();
    }
    return upper ? std::numeric_limits<double>::max() : -std::numeric_limits<double>::max();
}

}  // namespace

// Fields in the order of the spec's attribute* / column* models: the common ones, then the
// kind's own.
json::object attribute_model(const databases::AttributeSpec& a, const databases::Vocabulary& words) {
    const auto& info = a.info();
    json::object model{{"key", a.key},
                       {"type", info.type},
                       {"status", a.status},
                       {"error", a.error},
                       {"required", a.required},
                       {"array", a.array},
                       {"$createdAt", time::format_iso(a.created_at)},
                       {"$updatedAt", time::format_iso(a.updated_at)}};
    switch (a.kind) {
        case Kind::kString:
        case Kind::kVarchar:
            model["size"] = a.size;
            model["default"] = a.default_value;
            model["encrypt"] = a.encrypt;
            break;
        case Kind::kText:
        case Kind::kMediumtext:
        case Kind::kLongtext:
            model["default"] = a.default_value;
            model["encrypt"] = a.encrypt;
            break;
        case Kind::kInteger:
        case Kind::kBigint:
        case Kind::kFloat:
            model["min"] = bound(a, a.min, false);
            model["max"] = bound(a, a.max, true);
            model["default"] = a.default_value;
            break;
        case Kind::kEnum:
            model["elements"] = string_array(a.elements);
            model["format"] = info.format;
            model["default"] = a.default_value;
            break;
        case Kind::kEmail:
        case Kind::kIp:
        case Kind::kUrl:
        case Kind::kDatetime:
            model["format"] = info.format;
            model["default"] = a.default_value;
            break;
        case Kind::kRelationship: {
            constexpr std::string_view kRelationFields[] = {"relatedCollection", "relationType", "twoWay",
                                                            "twoWayKey",         "onDelete",     "side"};
            for (const auto field : kRelationFields) {
                const auto* v = a.relation.if_contains(field);
                const auto name = field == "relatedCollection" && words.tables ? std::string_view("relatedTable") : field;
                model[name] = v ? *v : json::value();
            }
            break;
        }
        case Kind::kBoolean:
        case Kind::kPoint:
        case Kind::kLine:
        case Kind::kPolygon:
            model["default"] = a.default_value;
            break;
    }
    return model;
}

json::object index_model(const databases::IndexSpec& index, const databases::Collection& collection,
                         const databases::Vocabulary& words) {
    json::array lengths;
    for (auto n : index.lengths) {
        // 0 stands for no length (null), as Appwrite stores an empty one.
        if (n == 0) {
            lengths.emplace_back(nullptr);
        } else {
            lengths.emplace_back(n);
        }
    }
    return json::object{{"$id", fmt::format("{}_{}_{}", collection.database.sequence, collection.record.sequence, index.key)},
                        {"$createdAt", time::format_iso(index.created_at)},
                        {"$updatedAt", time::format_iso(index.updated_at)},
                        {"key", index.key},
                        {"type", index.type},
                        {"status", index.status},
                        {"error", index.error},
                        {words.tables ? "columns" : "attributes", string_array(index.attributes)},
                        {"lengths", std::move(lengths)},
                        {"orders", string_array(index.orders)}};
}

json::object document_model(const db::Document& document, const databases::Collection& collection,
                            const databases::Vocabulary& words) {
    json::object model{{"$id", document.id},
                       {"$sequence", std::to_string(document.sequence)},
                       {words.meta_collection, collection.id()},
                       {"$databaseId", collection.database.id},
                       {"$createdAt", time::format_iso(document.created_at)},
                       {"$updatedAt", time::format_iso(document.updated_at)},
                       {"$permissions", string_array(document.permissions)}};
    model.reserve(model.size() + document.data.size());
    for (const auto& [key, value] : document.data) model.emplace(key, nested_in_vocabulary(value, words));
    return model;
}

}  // namespace basalt::api::data
