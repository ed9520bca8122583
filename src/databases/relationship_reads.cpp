// Relationship values of reads: select paths (`rel.*`, `rel.field`), filters on related
// attributes (`rel.field`), and loading related documents up to three levels.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/error.hpp"
#include "core/json_fields.hpp"
#include "core/time.hpp"
#include "databases/relationship_sides.hpp"
#include "databases/relationships.hpp"

namespace basalt::databases::relationships {
namespace json = boost::json;
namespace {

const auto kInternal = db::Authorization::internal();
constexpr int kMaxDepth = 3;  // Appwrite's RELATION_MAX_DEPTH
constexpr std::size_t kChunk = 100;
constexpr std::string_view kAll = "*";
constexpr std::string_view kEverything = "**";  // every relation, as write responses show them

const Side* side_named(const std::vector<Side>& sides, std::string_view key) {
    const auto it = std::find_if(sides.begin(), sides.end(), [&](const Side& s) { return s.key == key; });
    return it == sides.end() ? nullptr : &*it;
}

// Adds the select path `path` to `selection` (relation heads become sub-selections).
void add_path(db::Documents& project, const Collection& collection, json::object& selection, std::string_view path,
              int depth) {
    const auto dot = path.find('.');
    const auto sides = visible_sides(collection);
    const auto* side = side_named(sides, path.substr(0, dot));
    if (!side || depth >= kMaxDepth) {
        selection[path] = true;
        return;
    }
    auto& sub = selection[side->key];
    if (!sub.is_object()) sub = json::object();
    if (dot == std::string_view::npos) {
        sub.get_object()[kAll] = true;
        return;
    }
    add_path(project, related_collection(project, collection, *side), sub.get_object(), path.substr(dot + 1),
             depth + 1);
}

db::Query ids_filter(const std::string& attribute, const std::vector<std::string>& ids) {
    if (ids.empty()) return db::Query::is_null("$id");  // matches nothing
    std::vector<db::Query> chunks;
    for (std::size_t from = 0; from < ids.size(); from += kChunk) {
        json::array values;
        for (std::size_t i = from; i < std::min(ids.size(), from + kChunk); ++i) values.emplace_back(ids[i]);
        chunks.push_back(db::Query::equal(attribute, std::move(values)));
    }
    return chunks.size() == 1 ? std::move(chunks.front()) : db::Query::any_of(std::move(chunks));
}

// A filter on a relationship key or on a related attribute, as the engine can run it.
db::Query rewrite(db::Documents& project, const Collection& collection, const std::vector<Side>& sides,
                  const db::Query& query) {
    if (query.method == db::QueryMethod::kAnd || query.method == db::QueryMethod::kOr) {
        auto out = query;
        for (auto& child : out.children) child = rewrite(project, collection, sides, child);
        return out;
    }
    if (!query.is_filter()) return query;
    if (const auto* side = side_named(sides, query.attribute)) {
        if (!side->holds_id()) {
            throw Error(ErrorType::kGeneralQueryInvalid, "Invalid query: Cannot query on virtual relationship attribute");
        }
        return query;
    }
    const auto dot = query.attribute.find('.');
    if (dot == std::string::npos) return query;
    const auto* side = side_named(sides, std::string_view(query.attribute).substr(0, dot));
    if (!side) return query;
    const auto related = related_collection(project, collection, *side);
    auto inner = query;
    inner.attribute = query.attribute.substr(dot + 1);
    const auto matching = project.list_documents(
        kInternal, related.documents_table(),
        std::vector{inner, db::Query::select({"$id"}), db::Query::limit(db::kMaxLimit)}, {.with_total = false});
    std::vector<std::string> related_ids;
    for (const auto& d : matching.documents) related_ids.push_back(d.id);
    if (side->holds_id()) return ids_filter(side->key, related_ids);
    std::vector<std::string> ids;
    const auto twin = twin_of(*side, collection.id());
    for (const auto& id : related_ids) {
        for (auto& linked : linked_ids(project, related, twin, id, nullptr)) ids.push_back(std::move(linked));
    }
    return ids_filter("$id", ids);
}

// A document as a nested value: its meta fields, then its attributes (models rename
// $collectionId for TablesDB).
json::object nested(const Collection& collection, db::Document document) {
    to_api(collection, document);
    json::object out{{"$id", document.id},
                     {"$sequence", std::to_string(document.sequence)},
                     {"$collectionId", collection.id()},
                     {"$databaseId", collection.database.id},
                     {"$createdAt", time::format_iso(document.created_at)},
                     {"$updatedAt", time::format_iso(document.updated_at)},
                     {"$permissions", string_array(document.permissions)}};
    for (auto& [key, value] : document.data) out.emplace(key, std::move(value));
    return out;
}

// Removes the fields of `object` for which `drop(key)` holds.
template <typename Drop>
void erase_fields(json::object& object, Drop drop) {
    std::vector<std::string> keys;
    for (const auto& field : object) {
        if (drop(std::string_view(field.key()))) keys.emplace_back(field.key());
    }
    for (const auto& key : keys) object.erase(key);
}

struct Target {
    std::string id;
    json::object* data;
};

// The readable documents of `collection` among `ids`, by id.
std::map<std::string, json::object> fetch(db::Documents& project, const Collection& collection, const Actor& actor,
                                          const std::vector<std::string>& ids) {
    std::map<std::string, json::object> out;
    for (std::size_t from = 0; from < ids.size(); from += kChunk) {
        json::array values;
        for (std::size_t i = from; i < std::min(ids.size(), from + kChunk); ++i) values.emplace_back(ids[i]);
        const auto n = static_cast<std::int64_t>(values.size());
        try {
            auto page = project.list_documents(actor.auth, collection.documents_table(),
                                               std::vector{db::Query::equal("$id", std::move(values)), db::Query::limit(n)},
                                               {.with_total = false});
            for (auto& d : page.documents) {
                auto id = d.id;
                out.emplace(std::move(id), nested(collection, std::move(d)));
            }
        } catch (const Error& e) {
            if (e.type() != ErrorType::kUserUnauthorized) throw;  // nothing readable there
        }
    }
    return out;
}

bool keeps(const json::object& selection, std::string_view key) {
    return key.starts_with('$') || selection.contains(kAll) || selection.contains(kEverything) ||
           selection.contains(key);
}

void load_level(db::Documents& project, const Collection& collection, const Actor& actor,
                const json::object& selection, bool selected, std::vector<Target>& targets, int depth,
                std::string_view back_key) {
    const bool everything = selection.contains(kEverything);
    for (const auto& side : visible_sides(collection)) {
        const json::object* sub = nullptr;
        if (side.key != back_key && depth < kMaxDepth) {
            if (everything) {
                sub = &selection;
            } else if (const auto* s = selection.if_contains(side.key); s && s->is_object()) {
                sub = &s->get_object();
            }
        }
        if (!sub) {
            // Unloaded: the raw id stays only when nothing was selected and this side holds it.
            if (selected || !side.holds_id() || depth > 0) {
                for (auto& t : targets) t.data->erase(side.key);
            }
            continue;
        }
        const auto related = related_collection(project, collection, side);
        std::vector<std::vector<std::string>> linked;
        std::vector<std::string> all;
        for (const auto& t : targets) {
            linked.push_back(linked_ids(project, collection, side, t.id, t.data));
            for (const auto& id : linked.back()) {
                if (std::find(all.begin(), all.end(), id) == all.end()) all.push_back(id);
            }
        }
        auto documents = fetch(project, related, actor, all);
        std::vector<Target> next;
        for (auto& [id, object] : documents) next.push_back(Target{id, &object});
        load_level(project, related, actor, *sub, true, next, depth + 1, side.two_way ? side.twin_key : "");
        for (auto& [id, object] : documents) {
            erase_fields(object, [&](std::string_view key) { return !keeps(*sub, key); });
        }
        for (std::size_t i = 0; i < targets.size(); ++i) {
            if (side.many()) {
                json::array items;
                for (const auto& id : linked[i]) {
                    if (const auto it = documents.find(id); it != documents.end()) items.emplace_back(it->second);
                }
                (*targets[i].data)[side.key] = std::move(items);
            } else {
                const auto it = linked[i].empty() ? documents.end() : documents.find(linked[i].front());
                (*targets[i].data)[side.key] = it == documents.end() ? json::value() : json::value(it->second);
            }
        }
    }
    // Columns that back hidden sides (one-way oneToMany) are no attributes.
    for (auto& t : targets) {
        erase_fields(*t.data, [&](std::string_view key) {
            return !key.starts_with('$') && !find_attribute(collection.attributes, key);
        });
    }
}

}  // namespace

Reading plan_read(db::Documents& project, const Collection& collection, std::span<const db::Query> queries) {
    Reading reading;
    const auto sides = visible_sides(collection);
    for (const auto& q : queries) {
        if (q.method != db::QueryMethod::kSelect) {
            reading.queries.push_back(sides.empty() ? q : rewrite(project, collection, sides, q));
            continue;
        }
        reading.selected = true;
        json::array values;
        const auto add_value = [&](std::string_view v) {
            if (std::find(values.begin(), values.end(), json::value(json::string(v))) == values.end()) values.emplace_back(v);
        };
        for (const auto& v : q.values) {
            if (!v.is_string()) {
                values.push_back(v);
                continue;
            }
            const std::string_view path = v.get_string();
            const auto* side = side_named(sides, path.substr(0, path.find('.')));
            if (!side) {
                add_value(path);
                continue;
            }
            add_path(project, collection, reading.selection, path, 0);
            if (side->holds_id()) add_value(side->key);
        }
        if (values.empty()) values.emplace_back("$id");
        auto engine = q;
        engine.values = std::move(values);
        reading.queries.push_back(std::move(engine));
    }
    return reading;
}

void load(db::Documents& project, const Collection& collection, const Actor& actor, const Reading& reading,
          std::span<db::Document> documents) {
    if (!involved(collection)) {
        // Hidden id columns (one-way oneToMany children) are still no attributes.
        for (auto& d : documents) {
            erase_fields(d.data, [&](std::string_view key) { return !find_attribute(collection.attributes, key); });
        }
        return;
    }
    std::vector<Target> targets;
    targets.reserve(documents.size());
    for (auto& d : documents) targets.push_back(Target{d.id, &d.data});
    load_level(project, collection, actor, reading.selection, reading.selected, targets, 0, "");
}

}  // namespace basalt::databases::relationships
