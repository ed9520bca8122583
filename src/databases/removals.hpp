// Deleting databases and collections as Appwrite does: the catalog record goes at once (the
// database or collection is gone for every later request, and its id may be taken again),
// the data is dropped by a background job (a table of a million documents takes a while).
// What a crash leaves is dropped at the next start (schema_recovery.hpp).
#pragma once

#include <string_view>

#include "databases/catalog.hpp"
#include "databases/schema_jobs.hpp"

namespace basalt::databases {

// Throws kCollectionNotFound.
void remove_collection(SchemaJobs& jobs, std::string_view project_id, db::Database& project,
                       const Collection& collection);
// Throws kDatabaseNotFound.
void remove_database(SchemaJobs& jobs, std::string_view project_id, db::Database& project,
                     const db::Document& database);

}  // namespace basalt::databases
