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

// Serialises read-modify-write of catalog records in this process (schema changes are rare).
std::mutex& catalog_lock();
// The collection as stored now (another change may have landed since `collection` was read).
// Throws kCollectionNotFound.
Collection reread_collection(db::Documents& project, const Collection& collection);

// Writes the collection's attributes and indexes to its record (after a schema change).
void save_schema(db::Database& project, const Collection& collection);

}  // namespace basalt::databases
