// Internal to relationships: one relationship as seen from one of its collections (a "side"),
// where its links are stored, and the reads and writes of those links.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "databases/catalog.hpp"
#include "db/store.hpp"

namespace basalt::databases::relationships {

enum class Type { kOneToOne, kOneToMany, kManyToOne, kManyToMany };
enum class OnDelete { kCascade, kRestrict, kSetNull };

struct Side {
    std::string key;       // this side's attribute key (for hidden sides: the twoWayKey)
    std::string related;   // the related collection id
    Type type = Type::kOneToOne;
    bool two_way = false;
    std::string twin_key;  // the key on the other side
    OnDelete on_delete = OnDelete::kRestrict;
    bool parent = true;
    bool hidden = false;   // the child side of a one-way relationship (no attribute)

    // This side's documents hold the related id in column `key`.
    bool holds_id() const;
    // The other side's documents hold this side's id in column `twin_key`.
    bool twin_holds_id() const;
    // The value is a list (the "many" end).
    bool many() const;
    // Deleting a document here restricts or cascades to the related documents.
    bool dependent() const;
};

// The other side of `side` of collection `collection_id` (hidden when one-way).
Side twin_of(const Side& side, const std::string& collection_id);

std::optional<Type> type_named(std::string_view name);
std::string_view name_of(Type type);
std::optional<OnDelete> on_delete_named(std::string_view name);
std::string_view name_of(OnDelete on_delete);

// The side of a relationship attribute (kind kRelationship).
Side side_of(const AttributeSpec& attribute);
// The visible relationship sides of a collection.
std::vector<Side> visible_sides(const Collection& collection);
// Every side touching `collection`: its attributes plus the hidden child sides of one-way
// relationships other collections of its database declare towards it.
std::vector<Side> all_sides(db::Documents& project, const Collection& collection);

// The related collection of `side`. Throws kCollectionNotFound.
Collection related_collection(db::Documents& project, const Collection& collection, const Side& side);

// The junction engine collection of a manyToMany relationship (parent, child collections).
std::string junction_table(const Collection& parent, const Collection& child);
db::CollectionSchema junction_schema(std::string id);
inline constexpr std::string_view kJunctionParent = "parent";
inline constexpr std::string_view kJunctionChild = "child";

// Ids of the documents linked to document `id` (whose stored data is `data` when known) through
// `side`, in link order.
std::vector<std::string> linked_ids(db::Documents& tx, const Collection& collection, const Side& side,
                                    std::string_view id, const boost::json::object* data);

// Ids of the documents of `collection` whose column `column` holds one of `values`.
std::vector<std::string> ids_where(db::Documents& tx, const std::string& table, const std::string& column,
                                   const std::vector<std::string>& values);

// Sets column `column` of document `id` of engine table `table` (internal authorization).
void set_column(db::Documents& tx, const std::string& table, std::string_view id, const std::string& column,
                const boost::json::value& value);

// Junction rows: links and unlinks (parent id, child id) pairs.
void junction_link(db::Documents& tx, const std::string& junction, std::string_view parent, std::string_view child);
void junction_unlink(db::Documents& tx, const std::string& junction, std::string_view parent,
                     std::string_view child);

}  // namespace basalt::databases::relationships
