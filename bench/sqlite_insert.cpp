// basalt_bench_sqlite_insert: the floor for document creation on SQLite. Raw single-row INSERT
// transactions (one BEGIN IMMEDIATE / INSERT / COMMIT per row, one prepared statement) into a
// table shaped like a small collection, with the pragmas the engine uses (WAL,
// synchronous=NORMAL). From 1 thread, or from N threads sharing one connection behind a mutex.
// Prints one line of JSON.
//
//   basalt_bench_sqlite_insert DIR [--threads 1] [--seconds 5]
#include <fmt/format.h>
#include <sqlite3.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// The table and indexes the engine creates for a collection with two attributes (name, age)
// and no permissions: _uid unique, _createdAt and _updatedAt indexed.
constexpr const char* kSchema = R"(
    CREATE TABLE items ("_id" INTEGER PRIMARY KEY AUTOINCREMENT, "_uid" TEXT NOT NULL UNIQUE,
                        "_createdAt" INTEGER NOT NULL, "_updatedAt" INTEGER NOT NULL,
                        "_permissions" TEXT NOT NULL, "name" TEXT, "age" INTEGER);
    CREATE INDEX items_created ON items ("_createdAt");
    CREATE INDEX items_updated ON items ("_updatedAt");
)";

constexpr const char* kInsert =
    R"(INSERT INTO items ("_uid", "_createdAt", "_updatedAt", "_permissions", "name", "age"))"
    " VALUES (?, ?, ?, '[]', ?, ?)";

void check(sqlite3* db, int rc, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE) {
        throw std::runtime_error(fmt::format("{}: {}", what, sqlite3_errmsg(db)));
    }
}

// One connection with the engine's pragmas, the insert and the transaction statements prepared.
class Inserter {
public:
    explicit Inserter(const std::string& path) {
        check(db_, sqlite3_open(path.c_str(), &db_), "open");
        check(db_,
              sqlite3_exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", nullptr,
                           nullptr, nullptr),
              "pragmas");
        check(db_, sqlite3_exec(db_, kSchema, nullptr, nullptr, nullptr), "schema");
        for (auto [sql, stmt] : {std::pair{"BEGIN IMMEDIATE", &begin_},
                                 std::pair{kInsert, &insert_}, std::pair{"COMMIT", &commit_}}) {
            check(db_, sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, nullptr),
                  sql);
        }
    }
    ~Inserter() {
        for (auto* stmt : {begin_, insert_, commit_}) sqlite3_finalize(stmt);
        sqlite3_close(db_);
    }
    Inserter(const Inserter&) = delete;
    Inserter& operator=(const Inserter&) = delete;

    // One row in its own transaction.
    void insert(std::int64_t n) {
        const auto uid = fmt::format("d{}", n);
        const auto name = fmt::format("Item {}", n);
        const std::int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count();
        step(begin_, "BEGIN");
        sqlite3_bind_text(insert_, 1, uid.data(), static_cast<int>(uid.size()), SQLITE_STATIC);
        sqlite3_bind_int64(insert_, 2, now);
        sqlite3_bind_int64(insert_, 3, now);
        sqlite3_bind_text(insert_, 4, name.data(), static_cast<int>(name.size()), SQLITE_STATIC);
        sqlite3_bind_int64(insert_, 5, n % 100);
        step(insert_, "INSERT");
        step(commit_, "COMMIT");
    }

private:
    void step(sqlite3_stmt* stmt, const char* what) {
        const int rc = sqlite3_step(stmt);
        sqlite3_reset(stmt);
        check(db_, rc, what);
    }

    sqlite3* db_ = nullptr;
    sqlite3_stmt* begin_ = nullptr;
    sqlite3_stmt* insert_ = nullptr;
    sqlite3_stmt* commit_ = nullptr;
};

}  // namespace

int main(int argc, char** argv) {
    std::string directory;
    unsigned threads = 1;
    double seconds = 5;
    CLI::App cli{"Raw SQLite single-row insert transactions (the floor for document creation)"};
    cli.add_option("dir", directory, "Directory for the database file (created)")->required();
    cli.add_option("--threads", threads, "Threads sharing the connection")->capture_default_str();
    cli.add_option("--seconds", seconds, "Measured seconds")->capture_default_str();
    CLI11_PARSE(cli, argc, argv);
    if (threads < 1) {
        std::cerr << "--threads must be positive\n";
        return 2;
    }

    try {
        std::filesystem::create_directories(directory);
        const auto path =
            (std::filesystem::path(directory) / fmt::format("sqlite_insert_{}.sqlite", threads))
                .string();
        for (const auto* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
        Inserter inserter(path);
        std::mutex mutex;
        std::atomic<std::int64_t> next{0};
        std::atomic<bool> stop{false};
        std::string failure;  // the first error, guarded by `mutex`
        std::vector<std::thread> workers;
        const auto start = Clock::now();
        for (unsigned i = 0; i < threads; ++i) {
            workers.emplace_back([&] {
                while (!stop.load(std::memory_order_relaxed)) {
                    std::lock_guard lock(mutex);
                    try {
                        inserter.insert(next++);
                    } catch (const std::exception& e) {
                        if (failure.empty()) failure = e.what();
                        stop = true;
                    }
                }
            });
        }
        for (auto waited = 0.0; waited < seconds && !stop; waited += 0.1) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        stop = true;
        for (auto& w : workers) w.join();
        if (!failure.empty()) throw std::runtime_error(failure);
        const std::chrono::duration<double> elapsed = Clock::now() - start;
        fmt::print(R"({{"scenario":"sqlite_insert","threads":{},"seconds":{:.1f},"rows":{},)"
                   R"("rows_per_sec":{:.0f}}})"
                   "\n",
                   threads, elapsed.count(), next.load(), next.load() / elapsed.count());
    } catch (const std::exception& e) {
        std::cerr << "[sqlite_insert] " << e.what() << "\n";
        return 1;
    }
    return 0;
}
