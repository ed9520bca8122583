// Finishing, at start-up, the schema work a stop or crash interrupted in one project: indexes
// left `processing` are built (or found built: the engine builds in one transaction) and those
// left `deleting` dropped; tables of deleted databases and collections that were not dropped
// yet are dropped. Runs on the SchemaJobs thread before any new job.
#pragma once

namespace basalt::db {
class Database;
}

namespace basalt::databases {

void recover_project(db::Database& project);

}  // namespace basalt::databases
