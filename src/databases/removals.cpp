#include "databases/removals.hpp"

#include <mutex>

#include "databases/relationships.hpp"

namespace basalt::databases {

void remove_collection(SchemaJobs& jobs, std::string_view project_id, db::Database& project,
                       const Collection& collection) {
    // Relationships touching it go first, both sides (each change takes the catalog lock).
    relationships::forget_collection(project, collection);
    {
        std::lock_guard lock(catalog_lock());
        forget_collection(project, collection);
    }
    jobs.submit(project_id, "drop collection " + collection.id(),
                [table = collection.documents_table()](db::Database& p) { drop_table(p, table); });
}

void remove_database(SchemaJobs& jobs, std::string_view project_id, db::Database& project,
                     const db::Document& database) {
    {
        std::lock_guard lock(catalog_lock());
        forget_database(project, database);
    }
    jobs.submit(project_id, "drop database " + database.id,
                [database](db::Database& p) { drop_database_tables(p, database); });
}

}  // namespace basalt::databases
