// Relationship attributes (columns): oneToOne, oneToMany, manyToOne and manyToMany between two
// collections of one database, one-way or two-way, with onDelete cascade, restrict or setNull.
//
// Storage (see docs/engine.md, "Relationships"): a relationship is metadata on the collection
// that declared it (side "parent") and, when two-way, on the related collection (side "child").
// Links live in plain engine columns of related ids or in a junction engine collection:
//  - oneToOne: the parent's `key` column holds the child id; a two-way child's `twoWayKey`
//    column holds the parent id;
//  - manyToOne: the parent's `key` column holds the child id;
//  - oneToMany: the child's `twoWayKey` column holds the parent id (also when one-way);
//  - manyToMany: the junction collection `database_N_relation_P_C` holds (parent, child) pairs.
// Sides without a column are "virtual": they are computed from the other side, cannot be queried
// and are never returned raw.
//
// Documents: a relationship value on write may be an id (links an existing document), an object
// (a nested document, created when new, updated when it exists), null, or for the "many" sides a
// list of those. Both sides are kept consistent. Reads load related documents only when selected
// (`select(["*", "rel.*"])`, up to three levels); create and update responses load them all.
//
// Thread-safety: free functions over a thread-safe db::Database; schema changes hold
// catalog_lock().
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "databases/catalog.hpp"
#include "databases/documents.hpp"
#include "db/query.hpp"

namespace basalt::databases::relationships {

// ---- Attributes --------------------------------------------------------------------------

// Parameter values Appwrite accepts, in its order (for messages).
inline constexpr std::string_view kTypes[] = {"oneToOne", "manyToOne", "manyToMany", "oneToMany"};
inline constexpr std::string_view kOnDelete[] = {"cascade", "restrict", "setNull"};

struct NewRelationship {
    std::string related_id;   // relatedCollectionId | relatedTableId
    std::string type;         // one of kTypes
    bool two_way = false;
    std::string key;          // "" = the related collection id
    std::string two_way_key;  // "" = this collection id
    std::string on_delete = "restrict";
};

// Creates the relationship (both sides when two-way) and its storage. Returns the parent side.
// Throws kCollectionNotFound (related), kAttributeAlreadyExists (key, twoWayKey, a second
// manyToMany between the same collections), kAttributeLimitExceeded.
AttributeSpec create(db::Database& project, const Collection& collection, NewRelationship spec);

// Changes onDelete (both sides) and/or renames the key (the twin's twoWayKey follows).
// Throws kAttributeNotFound, kAttributeTypeInvalid (not a relationship), kAttributeNotAvailable,
// kAttributeAlreadyExists.
AttributeSpec update(db::Database& project, const Collection& collection, std::string_view key,
                     std::optional<std::string> on_delete, std::optional<std::string> new_key);

// Removes both sides of the relationship `key` of `collection` and their storage.
// Throws kAttributeNotFound.
void remove(db::Database& project, const Collection& collection, std::string_view key);

// Before `collection` is deleted: removes every relationship touching it (both sides and their
// storage), as Appwrite drops the related collections' relationship attributes.
void forget_collection(db::Database& project, const Collection& collection);

// ---- Documents ---------------------------------------------------------------------------

// True when the collection declares (or is the target of a two-way) relationship.
bool involved(const Collection& collection);

// Runs `write` in one engine transaction when the collection has relationships (nested
// documents and links commit with the document), else directly on `project`. Inside a
// transaction already (`project` is not a db::Database) it runs directly.
db::Document atomically(db::Documents& project, const Collection& collection,
                        const std::function<db::Document(db::Documents&)>& write);

// What a write does to relationships, between before_write and after_write.
struct Links;
struct LinksDeleter {
    void operator()(Links* links) const;
};
using PendingLinks = std::unique_ptr<Links, LinksDeleter>;

// Before a create (`existing` false) or update of document `id`: takes the relationship values
// out of `stored` (the storage form of the data), creates or updates nested documents, and puts
// the related id into `stored` where this side holds it. Throws kRelationshipValueInvalid,
// kDocumentNotFound (an id that links nothing), and what nested writes throw.
PendingLinks before_write(db::Documents& tx, const Collection& collection, const Actor& actor,
                          std::string_view id, boost::json::object& stored, bool existing);

// After the write: updates the other sides (their columns, junction rows), then loads every
// relation of `written` (the API form, as responses show it).
void after_write(db::Documents& tx, const Collection& collection, const Actor& actor,
                 db::Document& written, const PendingLinks& links);

// Deletes document `id` with `erase` after applying onDelete of every relationship touching it:
// restrict throws kDocumentDeleteRestricted, cascade deletes dependent documents, setNull (and
// every other case) unlinks. All in one transaction when relationships touch the collection.
void deleting(db::Documents& project, const Collection& collection, const Actor& actor, std::string_view id,
              const std::function<void(db::Documents&)>& erase);

// A read's queries for the engine plus what to load afterwards.
struct Reading {
    std::vector<db::Query> queries;  // for the engine: no relationship paths
    boost::json::object selection;   // {"key": {...sub-selection}} of relations to load
    bool selected = false;           // a select query was given
};

// Splits `queries`: relationship selects (`rel.*`, `rel.field`) become the selection, filters on
// related attributes (`rel.field`) become id filters. Throws kGeneralQueryInvalid (a filter on a
// virtual side).
Reading plan_read(db::Documents& project, const Collection& collection, std::span<const db::Query> queries);

// After a get or list (documents in API form): loads the selected relations (readable by
// `actor`), and drops relationship keys Appwrite does not return raw.
void load(db::Documents& project, const Collection& collection, const Actor& actor, const Reading& reading,
          std::span<db::Document> documents);

}  // namespace basalt::databases::relationships
