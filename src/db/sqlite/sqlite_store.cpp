#include "db/sqlite/sqlite_store.hpp"

#include <fmt/format.h>
#include <shared_mutex>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/engine.hpp"
#include "db/sqlite/sqlite_connection.hpp"
#include "db/sqlite/sqlite_writer.hpp"

namespace basalt::db {
namespace {

// One database file: a single writer connection that commits concurrent writes together
// (SQLite allows one writer at a time anyway) and a pool of reader connections, which WAL lets
// run beside the writer.
class SqliteBackend final : public Backend {
public:
    SqliteBackend(std::string path, const StoreOptions& options)
        : path_(std::move(path)),
          busy_timeout_ms_(options.busy_timeout_ms),
          max_idle_(options.pool_size),
          writer_(path_, busy_timeout_ms_, options.write_batch) {}

    void with_reader(const std::function<void(Connection&)>& fn) override {
        auto connection = acquire();
        struct Release {
            SqliteBackend* self;
            std::unique_ptr<SqliteConnection>& c;
            ~Release() { self->release(std::move(c)); }
        } release{this, connection};
        fn(*connection);
    }

    void with_snapshot(const std::function<void(Connection&)>& fn) override {
        static const std::string kBegin = "BEGIN";
        static const std::string kCommit = "COMMIT";
        with_reader([&](Connection& c) {
            // One read transaction (one WAL read lock) for every read of `fn`; BEGIN and COMMIT
            // through the statement cache.
            c.run(kBegin, {});
            try {
                fn(c);
            } catch (...) {
                if (static_cast<SqliteConnection&>(c).in_transaction()) c.run_script("ROLLBACK");
                throw;
            }
            c.run(kCommit, {});
        });
    }

    void with_writer(const std::function<void(Connection&)>& fn) override { writer_.write(fn); }

    bool sole_writer() const noexcept override { return true; }

    void with_schema_writer(const std::function<void(Connection&)>& fn) override {
        writer_.write_alone(fn);
    }

private:
    std::unique_ptr<SqliteConnection> acquire() {
        {
            std::lock_guard lock(readers_mutex_);
            if (!idle_.empty()) {
                auto c = std::move(idle_.back());
                idle_.pop_back();
                return c;
            }
        }
        return std::make_unique<SqliteConnection>(path_, busy_timeout_ms_);
    }

    void release(std::unique_ptr<SqliteConnection> c) {
        std::lock_guard lock(readers_mutex_);
        if (idle_.size() < max_idle_) idle_.push_back(std::move(c));
    }

    // Constant after construction.
    const std::string path_;
    const int busy_timeout_ms_;
    const std::size_t max_idle_;

    // Thread-safe by itself: the writer connection with group commit.
    SqliteWriter writer_;

    // Guarded by readers_mutex_.
    std::mutex readers_mutex_;
    std::vector<std::unique_ptr<SqliteConnection>> idle_;
};

class SqliteStore final : public Store {
public:
    SqliteStore(std::filesystem::path directory, const StoreOptions& options)
        : directory_(std::move(directory)), options_(options) {}

    std::shared_ptr<Database> platform() override { return open("platform.sqlite", "platform"); }

    std::shared_ptr<Database> project(std::string_view project_id) override {
        return open(file_of(project_id), project_id);
    }

    void drop_project(std::string_view project_id) override {
        auto file = file_of(project_id);
        std::lock_guard lock(mutex_);
        open_.erase(file);
        for (const auto* suffix : {"", "-wal", "-shm"}) {
            std::error_code ec;
            std::filesystem::remove(directory_ / (file + suffix), ec);
            if (ec) {
                throw Error(ErrorType::kGeneralServerError,
                            fmt::format("Cannot remove {}: {}", file + suffix, ec.message()));
            }
        }
    }

private:
    static std::string file_of(std::string_view project_id) {
        if (!ids::is_valid(project_id)) {
            throw Error(ErrorType::kGeneralArgumentInvalid,
                        fmt::format("Invalid project id \"{}\"", project_id));
        }
        return "project_" + std::string(project_id) + ".sqlite";
    }

    // Every request asks for its project's database: lookups share the lock.
    // `name`: "platform" or the project id (names the database's attribute key).
    std::shared_ptr<Database> open(const std::string& file, std::string_view name) {
        {
            std::shared_lock lock(mutex_);
            if (auto it = open_.find(file); it != open_.end()) return it->second;
        }
        std::lock_guard lock(mutex_);
        if (auto it = open_.find(file); it != open_.end()) return it->second;
        auto backend = std::make_unique<SqliteBackend>((directory_ / file).string(), options_);
        auto db = std::make_shared<Engine>(std::move(backend), sqlite_dialect(), "",
                                           attribute_key(options_.master_key, name));
        open_.emplace(file, db);
        return db;
    }

    // Constant after construction.
    const std::filesystem::path directory_;
    const StoreOptions options_;

    // Guarded by mutex_: open databases by file name.
    std::shared_mutex mutex_;
    std::map<std::string, std::shared_ptr<Database>, std::less<>> open_;
};

// SQLite keeps memory statistics behind one process-wide mutex that every allocation of every
// connection takes; Basalt reads none of them. Only settable before SQLite initialises, so
// once, before the first connection.
void disable_memory_statistics() {
    static const int result = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (result != SQLITE_OK) spdlog::debug("SQLite memory statistics stay on (sqlite3_config: {})", result);
}

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& directory,
                                         const StoreOptions& options) {
    disable_memory_statistics();
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec) {
        throw Error(ErrorType::kGeneralServerError,
                    fmt::format("Cannot create {}: {}", directory.string(), ec.message()));
    }
    return std::make_unique<SqliteStore>(directory, options);
}

}  // namespace basalt::db
