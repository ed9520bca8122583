// Internal: one libpq connection with named prepared statements cached by SQL text.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <unordered_map>

#include "db/connection.hpp"

namespace basalt::db {

class PostgresConnection final : public Connection {
public:
    // Connects with a libpq URI. Throws Error(kGeneralServerError) when it cannot.
    explicit PostgresConnection(const std::string& url);
    ~PostgresConnection() override;
    PostgresConnection(const PostgresConnection&) = delete;
    PostgresConnection& operator=(const PostgresConnection&) = delete;

    std::int64_t run(const std::string& sql, std::span<const SqlValue> params,
                     const RowCallback* on_row) override;
    void run_script(const std::string& sql) override;

    // False once the server connection is lost (the pool then discards it).
    bool healthy() const noexcept;

private:
    const std::string& prepare(const std::string& sql);
    std::int64_t execute(const std::string& sql, std::span<const SqlValue> params,
                         const RowCallback* on_row, bool retry);

    PGconn* conn_ = nullptr;
    std::unordered_map<std::string, std::string> statements_;  // SQL -> statement name
    std::size_t next_statement_ = 0;
};

}  // namespace basalt::db
