// The background worker of schema work (Appwrite's "databases" queue): building and dropping
// indexes, removing the tables of deleted collections and databases. One thread runs the jobs
// one after another in the order they were queued, so two changes of one collection never
// race (a delete queued after a build runs after it).
//
// Jobs are not stored: what a stop or crash interrupts is found again from the catalog at the
// next start (see schema_recovery.hpp), which the runner does first, before any queued job.
//
// Thread-safety: submit() and wait_idle() may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace basalt::db {
class Store;
class Database;
}  // namespace basalt::db

namespace basalt::databases {

class SchemaJobs {
public:
    using ProjectIds = std::function<std::vector<std::string>()>;

    // Starts the worker thread; its first job recovers the work interrupted in every project
    // that `project_ids` names (empty function: no recovery).
    SchemaJobs(db::Store& store, ProjectIds project_ids);
    // Finishes the running job and stops; jobs still queued are dropped (recovered at the
    // next start).
    ~SchemaJobs();
    SchemaJobs(const SchemaJobs&) = delete;
    SchemaJobs& operator=(const SchemaJobs&) = delete;

    // Queues `job` (run with the project's database). `what` names it in logs. A job that
    // throws is logged; it must leave the catalog saying what happened (failed, stuck) itself.
    void submit(std::string_view project_id, std::string what, std::function<void(db::Database&)> job);

    // Blocks until no job is queued or running (tests, shutdown of tools).
    void wait_idle();

    std::size_t pending() const;

private:
    struct Job {
        std::string project_id;
        std::string what;
        std::function<void(db::Database&)> run;
    };

    void work();
    void run_one(const Job& job);
    void recover_all();

    // Constant after construction.
    db::Store& store_;
    ProjectIds project_ids_;

    // Guarded by mutex_.
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Job> queue_;
    bool busy_ = true;  // the recovery runs first
    bool stopping_ = false;

    std::thread worker_;  // last: started once everything above exists
};

}  // namespace basalt::databases
