#include "db/postgres/postgres_store.hpp"

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/dialect.hpp"
#include "db/engine.hpp"
#include "db/postgres/postgres_connection.hpp"

namespace basalt::db {
namespace {

// How long a caller waits for a pooled connection before opening an extra one. Waiting for
// ever could deadlock a writer that needs a reader (schema cache miss) while all are taken.
constexpr std::chrono::milliseconds kPoolWait{2000};

class Pool {
public:
    Pool(std::string url, std::size_t size) : url_(std::move(url)), size_(size) {
        release(std::make_unique<PostgresConnection>(url_));  // fail early when unreachable
    }

    std::unique_ptr<PostgresConnection> acquire() {
        std::unique_lock lock(mutex_);
        bool available =
            ready_.wait_for(lock, kPoolWait, [&] { return !idle_.empty() || open_ < size_; });
        if (available && !idle_.empty()) {
            auto c = std::move(idle_.back());
            idle_.pop_back();
            return c;
        }
        ++open_;
        lock.unlock();
        try {
            return std::make_unique<PostgresConnection>(url_);
        } catch (...) {
            std::lock_guard relock(mutex_);
            --open_;
            ready_.notify_one();
            throw;
        }
    }

    void release(std::unique_ptr<PostgresConnection> c) {
        std::lock_guard lock(mutex_);
        if (c->healthy() && idle_.size() < size_) {
            idle_.push_back(std::move(c));
            if (open_ < idle_.size()) open_ = idle_.size();
        } else if (open_ > 0) {
            --open_;
        }
        ready_.notify_one();
    }

private:
    // Constant after construction.
    const std::string url_;
    const std::size_t size_;

    // Guarded by mutex_.
    std::mutex mutex_;
    std::condition_variable ready_;
    std::vector<std::unique_ptr<PostgresConnection>> idle_;
    std::size_t open_ = 0;  // connections handed out or idle
};

class Lease {
public:
    explicit Lease(Pool& pool) : pool_(pool), c_(pool.acquire()) {}
    ~Lease() { pool_.release(std::move(c_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    PostgresConnection& operator*() { return *c_; }

private:
    Pool& pool_;
    std::unique_ptr<PostgresConnection> c_;
};

// Installs PostGIS when it is missing and the role may (CREATE EXTENSION needs a superuser or
// the database owner with the package installed); true when it is there afterwards.
bool ensure_postgis(Pool& pool) {
    Lease lease(pool);
    auto& c = *lease;
    try {
        c.run_script("CREATE EXTENSION IF NOT EXISTS postgis");
    } catch (const std::exception&) {
        // Not installed or not allowed: spatial queries and indexes answer a clear error.
    }
    bool present = false;
    RowCallback found = [&present](const Row&) { present = true; };
    c.run("SELECT 1 FROM pg_extension WHERE extname = 'postgis'", {}, &found);
    return present;
}

class PostgresBackend final : public Backend {
public:
    PostgresBackend(Pool& pool, bool postgis) : pool_(pool), postgis_(postgis) {}

    bool supports_spatial() const noexcept override { return postgis_; }

    void with_reader(const std::function<void(Connection&)>& fn) override {
        Lease lease(pool_);
        fn(*lease);
    }

    void with_writer(const std::function<void(Connection&)>& fn) override {
        Lease lease(pool_);
        auto& c = *lease;
        c.run_script("BEGIN");
        try {
            fn(c);
        } catch (...) {
            if (c.healthy()) c.run_script("ROLLBACK");
            throw;
        }
        c.run_script("COMMIT");
    }

private:
    Pool& pool_;
    const bool postgis_;
};

class PostgresStore final : public Store {
public:
    PostgresStore(const std::string& url, const StoreOptions& options)
        : pool_(url, options.pool_size), master_key_(options.master_key), postgis_(ensure_postgis(pool_)) {}

    std::shared_ptr<Database> platform() override { return open("platform", "platform"); }

    std::shared_ptr<Database> project(std::string_view project_id) override {
        return open(schema_of(project_id), project_id);
    }

    void drop_project(std::string_view project_id) override {
        auto schema = schema_of(project_id);
        std::lock_guard lock(mutex_);
        open_.erase(schema);
        Lease lease(pool_);
        (*lease).run_script(fmt::format("DROP SCHEMA IF EXISTS {} CASCADE", quote(schema)));
    }

private:
    static std::string schema_of(std::string_view project_id) {
        if (!ids::is_valid(project_id)) {
            throw Error(ErrorType::kGeneralArgumentInvalid,
                        fmt::format("Invalid project id \"{}\"", project_id));
        }
        return fmt::format("p_{}", project_id);
    }

    // `name`: "platform" or the project id (names the database's attribute key).
    std::shared_ptr<Database> open(const std::string& schema, std::string_view name) {
        std::lock_guard lock(mutex_);
        if (auto it = open_.find(schema); it != open_.end()) return it->second;
        {
            Lease lease(pool_);
            try {
                (*lease).run_script(fmt::format("CREATE SCHEMA IF NOT EXISTS {}", quote(schema)));
            } catch (const UniqueViolation&) {
                // Another node created it between the check and the insert: it exists now.
            }
        }
        auto db = std::make_shared<Engine>(std::make_unique<PostgresBackend>(pool_, postgis_),
                                           postgres_dialect(), quote(schema) + ".",
                                           attribute_key(master_key_, name));
        open_.emplace(schema, db);
        return db;
    }

    Pool pool_;
    const std::string master_key_;
    const bool postgis_;

    // Guarded by mutex_: open databases by schema name.
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<Database>, std::less<>> open_;
};

}  // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& url, const StoreOptions& options) {
    return std::make_unique<PostgresStore>(url, options);
}

}  // namespace basalt::db
