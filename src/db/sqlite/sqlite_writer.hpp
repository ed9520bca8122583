// Internal: the one writer connection of a SQLite file, with group commit.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "db/sqlite/sqlite_connection.hpp"

namespace basalt::db {

// SQLite admits one writer at a time, and what a write transaction costs is mostly its commit.
// Writes that arrive while the connection is busy therefore join the open transaction (a batch),
// each inside its own SAVEPOINT, and the batch commits once: when no write is waiting any more,
// or when it holds `max_batch` writes, or kMaxBatchAge after its first write was done (so that
// write waits at most that long, plus one write, for the others). A lone write never waits: it
// runs in BEGIN IMMEDIATE ... COMMIT as it would without batching.
//
// Each write's function runs on its caller's thread; the connection is handed from caller to
// caller in arrival order. A write waiting for its batch to commit still holds whatever its
// caller holds, so a write's function must not wait for another thread's write. Thread-safe.
class SqliteWriter {
public:
    static constexpr std::chrono::milliseconds kMaxBatchAge{5};

    // Opens the connection (see SqliteConnection). `max_batch` >= 1; 1 commits every write alone.
    SqliteWriter(const std::string& path, int busy_timeout_ms, std::size_t max_batch);
    SqliteWriter(const SqliteWriter&) = delete;
    SqliteWriter& operator=(const SqliteWriter&) = delete;

    // Runs `fn` in the open batch (or a new one) and returns once the batch has committed.
    // When `fn` throws, its own work is undone, the batch's other writes are not affected, and
    // the exception is rethrown. Throws Error(kGeneralServerError) when the batch could not
    // commit (then none of its writes is kept), and when called from inside `fn` of another
    // write on the same thread (which could only wait forever).
    void write(const std::function<void(Connection&)>& fn);

    // Runs `fn` in a transaction of its own, after committing the open batch: for schema
    // changes, which must not share a transaction with documents written against the old
    // schema. Commits when `fn` returns; rolls back and rethrows when it throws. Refuses to
    // nest as write does.
    void write_alone(const std::function<void(Connection&)>& fn);

private:
    struct Batch;
    struct Turn;

    // Waits until this thread holds the connection (first come, first served).
    void acquire();
    // Commits the open batch when it is due, then hands the connection to the next waiter.
    void finish();
    // Hands the connection on. Needs mutex_.
    void pass_on_locked();
    // Runs `fn` inside a savepoint; undoes its work when it throws.
    void run_in_savepoint(const std::function<void(Connection&)>& fn);
    // Undoes what a failed first write of a batch did: the whole transaction.
    void abandon_batch();
    // Rolls the open transaction back, if any; a failure to do so is not reported.
    void rollback() noexcept;
    // Commits (or, after a failure, rolls back) the open batch and wakes its writes.
    void close_batch(std::string failure = {});
    // Waits until `batch` is closed; throws its failure.
    void wait_closed(Batch& batch);

    // Constant after construction.
    const std::size_t max_batch_;

    // Used only by the thread holding the connection (see acquire).
    SqliteConnection connection_;
    std::shared_ptr<Batch> batch_;  // the open transaction, null when none

    // Guarded by mutex_.
    std::mutex mutex_;
    bool busy_ = false;          // a thread holds the connection
    std::thread::id holder_;     // which one
    std::deque<Turn*> waiting_;  // threads waiting for it, in arrival order
};

}  // namespace basalt::db
