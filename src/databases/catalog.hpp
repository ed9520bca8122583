// Where users' databases and collections live in a project's document engine:
//  - a database is a record of the internal collection `databases` ($sequence N);
//  - its collections are records of the engine collection `database_N` (name, enabled,
//    documentSecurity, and the attributes and indexes as Appwrite describes them);
//  - a collection's documents are rows of the engine collection `database_N_collection_M`,
//    whose schema holds the available attributes as columns and the collection permissions.
// Collection permissions and documentSecurity are enforced by the engine from that schema.
//
// Thread-safety: free functions over a thread-safe db::Database; nothing is cached.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "databases/attributes.hpp"
#include "db/document.hpp"
#include "db/store.hpp"

namespace basalt::databases {

// A collection as the data API sees it.
struct Collection {
    db::Document database;  // the database record
    db::Document record;    // $id, dates, $permissions (collection permissions); name, enabled, documentSecurity
    std::vector<AttributeSpec> attributes;
    std::vector<IndexSpec> indexes;

    const std::string& id() const { return record.id; }
    std::string_view name() const;
    bool enabled() const;
    bool document_security() const;
    // The engine collection holding its documents.
    std::string documents_table() const;
};

// The engine collection holding the collections of `database`.
std::string collections_table(const db::Document& database);

// Databases. `type` is "legacy" (created through Databases) or "tablesdb".
db::Document create_database(db::Database& project, const std::string& id, const std::string& name,
                             bool enabled, std::string_view type);
std::optional<db::Document> find_database(db::Documents& project, std::string_view id);
db::Document update_database(db::Database& project, std::string_view id, const std::string& name, bool enabled);
// Drops every collection of the database, then the database. Throws kDatabaseNotFound.
void delete_database(db::Database& project, std::string_view id);

struct NewCollection {
    std::string id;
    std::string name;
    std::vector<std::string> permissions;
    bool document_security = false;
    bool enabled = true;
};

// Creates the catalog record and the (empty) documents table. Throws kCollectionAlreadyExists.
Collection create_collection(db::Database& project, const db::Document& database, const NewCollection& spec);
// A collection from its catalog record (as listed from collections_table(database)).
Collection collection_from(const db::Document& database, db::Document record);
std::optional<Collection> find_collection(db::Documents& project, const db::Document& database, std::string_view id);
Collection update_collection(db::Database& project, const Collection& collection, const NewCollection& changes);
// Drops the documents table and the record.
void delete_collection(db::Database& project, const Collection& collection);

// Where a collection is, for work done later (a background job): found again by ids and
// recognised by its sequence, so a collection deleted and created again under the same id is
// not taken for the old one.
struct CollectionRef {
    std::string database_id;
    std::string collection_id;
    std::int64_t sequence = 0;
};
CollectionRef ref_of(const Collection& collection);
// nullopt when the database or the collection is gone (or is another one now).
std::optional<Collection> find_collection(db::Documents& project, const CollectionRef& ref);

// Appwrite's not-found errors, naming the id (their messages are in the Databases words;
// Vocabulary::translate gives the TablesDB ones).
[[noreturn]] void database_not_found(std::string_view id);
[[noreturn]] void collection_not_found(std::string_view id);

// The database and the collection for a schema route: absent, or disabled for a caller who is
// not `privileged` (API keys and console admins), they are not found.
db::Document database_for(db::Documents& project, std::string_view id, bool privileged);
Collection collection_for(db::Documents& project, std::string_view database_id, std::string_view collection_id,
                          bool privileged);

// Calls `fn` with every record of the internal collection `table` (in pages of 100), as
// stored when its page was read. Nothing when the collection does not exist.
void for_each_record(db::Database& project, std::string_view table, const std::function<void(const db::Document&)>& fn);

// Drops an engine collection when it exists.
void drop_table(db::Database& project, std::string_view table);

// Removes the collection's catalog record only: the collection is gone for every request;
// its documents table is dropped later (drop_table(collection.documents_table())).
void forget_collection(db::Database& project, const Collection& collection);
// Removes the database's record only; its collections' tables and the table of its catalog
// are dropped later (drop_database_tables).
void forget_database(db::Database& project, const db::Document& database);
// Drops the documents table of every collection of `database` (a forgotten one), then the
// table of its catalog.
void drop_database_tables(db::Database& project, const db::Document& database);

// Serialises read-modify-write of catalog records in this process (schema changes are rare).
std::mutex& catalog_lock();
// The collection as stored now (another change may have landed since `collection` was read).
// Throws kCollectionNotFound.
Collection reread_collection(db::Documents& project, const Collection& collection);

// Writes the collection's attributes and indexes to its record (after a schema change).
void save_schema(db::Database& project, const Collection& collection);

}  // namespace basalt::databases
