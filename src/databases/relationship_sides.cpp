#include "databases/relationship_sides.hpp"

#include <array>
#include <utility>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/json_fields.hpp"

namespace basalt::databases::relationships {
namespace json = boost::json;
namespace {

const auto kInternal = db::Authorization::internal();

constexpr std::array<std::pair<Type, std::string_view>, 4> kTypeNames = {{
    {Type::kOneToOne, "oneToOne"},
    {Type::kOneToMany, "oneToMany"},
    {Type::kManyToOne, "manyToOne"},
    {Type::kManyToMany, "manyToMany"},
}};

constexpr std::array<std::pair<OnDelete, std::string_view>, 3> kOnDeleteNames = {{
    {OnDelete::kCascade, "cascade"},
    {OnDelete::kRestrict, "restrict"},
    {OnDelete::kSetNull, "setNull"},
}};

// Lookups in the name tables above, both ways.
template <typename Value, std::size_t N>
std::optional<Value> value_named(const std::array<std::pair<Value, std::string_view>, N>& table, std::string_view name) {
    for (const auto& [value, text] : table) {
        if (text == name) return value;
    }
    return std::nullopt;
}

template <typename Value, std::size_t N>
std::string_view name_in(const std::array<std::pair<Value, std::string_view>, N>& table, Value value) {
    for (const auto& [v, text] : table) {
        if (v == value) return text;
    }
    return {};
}

// Engine queries take at most this many values per filter.
constexpr std::size_t kChunk = 100;
constexpr std::int64_t kPage = 1000;

}  // namespace

bool Side::holds_id() const {
    switch (type) {
        case Type::kOneToOne: return parent || two_way;
        case Type::kManyToOne: return parent;
        case Type::kOneToMany: return !parent;
        case Type::kManyToMany: return false;
    }
    return false;
}

bool Side::twin_holds_id() const {
    switch (type) {
        case Type::kOneToOne: return !parent || two_way;
        case Type::kManyToOne: return !parent;
        case Type::kOneToMany: return parent;
        case Type::kManyToMany: return false;
    }
    return false;
}

bool Side::many() const {
    return type == Type::kManyToMany || (type == Type::kOneToMany && parent) || (type == Type::kManyToOne && !parent);
}

bool Side::dependent() const {
    switch (type) {
        case Type::kOneToOne: return true;
        case Type::kOneToMany: return parent;
        case Type::kManyToOne: return !parent;
        case Type::kManyToMany: return parent;
    }
    return false;
}

Side twin_of(const Side& side, const std::string& collection_id) {
    return Side{.key = side.twin_key,
                .related = collection_id,
                .type = side.type,
                .two_way = side.two_way,
                .twin_key = side.key,
                .on_delete = side.on_delete,
                .parent = !side.parent,
                .hidden = !side.two_way};
}

std::optional<Type> type_named(std::string_view name) { return value_named(kTypeNames, name); }

std::string_view name_of(Type type) { return name_in(kTypeNames, type); }

std::optional<OnDelete> on_delete_named(std::string_view name) { return value_named(kOnDeleteNames, name); }

std::string_view name_of(OnDelete on_delete) { return name_in(kOnDeleteNames, on_delete); }

Side side_of(const AttributeSpec& a) {
    const auto& r = a.relation;
    return Side{.key = a.key,
                .related = text_of(r, "relatedCollection"),
                .type = type_named(text_of(r, "relationType")).value_or(Type::kOneToOne),
                .two_way = bool_of(r, "twoWay"),
                .twin_key = text_of(r, "twoWayKey"),
                .on_delete = on_delete_named(text_of(r, "onDelete")).value_or(OnDelete::kRestrict),
                .parent = text_of(r, "side") != "child",
                .hidden = false};
}

std::vector<Side> visible_sides(const Collection& collection) {
    std::vector<Side> out;
    for (const auto& a : collection.attributes) {
        if (a.kind == Kind::kRelationship) out.push_back(side_of(a));
    }
    return out;
}

namespace {

// The hidden side, on the collection `owner`, of a one-way relationship `side` pointing at it.
Side hidden_twin(const Side& side, std::string owner) {
    return Side{.key = side.twin_key,
                .related = std::move(owner),
                .type = side.type,
                .two_way = false,
                .twin_key = side.key,
                .on_delete = side.on_delete,
                .parent = false,
                .hidden = true};
}

}  // namespace

std::vector<Side> all_sides(db::Documents& project, const Collection& collection) {
    auto out = visible_sides(collection);
    const auto table = collections_table(collection.database);
    std::string cursor;
    for (;;) {
        std::vector<db::Query> queries{db::Query::limit(100)};
        if (!cursor.empty()) queries.push_back(db::Query::cursor_after(cursor));
        const auto page = project.list_documents(kInternal, table, queries, {.with_total = false});
        for (const auto& record : page.documents) {
            if (record.id == collection.id()) continue;  // its own sides are visible ones
            for (const auto& a : collection_from(collection.database, record).attributes) {
                if (a.kind != Kind::kRelationship) continue;
                const auto side = side_of(a);
                if (!side.parent || side.two_way || side.related != collection.id()) continue;
                out.push_back(hidden_twin(side, record.id));
            }
        }
        if (page.documents.size() < 100) break;
        cursor = page.documents.back().id;
    }
    // A one-way relationship of a collection to itself has its hidden side here too.
    for (const auto& a : collection.attributes) {
        if (a.kind != Kind::kRelationship) continue;
        const auto side = side_of(a);
        if (side.parent && !side.two_way && side.related == collection.id()) {
            out.push_back(hidden_twin(side, collection.id()));
        }
    }
    return out;
}

Collection related_collection(db::Documents& project, const Collection& collection, const Side& side) {
    if (side.related == collection.id()) return collection;
    auto related = find_collection(project, collection.database, side.related);
    if (!related) throw Error(ErrorType::kCollectionNotFound, "The related collection was not found.");
    return std::move(*related);
}

std::string junction_table(const Collection& parent, const Collection& child) {
    return collections_table(parent.database) + "_relation_" + std::to_string(parent.record.sequence) + "_" +
           std::to_string(child.record.sequence);
}

db::CollectionSchema junction_schema(std::string id) {
    using db::AttributeType;
    return db::CollectionSchema{
        .id = std::move(id),
        .attributes = {{.key = std::string(kJunctionParent), .type = AttributeType::kString, .size = 36, .required = true},
                       {.key = std::string(kJunctionChild), .type = AttributeType::kString, .size = 36, .required = true}},
        .indexes = {{.key = "parent", .type = db::IndexType::kKey, .attributes = {std::string(kJunctionParent)}},
                    {.key = "child", .type = db::IndexType::kKey, .attributes = {std::string(kJunctionChild)}}},
    };
}

std::vector<std::string> ids_where(db::Documents& tx, const std::string& table, const std::string& column,
                                   const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (std::size_t from = 0; from < values.size(); from += kChunk) {
        json::array chunk;
        for (std::size_t i = from; i < std::min(values.size(), from + kChunk); ++i) chunk.emplace_back(values[i]);
        std::string cursor;
        for (;;) {
            std::vector<db::Query> queries{db::Query::equal(column, chunk), db::Query::select({"$id"}),
                                           db::Query::limit(kPage)};
            if (!cursor.empty()) queries.push_back(db::Query::cursor_after(cursor));
            const auto page = tx.list_documents(kInternal, table, queries, {.with_total = false});
            for (const auto& d : page.documents) out.push_back(d.id);
            if (static_cast<std::int64_t>(page.documents.size()) < kPage) break;
            cursor = page.documents.back().id;
        }
    }
    return out;
}

namespace {

// The (parent, child) pairs of a junction whose `column` is `id`, as the other column's values.
std::vector<std::string> junction_partners(db::Documents& tx, const std::string& junction, std::string_view column,
                                           std::string_view id) {
    std::vector<std::string> out;
    const std::string other(column == kJunctionParent ? kJunctionChild : kJunctionParent);
    std::string cursor;
    for (;;) {
        std::vector<db::Query> queries{db::Query::equal(std::string(column), json::array{json::string(id)}),
                                       db::Query::limit(kPage)};
        if (!cursor.empty()) queries.push_back(db::Query::cursor_after(cursor));
        const auto page = tx.list_documents(kInternal, junction, queries, {.with_total = false});
        for (const auto& d : page.documents) out.push_back(text_of(d.data, other));
        if (static_cast<std::int64_t>(page.documents.size()) < kPage) break;
        cursor = page.documents.back().id;
    }
    return out;
}

}  // namespace

std::vector<std::string> linked_ids(db::Documents& tx, const Collection& collection, const Side& side,
                                    std::string_view id, const boost::json::object* data) {
    if (side.holds_id()) {
        std::optional<db::Document> fetched;
        if (!data) {
            fetched = tx.get_document(kInternal, collection.documents_table(), id);
            if (!fetched) return {};
            data = &fetched->data;
        }
        const auto* v = data->if_contains(side.key);
        if (!v || !v->is_string() || v->get_string().empty()) return {};
        return {std::string(v->get_string())};
    }
    const auto related = related_collection(tx, collection, side);
    if (side.type == Type::kManyToMany) {
        const auto junction = side.parent ? junction_table(collection, related) : junction_table(related, collection);
        return junction_partners(tx, junction, side.parent ? kJunctionParent : kJunctionChild, id);
    }
    return ids_where(tx, related.documents_table(), side.twin_key, {std::string(id)});
}

void set_column(db::Documents& tx, const std::string& table, std::string_view id, const std::string& column,
                const boost::json::value& value) {
    tx.update_document(kInternal, table, id, {.data = {{column, value}}, .permissions = std::nullopt});
}

void junction_link(db::Documents& tx, const std::string& junction, std::string_view parent, std::string_view child) {
    const auto existing = tx.count_documents(
        kInternal, junction,
        std::vector{db::Query::equal(std::string(kJunctionParent), json::array{json::string(parent)}),
                    db::Query::equal(std::string(kJunctionChild), json::array{json::string(child)})},
        1);
    if (existing > 0) return;
    tx.create_document(kInternal, junction,
                       {.id = ids::unique(),
                        .data = {{kJunctionParent, json::string(parent)}, {kJunctionChild, json::string(child)}}});
}

void junction_unlink(db::Documents& tx, const std::string& junction, std::string_view parent,
                     std::string_view child) {
    const auto page = tx.list_documents(
        kInternal, junction,
        std::vector{db::Query::equal(std::string(kJunctionParent), json::array{json::string(parent)}),
                    db::Query::equal(std::string(kJunctionChild), json::array{json::string(child)}),
                    db::Query::limit(100)},
        {.with_total = false});
    for (const auto& d : page.documents) tx.delete_document(kInternal, junction, d.id);
}

}  // namespace basalt::databases::relationships
