#include "db/sqlite/sqlite_writer.hpp"

#include <exception>
#include <thread>

#include "core/error.hpp"

namespace basalt::db {
namespace {

// Transaction control through the statement cache: prepared once per connection.
const std::string kBegin = "BEGIN IMMEDIATE";
const std::string kCommit = "COMMIT";
const std::string kRollback = "ROLLBACK";
const std::string kSavepoint = "SAVEPOINT write";
const std::string kRelease = "RELEASE write";
const std::string kRollbackTo = "ROLLBACK TO write";

using Clock = std::chrono::steady_clock;

std::string message_of(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& ex) {
        return ex.what();
    } catch (...) {
        return "unknown error";
    }
}

}  // namespace

struct SqliteWriter::Batch {
    Clock::time_point began;  // when its first write was done
    std::size_t writes = 0;   // writes whose work is in the transaction
    // Guarded by mutex_.
    bool closed = false;
    std::string failure;  // why the batch was not committed; empty when it was
    std::condition_variable closed_cv;
};

struct SqliteWriter::Turn {
    bool granted = false;  // guarded by mutex_
    std::condition_variable cv;
};

SqliteWriter::SqliteWriter(const std::string& path, int busy_timeout_ms, std::size_t max_batch)
    : max_batch_(max_batch < 1 ? 1 : max_batch), connection_(path, busy_timeout_ms) {}

void SqliteWriter::write(const std::function<void(Connection&)>& fn) {
    acquire();
    if (!batch_) {
        try {
            connection_.run(kBegin, {}, nullptr);
        } catch (...) {
            finish();
            throw;
        }
        batch_ = std::make_shared<Batch>();
    }
    auto batch = batch_;
    try {
        // The first write of a batch needs no savepoint: when it fails, nothing else is in the
        // transaction yet, and a plain rollback undoes it.
        if (batch->writes == 0) {
            fn(connection_);
        } else {
            run_in_savepoint(fn);
        }
    } catch (...) {
        if (batch->writes == 0) abandon_batch();
        finish();
        throw;
    }
    // The batch's age counts from here: how long this first write may wait for later ones.
    if (batch->writes == 0) batch->began = Clock::now();
    ++batch->writes;
    finish();
    wait_closed(*batch);
}

void SqliteWriter::write_alone(const std::function<void(Connection&)>& fn) {
    acquire();
    if (batch_) close_batch();
    try {
        connection_.run(kBegin, {}, nullptr);
        fn(connection_);
        connection_.run(kCommit, {}, nullptr);
    } catch (...) {
        rollback();
        std::lock_guard lock(mutex_);
        pass_on_locked();
        throw;
    }
    std::lock_guard lock(mutex_);
    pass_on_locked();
}

void SqliteWriter::acquire() {
    std::unique_lock lock(mutex_);
    const auto me = std::this_thread::get_id();
    if (busy_ && holder_ == me) {
        // Waiting would never end: this thread holds the connection in an enclosing write.
        throw Error(ErrorType::kGeneralServerError,
                    "A write from inside a write transaction on the same database: use its handle");
    }
    if (busy_) {
        Turn turn;
        waiting_.push_back(&turn);
        turn.cv.wait(lock, [&] { return turn.granted; });
    }
    busy_ = true;
    holder_ = me;
}

void SqliteWriter::finish() {
    bool due = false;
    if (batch_) {
        std::lock_guard lock(mutex_);
        due = waiting_.empty() || batch_->writes >= max_batch_ ||
              Clock::now() - batch_->began >= kMaxBatchAge;
    }
    if (due) close_batch();
    std::lock_guard lock(mutex_);
    pass_on_locked();
}

void SqliteWriter::pass_on_locked() {
    holder_ = {};
    if (waiting_.empty()) {
        busy_ = false;
        return;
    }
    Turn* next = waiting_.front();
    waiting_.pop_front();
    next->granted = true;
    // Under the lock: once granted, the waiter may return and destroy its turn.
    next->cv.notify_one();
}

void SqliteWriter::run_in_savepoint(const std::function<void(Connection&)>& fn) {
    connection_.run(kSavepoint, {}, nullptr);
    try {
        fn(connection_);
        connection_.run(kRelease, {}, nullptr);
    } catch (...) {
        auto failure = std::current_exception();
        // Some errors (I/O, full disk, out of memory) make SQLite roll the whole transaction
        // back: then the batch's earlier writes are lost too, and they must hear it.
        if (!connection_.in_transaction()) {
            close_batch("The write transaction was rolled back: " + message_of(failure));
            throw;
        }
        try {
            connection_.run(kRollbackTo, {}, nullptr);
            connection_.run(kRelease, {}, nullptr);
        } catch (...) {
            close_batch("Could not undo a failed write: " + message_of(std::current_exception()));
        }
        throw;
    }
}

void SqliteWriter::abandon_batch() {
    rollback();
    batch_.reset();  // nobody else waits on it
}

void SqliteWriter::rollback() noexcept {
    if (!connection_.in_transaction()) return;
    try {
        connection_.run_script(kRollback);
    } catch (const std::exception&) {
        // ROLLBACK fails only on misuse; the caller already reports the failure that led here,
        // and a transaction left open makes the next BEGIN fail loudly rather than silently.
    }
}

void SqliteWriter::close_batch(std::string failure) {
    auto batch = std::move(batch_);
    if (failure.empty()) {
        try {
            connection_.run(kCommit, {}, nullptr);
        } catch (...) {
            failure = message_of(std::current_exception());
        }
    }
    if (!failure.empty()) rollback();
    {
        std::lock_guard lock(mutex_);
        batch->closed = true;
        batch->failure = std::move(failure);
    }
    batch->closed_cv.notify_all();
}

void SqliteWriter::wait_closed(Batch& batch) {
    std::unique_lock lock(mutex_);
    batch.closed_cv.wait(lock, [&] { return batch.closed; });
    if (!batch.failure.empty()) throw Error(ErrorType::kGeneralServerError, batch.failure);
}

}  // namespace basalt::db
