// Internal: one SQLite connection with a prepared-statement cache.
#pragma once

#include <sqlite3.h>

#include <string>
#include <unordered_map>

#include "db/connection.hpp"

namespace basalt::db {

class SqliteConnection final : public Connection {
public:
    // Opens (creating) the database file in WAL mode with synchronous=NORMAL, the given busy
    // timeout, case-sensitive LIKE and a REGEXP function (ICU syntax).
    // Throws Error(kGeneralServerError) when the file cannot be opened.
    SqliteConnection(const std::string& path, int busy_timeout_ms);
    ~SqliteConnection() override;
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    std::int64_t run(const std::string& sql, std::span<const SqlValue> params,
                     const RowCallback* on_row) override;
    void run_script(const std::string& sql) override;

    // True while a transaction is open on this connection.
    bool in_transaction() const noexcept;

private:
    sqlite3_stmt* prepare(const std::string& sql);
    [[noreturn]] void fail(int rc, std::string_view sql);

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace basalt::db
