// Relationship attributes: creation (both sides and their storage), onDelete and key changes,
// removal. Every change holds catalog_lock() and undoes its storage changes when a later step
// fails, so a refused or failed change leaves nothing behind.
#include <fmt/format.h>

#include <algorithm>
#include <mutex>

#include "core/error.hpp"
#include "core/json_fields.hpp"
#include "core/time.hpp"
#include "databases/relationship_sides.hpp"
#include "databases/relationships.hpp"
#include "databases/schema_changes.hpp"

namespace basalt::databases::relationships {
namespace json = boost::json;
namespace {

const auto kInternal = db::Authorization::internal();

bool same_key(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](char x, char y) { return std::tolower(static_cast<unsigned char>(x)) ==
                                                  std::tolower(static_cast<unsigned char>(y)); });
}

bool has_key(const std::vector<AttributeSpec>& attributes, std::string_view key) {
    return std::any_of(attributes.begin(), attributes.end(), [&](const auto& a) { return same_key(a.key, key); });
}

[[noreturn]] void already_exists() {
    throw Error(ErrorType::kAttributeAlreadyExists,
                "Attribute with the requested key already exists. Attribute keys must be unique, try again with a "
                "different key.");
}

AttributeSpec side_spec(const Side& side, std::int64_t now) {
    AttributeSpec a{.key = side.key, .kind = Kind::kRelationship};
    a.relation = json::object{{"relatedCollection", side.related},
                              {"relationType", name_of(side.type)},
                              {"twoWay", side.two_way},
                              {"twoWayKey", side.twin_key},
                              {"onDelete", name_of(side.on_delete)},
                              {"side", side.parent ? "parent" : "child"}};
    a.created_at = now;
    a.updated_at = now;
    return a;
}

db::Attribute id_column(std::string key) {
    AttributeSpec a{.key = std::move(key), .kind = Kind::kRelationship};
    return storage_attribute(a);
}

// Storage changes made so far, undone when the change fails.
class Undo {
public:
    explicit Undo(db::Database& project) : project_(project) {}
    ~Undo() {
        if (done_) return;
        for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) {
            try {
                (*it)();
            } catch (...) {  // best effort: the original error is what the caller sees
            }
        }
    }
    void add(std::function<void()> step) { steps_.push_back(std::move(step)); }
    void commit() { done_ = true; }
    db::Database& project() { return project_; }

private:
    db::Database& project_;
    std::vector<std::function<void()>> steps_;
    bool done_ = false;
};

void add_column(Undo& undo, const std::string& table, const std::string& key) {
    undo.project().create_attribute(table, id_column(key));
    undo.add([&project = undo.project(), table, key] { project.drop_attribute(table, key); });
}

// Renames an id column in place: values, `$updatedAt` and the indexes naming it stay.
void rename_column(db::Database& project, const std::string& table, const std::string& from, const std::string& to) {
    project.update_attribute(table, from, id_column(to));
}

AttributeSpec* attribute_in(Collection& collection, std::string_view key) {
    const auto it = std::find_if(collection.attributes.begin(), collection.attributes.end(),
                                 [&](const auto& a) { return a.key == key; });
    return it == collection.attributes.end() ? nullptr : &*it;
}

}  // namespace

AttributeSpec create(db::Database& project, const Collection& collection, NewRelationship spec) {
    std::lock_guard lock(catalog_lock());
    auto current = reread_collection(project, collection);
    const bool self = spec.related_id == current.id();
    std::optional<Collection> other;
    if (!self) {
        other = find_collection(project, current.database, spec.related_id);
        if (!other) throw Error(ErrorType::kCollectionNotFound, "Collection with the requested ID could not be found.");
    }
    Collection& related = self ? current : *other;
    if (spec.key.empty()) spec.key = related.id();
    if (spec.two_way_key.empty()) spec.two_way_key = current.id();
    const auto type = type_named(spec.type);
    const auto on_delete = on_delete_named(spec.on_delete);
    if (!type || !on_delete) throw Error(ErrorType::kGeneralArgumentInvalid, "Invalid relationship type or onDelete");

    // Keys: this side's, the related side's (also when one-way: it names the hidden side), and
    // the hidden sides other relationships already put on the related collection.
    if (has_key(current.attributes, spec.key)) already_exists();
    if ((self && same_key(spec.key, spec.two_way_key)) || has_key(related.attributes, spec.two_way_key)) {
        already_exists();
    }
    for (const auto& s : all_sides(project, related)) {
        if (s.hidden && same_key(s.key, spec.two_way_key)) already_exists();
    }
    if (*type == Type::kManyToMany) {
        for (const auto& s : all_sides(project, current)) {
            if (s.type == Type::kManyToMany && s.related == related.id()) {
                throw Error(ErrorType::kAttributeAlreadyExists,
                            "Creating more than one \"manyToMany\" relationship on the same collection is currently "
                            "not permitted.");
            }
        }
    }
    if (current.attributes.size() >= kMaxAttributes || related.attributes.size() >= kMaxAttributes) {
        throw Error(ErrorType::kAttributeLimitExceeded, "The maximum number of attributes has been reached.");
    }

    const Side parent{.key = spec.key,
                      .related = related.id(),
                      .type = *type,
                      .two_way = spec.two_way,
                      .twin_key = spec.two_way_key,
                      .on_delete = *on_delete,
                      .parent = true,
                      .hidden = false};
    const auto child = twin_of(parent, current.id());
    Undo undo(project);
    if (parent.holds_id()) add_column(undo, current.documents_table(), parent.key);
    if (child.holds_id()) add_column(undo, related.documents_table(), child.key);
    if (*type == Type::kManyToMany) {
        const auto junction = junction_table(current, related);
        if (project.get_collection(junction)) project.drop_collection(junction);  // a leftover
        project.create_collection(junction_schema(junction));
        undo.add([&project, junction] { project.drop_collection(junction); });
    }
    const auto now = time::now_ms();
    const auto declared = side_spec(parent, now);
    current.attributes.push_back(declared);
    if (spec.two_way) related.attributes.push_back(side_spec(child, now));
    const auto before = reread_collection(project, collection);
    save_schema(project, current);
    undo.add([&project, before] { save_schema(project, before); });
    if (!self && spec.two_way) save_schema(project, related);
    undo.commit();
    return declared;
}

