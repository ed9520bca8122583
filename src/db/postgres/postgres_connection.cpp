#include "db/postgres/postgres_connection.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstdlib>
#include <memory>
#include <vector>

#include "core/error.hpp"

namespace basalt::db {
namespace {

constexpr std::size_t kMaxCachedStatements = 512;
constexpr std::string_view kUniqueViolation = "23505";
constexpr std::string_view kFeatureNotSupported = "0A000";

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

class PostgresRow final : public Row {
public:
    PostgresRow(PGresult* result, int row) : result_(result), row_(row) {}
    bool is_null(int c) const override { return PQgetisnull(result_, row_, c) != 0; }
    std::int64_t get_int(int c) const override {
        auto text = get_text(c);
        std::int64_t n = 0;
        std::from_chars(text.data(), text.data() + text.size(), n);
        return n;
    }
    double get_double(int c) const override {
        return std::strtod(PQgetvalue(result_, row_, c), nullptr);
    }
    bool get_bool(int c) const override { return get_text(c) == "t"; }
    std::string_view get_text(int c) const override {
        return {PQgetvalue(result_, row_, c),
                static_cast<std::size_t>(PQgetlength(result_, row_, c))};
    }

private:
    PGresult* result_;
    int row_;
};

std::string_view field(const PGresult* r, int code) {
    const char* v = PQresultErrorField(r, code);
    return v == nullptr ? std::string_view{} : std::string_view{v};
}

void ignore_notice(void*, const char*) {}

}  // namespace

PostgresConnection::PostgresConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
        std::string message = PQerrorMessage(conn_);
        PQfinish(conn_);
        throw Error(ErrorType::kGeneralServerError,
                    fmt::format("Cannot connect to PostgreSQL: {}", message));
    }
    PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
}

PostgresConnection::~PostgresConnection() { PQfinish(conn_); }

bool PostgresConnection::healthy() const noexcept { return PQstatus(conn_) == CONNECTION_OK; }

const std::string& PostgresConnection::prepare(const std::string& sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
    if (statements_.size() >= kMaxCachedStatements) {
        run_script("DEALLOCATE ALL");
        statements_.clear();
    }
    auto name = fmt::format("s{}", next_statement_++);
    Result r(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr), &PQclear);
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
        throw Error(ErrorType::kGeneralServerError,
                    fmt::format("PostgreSQL prepare failed ({}) for: {}",
                                PQresultErrorMessage(r.get()), sql));
    }
    return statements_.emplace(sql, std::move(name)).first->second;
}

std::int64_t PostgresConnection::run(const std::string& sql, std::span<const SqlValue> params,
                                     const RowCallback* on_row) {
    return execute(sql, params, on_row, true);
}

std::int64_t PostgresConnection::execute(const std::string& sql, std::span<const SqlValue> params,
                                         const RowCallback* on_row, bool retry) {
    const auto& name = prepare(sql);
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
        const auto& v = params[i];
        if (const auto* b = std::get_if<bool>(&v)) {
            texts[i] = *b ? "true" : "false";
        } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
            texts[i] = std::to_string(*n);
        } else if (const auto* d = std::get_if<double>(&v)) {
            texts[i] = fmt::format("{}", *d);
        } else if (const auto* s = std::get_if<std::string>(&v)) {
            values[i] = s->c_str();
            continue;
        } else if (std::holds_alternative<std::shared_ptr<const IdSet>>(v)) {
            throw Error(ErrorType::kGeneralServerError, "Id sets are not bound on PostgreSQL");
        } else {
            continue;
        }
        values[i] = texts[i].c_str();
    }
    Result r(PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(),
                            nullptr, nullptr, 0),
             &PQclear);
    auto status = PQresultStatus(r.get());
    if (status == PGRES_TUPLES_OK) {
        if (on_row != nullptr) {
            int rows = PQntuples(r.get());
            for (int i = 0; i < rows; ++i) (*on_row)(PostgresRow(r.get(), i));
        }
        return PQntuples(r.get());
    }
    if (status == PGRES_COMMAND_OK) {
        std::string_view changed = PQcmdTuples(r.get());
        std::int64_t n = 0;
        std::from_chars(changed.data(), changed.data() + changed.size(), n);
        return n;
    }
    auto state = field(r.get(), PG_DIAG_SQLSTATE);
    std::string message = PQresultErrorMessage(r.get());
    if (state == kUniqueViolation) {
        throw UniqueViolation(message,
                              field(r.get(), PG_DIAG_CONSTRAINT_NAME).ends_with("__uid_key"));
    }
    // A table dropped and re-created with other column types invalidates the cached plan.
    if (retry && state == kFeatureNotSupported && PQtransactionStatus(conn_) == PQTRANS_IDLE) {
        statements_.erase(sql);
        return execute(sql, params, on_row, false);
    }
    throw Error(ErrorType::kGeneralServerError,
                fmt::format("PostgreSQL error {} ({}) in: {}", state, message, sql));
}

void PostgresConnection::run_script(const std::string& sql) {
    Result r(PQexec(conn_, sql.c_str()), &PQclear);
    auto status = PQresultStatus(r.get());
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    auto state = field(r.get(), PG_DIAG_SQLSTATE);
    std::string message = PQresultErrorMessage(r.get());
    if (state == kUniqueViolation) throw UniqueViolation(message, false);
    throw Error(ErrorType::kGeneralServerError,
                fmt::format("PostgreSQL error {} ({}) in: {}", state, message, sql));
}

}  // namespace basalt::db
