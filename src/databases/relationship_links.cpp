// Relationship values of document writes: nested documents, links kept consistent on both
// sides, and onDelete when a document goes.
#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/json_fields.hpp"
#include "databases/relationship_sides.hpp"
#include "databases/relationships.hpp"

namespace basalt::databases::relationships {
namespace json = boost::json;

struct Link {
    Side side;
    std::vector<std::string> ids;      // linked after the write
    std::vector<std::string> old_ids;  // linked before it
};

struct Links {
    std::vector<Link> items;
};

void LinksDeleter::operator()(Links* links) const { delete links; }

namespace {

const auto kInternal = db::Authorization::internal();
const Actor kSystem{.auth = db::Authorization::internal(), .user_id = {}};

[[noreturn]] void value_invalid(std::string message) {
    throw Error(ErrorType::kRelationshipValueInvalid, std::move(message));
}

bool contains(const std::vector<std::string>& ids, std::string_view id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// A nested document's own data: its attributes, without the meta keys and without the key that
// points back (the link being written decides it).
json::object nested_data(const json::object& value, const Side& side) {
    json::object data;
    for (const auto& [key, v] : value) {
        if (key.starts_with('$') || key == side.twin_key) continue;
        data.emplace(key, v);
    }
    return data;
}

std::optional<std::vector<std::string>> nested_permissions(const json::object& value) {
    const auto* p = value.if_contains("$permissions");
    if (!p || p->is_null()) return std::nullopt;
    if (!p->is_array()) value_invalid("Relationship $permissions must be an array of strings");
    std::vector<std::string> out;
    for (const auto& item : p->get_array()) {
        if (!item.is_string()) value_invalid("Relationship $permissions must be an array of strings");
        out.emplace_back(item.get_string());
    }
    return out;
}

// The id one element of a relationship value links: an existing id, or a nested document that
// is created (new) or updated (existing).
std::string resolve_one(db::Documents& tx, const Collection& related, const Side& side, const Actor& actor,
                        const json::value& value) {
    if (value.is_string()) {
        const std::string id(value.get_string());
        if (!ids::is_valid(id) || !tx.get_document(kInternal, related.documents_table(), id, std::vector{
                                                       db::Query::select({"$id"})})) {
            throw Error(ErrorType::kDocumentNotFound,
                        fmt::format("Document with the requested ID '{}' could not be found.", id));
        }
        return id;
    }
    if (!value.is_object()) {
        value_invalid("Relationship value must be an object, document ID string, or associative array");
    }
    const auto& object = value.get_object();
    std::string id;
    if (const auto* given = object.if_contains("$id"); given && !given->is_null()) {
        if (!given->is_string()) value_invalid("Relationship $id must be a string");
        id = ids::resolve(given->get_string(), "$id");
    } else {
        id = ids::unique();
    }
    auto data = nested_data(object, side);
    auto permissions = nested_permissions(object);
    if (tx.get_document(kInternal, related.documents_table(), id, std::vector{db::Query::select({"$id"})})) {
        if (!data.empty() || permissions) update_document(tx, related, actor, id, data, std::move(permissions));
    } else {
        create_document(tx, related, actor, NewDocument{.id = id, .data = std::move(data), .permissions = std::move(permissions)});
    }
    return id;
}

std::vector<std::string> resolve(db::Documents& tx, const Collection& related, const Side& side, const Actor& actor,
                                 const json::value& value) {
    std::vector<std::string> out;
    if (value.is_null()) return out;
    if (side.many()) {
        if (!value.is_array()) {
            value_invalid("Invalid relationship value. Must be either an array of documents or document IDs, or null.");
        }
        for (const auto& item : value.get_array()) {
            auto id = resolve_one(tx, related, side, actor, item);
            if (!contains(out, id)) out.push_back(std::move(id));
        }
        return out;
    }
    if (value.is_array()) value_invalid("Invalid relationship value. Must be either a document, document ID or null.");
    out.push_back(resolve_one(tx, related, side, actor, value));
    return out;
}

// A oneToOne link to `partner`: whoever was linked to either end before is unlinked.
void link_one_to_one(db::Documents& tx, const Collection& collection, const Collection& related, const Link& link,
                     std::string_view id) {
    const auto& side = link.side;
    const auto table = collection.documents_table();
    const auto related_table = related.documents_table();
    for (const auto& old : link.old_ids) {
        if (!contains(link.ids, old) && side.twin_holds_id()) set_column(tx, related_table, old, side.twin_key, nullptr);
    }
    for (const auto& partner : link.ids) {
        // Other documents of this collection that held `partner` lose it.
        for (const auto& other : ids_where(tx, table, side.key, {partner})) {
            if (other != id) set_column(tx, table, other, side.key, nullptr);
        }
        if (side.twin_holds_id()) set_column(tx, related_table, partner, side.twin_key, json::string(id));
    }
}

void apply(db::Documents& tx, const Collection& collection, const Link& link, std::string_view id) {
    const auto& side = link.side;
    const auto related = related_collection(tx, collection, side);
    if (side.type == Type::kManyToMany) {
        const auto junction = side.parent ? junction_table(collection, related) : junction_table(related, collection);
        for (const auto& old : link.old_ids) {
            if (contains(link.ids, old)) continue;
            if (side.parent) junction_unlink(tx, junction, id, old);
            else junction_unlink(tx, junction, old, id);
        }
        for (const auto& now : link.ids) {
            if (side.parent) junction_link(tx, junction, id, now);
            else junction_link(tx, junction, now, id);
        }
        return;
    }
    if (side.type == Type::kOneToOne) return link_one_to_one(tx, collection, related, link, id);
    if (side.holds_id()) return;  // manyToOne parent, oneToMany child: the column is the link
    // The other side holds this id (oneToMany parent, manyToOne child): steal and release.
    for (const auto& old : link.old_ids) {
        if (!contains(link.ids, old)) set_column(tx, related.documents_table(), old, side.twin_key, nullptr);
    }
    for (const auto& now : link.ids) set_column(tx, related.documents_table(), now, side.twin_key, json::string(id));
}

}  // namespace

bool involved(const Collection& collection) {
    return std::any_of(collection.attributes.begin(), collection.attributes.end(),
                       [](const auto& a) { return a.kind == Kind::kRelationship; });
}

db::Document atomically(db::Documents& project, const Collection& collection,
                        const std::function<db::Document(db::Documents&)>& write) {
    auto* database = involved(collection) ? dynamic_cast<db::Database*>(&project) : nullptr;
    if (!database) return write(project);
    std::optional<db::Document> out;
    database->transact([&](db::Documents& tx) { out = write(tx); });
    return std::move(*out);
}

PendingLinks before_write(db::Documents& tx, const Collection& collection, const Actor& actor, std::string_view id,
                          json::object& stored, bool existing) {
    PendingLinks links(new Links);
    for (const auto& side : visible_sides(collection)) {
        auto* v = stored.if_contains(side.key);
        if (!v) continue;
        const json::value value = *v;
        stored.erase(side.key);
        const auto related = related_collection(tx, collection, side);
        Link link{.side = side, .ids = resolve(tx, related, side, actor, value), .old_ids = {}};
        if (existing) link.old_ids = linked_ids(tx, collection, side, id, nullptr);
        if (side.holds_id()) stored[side.key] = link.ids.empty() ? json::value() : json::value(json::string(link.ids[0]));
        links->items.push_back(std::move(link));
    }
    return links;
}

void after_write(db::Documents& tx, const Collection& collection, const Actor& actor, db::Document& written,
                 const PendingLinks& links) {
    if (links) {
        for (const auto& link : links->items) apply(tx, collection, link, written.id);
    }
    if (!involved(collection)) return;
    // Responses show every relation loaded (the written document's own columns may have been
    // changed by the links above, so it is read again).
    if (auto fresh = tx.get_document(kInternal, collection.documents_table(), written.id)) {
        written.data = std::move(fresh->data);
        written.updated_at = fresh->updated_at;
        to_api(collection, written);
    }
    Reading everything{.queries = {}, .selection = json::object{{"**", true}}, .selected = true};
    load(tx, collection, actor, everything, std::span<db::Document>(&written, 1));
}

namespace {

void before_delete(db::Documents& tx, const Collection& collection, std::string_view id) {
    const auto document = tx.get_document(kInternal, collection.documents_table(), id);
    if (!document) return;
    std::vector<Link> links;
    for (const auto& side : all_sides(tx, collection)) {
        auto ids = linked_ids(tx, collection, side, id, &document->data);
        if (ids.empty()) continue;
        if (side.dependent() && side.on_delete == OnDelete::kRestrict) {
            throw Error(ErrorType::kDocumentDeleteRestricted,
                        "Document cannot be deleted because it is referenced by another document.");
        }
        links.push_back(Link{.side = side, .ids = {}, .old_ids = std::move(ids)});
    }
    // Unlink everything first, so cascades never come back to this document.
    for (const auto& link : links) {
        if (!link.side.holds_id()) continue;
        set_column(tx, collection.documents_table(), id, link.side.key, nullptr);
    }
    for (const auto& link : links) {
        if (link.side.type == Type::kOneToOne && !link.side.twin_holds_id()) continue;  // the column above
        if (link.side.holds_id() && link.side.type != Type::kOneToOne) continue;
        apply(tx, collection, link, id);
    }
    for (const auto& link : links) {
        const auto& side = link.side;
        const bool cascades = side.dependent() && side.on_delete == OnDelete::kCascade &&
                              (side.type != Type::kOneToOne || side.parent);
        if (!cascades) continue;
        const auto related = related_collection(tx, collection, side);
        for (const auto& other : link.old_ids) {
            if (tx.get_document(kInternal, related.documents_table(), other, std::vector{db::Query::select({"$id"})})) {
                delete_document(tx, related, kSystem, other);
            }
        }
    }
}

}  // namespace

void deleting(db::Documents& project, const Collection& collection, const Actor& actor, std::string_view id,
              const std::function<void(db::Documents&)>& erase) {
    (void)actor;  // cascades act for the system, as the links they follow are the database's own
    auto* database = dynamic_cast<db::Database*>(&project);
    if (!database) {  // already inside a transaction
        before_delete(project, collection, id);
        return erase(project);
    }
    if (all_sides(project, collection).empty()) return erase(project);
    database->transact([&](db::Documents& tx) {
        before_delete(tx, collection, id);
        erase(tx);
    });
}

}  // namespace basalt::databases::relationships