AttributeSpec update(db::Database& project, const Collection& collection, std::string_view key,
                     std::optional<std::string> on_delete, std::optional<std::string> new_key) {
    std::lock_guard lock(catalog_lock());
    auto current = reread_collection(project, collection);
    const auto* found = attribute_in(current, key);
    if (!found) throw Error(ErrorType::kAttributeNotFound, "Attribute with the requested key could not be found.");
    if (found->kind != Kind::kRelationship) {
        throw Error(ErrorType::kAttributeTypeInvalid, "The attribute type is invalid.");
    }
    if (!found->available()) {
        throw Error(ErrorType::kAttributeNotAvailable,
                    fmt::format("The requested attribute '{}' is not yet available. Please try again later.", key));
    }
    const auto side = side_of(*found);
    const bool self = side.related == current.id();
    std::optional<Collection> other;
    if (!self) other = find_collection(project, current.database, side.related);
    Collection* related = self ? &current : (other ? &*other : nullptr);
    const auto now = time::now_ms();
    const std::string old_key(key);

    if (new_key && *new_key != old_key) {
        for (const auto& a : current.attributes) {
            if (a.key != old_key && same_key(a.key, *new_key)) already_exists();
        }
        if (side.holds_id()) rename_column(project, current.documents_table(), old_key, *new_key);
        attribute_in(current, old_key)->key = *new_key;
        if (side.two_way && related) {
            if (auto* twin = attribute_in(*related, side.twin_key)) twin->relation["twoWayKey"] = *new_key;
        }
    }
    const std::string final_key = new_key.value_or(old_key);
    auto* mine = attribute_in(current, final_key);
    if (on_delete) {
        mine->relation["onDelete"] = *on_delete;
        if (side.two_way && related) {
            if (auto* twin = attribute_in(*related, side.twin_key)) {
                twin->relation["onDelete"] = *on_delete;
                twin->updated_at = now;
            }
        }
    }
    mine->updated_at = now;
    const auto result = *mine;
    save_schema(project, current);
    if (!self && related && side.two_way) save_schema(project, *related);
    return result;
}

void remove(db::Database& project, const Collection& collection, std::string_view key) {
    std::lock_guard lock(catalog_lock());
    auto current = reread_collection(project, collection);
    const auto* found = attribute_in(current, key);
    if (!found) throw Error(ErrorType::kAttributeNotFound, "Attribute with the requested key could not be found.");
    const auto side = side_of(*found);
    const bool self = side.related == current.id();
    std::optional<Collection> other;
    if (!self) other = find_collection(project, current.database, side.related);
    Collection* related = self ? &current : (other ? &*other : nullptr);
    const auto twin = twin_of(side, current.id());

    const auto drop_column = [&](const Collection& c, const std::string& column) {
        if (auto schema = project.get_collection(c.documents_table()); schema && schema->attribute(column)) {
            project.drop_attribute(c.documents_table(), column);
        }
    };
    if (side.holds_id()) drop_column(current, side.key);
    if (related && twin.holds_id()) drop_column(*related, twin.key);
    if (related && side.type == Type::kManyToMany) {
        const auto junction = side.parent ? junction_table(current, *related) : junction_table(*related, current);
        if (project.get_collection(junction)) project.drop_collection(junction);
    }
    const std::string removed(key);
    std::erase_if(current.attributes, [&](const auto& a) { return a.key == removed; });
    if (related && side.two_way) {
        std::erase_if(related->attributes, [&](const auto& a) {
            return a.key == side.twin_key && a.kind == Kind::kRelationship;
        });
    }
    save_schema(project, current);
    if (!self && related && side.two_way) save_schema(project, *related);
}

void forget_collection(db::Database& project, const Collection& collection) {
    for (const auto& side : all_sides(project, collection)) {
        try {
            if (!side.hidden) {
                remove(project, collection, side.key);
            } else if (auto other = find_collection(project, collection.database, side.related)) {
                remove(project, *other, side.twin_key);
            }
        } catch (const Error& e) {
            if (e.type() != ErrorType::kAttributeNotFound) throw;  // gone with its twin already
        }
    }
}

}  // namespace basalt::databases::relationships
