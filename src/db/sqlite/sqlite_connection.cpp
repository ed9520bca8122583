#include "db/sqlite/sqlite_connection.hpp"

#include <fmt/format.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <memory>

#include "core/error.hpp"
#include "db/sqlite/sqlite_spatial.hpp"

namespace basalt::db {
namespace {

// Statements are cached by text; the shapes are few, but values counts vary, so bound it.
constexpr std::size_t kMaxCachedStatements = 512;

class SqliteRow final : public Row {
public:
    explicit SqliteRow(sqlite3_stmt* stmt) : stmt_(stmt) {}
    bool is_null(int c) const override { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
    std::int64_t get_int(int c) const override { return sqlite3_column_int64(stmt_, c); }
    double get_double(int c) const override { return sqlite3_column_double(stmt_, c); }
    bool get_bool(int c) const override { return sqlite3_column_int64(stmt_, c) != 0; }
    std::string_view get_text(int c) const override {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
        return {text == nullptr ? "" : text,
                static_cast<std::size_t>(sqlite3_column_bytes(stmt_, c))};
    }

private:
    sqlite3_stmt* stmt_;
};

void delete_pattern(void* p) { delete static_cast<icu::RegexPattern*>(p); }

// value REGEXP pattern -> regexp(pattern, value); the compiled pattern is kept per statement.
void regexp(sqlite3_context* ctx, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    auto* pattern = static_cast<icu::RegexPattern*>(sqlite3_get_auxdata(ctx, 0));
    bool fresh = pattern == nullptr;
    UErrorCode status = U_ZERO_ERROR;
    if (fresh) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
        UParseError parse_error;
        pattern = icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(text ? text : ""), 0,
                                             parse_error, status);
        if (U_FAILURE(status)) {
            delete pattern;
            sqlite3_result_error(ctx, "invalid regular expression", -1);
            return;
        }
    }
    const auto* value = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
    std::unique_ptr<icu::RegexMatcher> matcher(
        pattern->matcher(icu::UnicodeString::fromUTF8(value ? value : ""), status));
    bool found = U_SUCCESS(status) && matcher->find(status) && U_SUCCESS(status);
    matcher.reset();
    if (fresh) sqlite3_set_auxdata(ctx, 0, pattern, delete_pattern);
    sqlite3_result_int(ctx, found ? 1 : 0);
}

constexpr const char* kIdSetPointer = "basalt.IdSet";

// basalt_in_ids(x, set): x is one of the ids of the IdSet bound as `set`.
void in_ids(sqlite3_context* ctx, int, sqlite3_value** argv) {
    const auto* set = static_cast<const IdSet*>(sqlite3_value_pointer(argv[1], kIdSetPointer));
    if (set == nullptr || sqlite3_value_type(argv[0]) != SQLITE_INTEGER) {
        sqlite3_result_int(ctx, 0);
        return;
    }
    sqlite3_result_int(ctx, set->contains(sqlite3_value_int64(argv[0])) ? 1 : 0);
}

void bind(sqlite3_stmt* stmt, int i, const SqlValue& v) {
    if (const auto* b = std::get_if<bool>(&v)) {
        sqlite3_bind_int(stmt, i, *b ? 1 : 0);
    } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
        sqlite3_bind_int64(stmt, i, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
        sqlite3_bind_double(stmt, i, *d);
    } else if (const auto* s = std::get_if<std::string>(&v)) {
        sqlite3_bind_text(stmt, i, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
    } else if (const auto* set = std::get_if<std::shared_ptr<const IdSet>>(&v)) {
        // The caller's params outlive the statement's steps (run() resets it before returning).
        sqlite3_bind_pointer(stmt, i, const_cast<IdSet*>(set->get()), kIdSetPointer, nullptr);
    } else {
        sqlite3_bind_null(stmt, i);
    }
}

}  // namespace

SqliteConnection::SqliteConnection(const std::string& path, int busy_timeout_ms) {
    int rc =
        sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        throw Error(ErrorType::kGeneralServerError,
                    fmt::format("Cannot open SQLite database {}: {}", path, message));
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, busy_timeout_ms);
    sqlite3_create_function(db_, "regexp", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, regexp,
                            nullptr, nullptr);
    sqlite3_create_function(db_, "basalt_in_ids", 2, SQLITE_UTF8, nullptr, in_ids, nullptr,
                            nullptr);
    register_spatial_functions(db_);
    try {
        run_script("PRAGMA journal_mode = WAL");
        run_script(
            "PRAGMA synchronous = NORMAL; PRAGMA case_sensitive_like = ON; "
            "PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF");
    } catch (...) {
        sqlite3_close(db_);
        throw;
    }
}

SqliteConnection::~SqliteConnection() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
}

bool SqliteConnection::in_transaction() const noexcept { return sqlite3_get_autocommit(db_) == 0; }

void SqliteConnection::fail(int rc, std::string_view sql) {
    std::string message = sqlite3_errmsg(db_);
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        throw UniqueViolation(message, message.ends_with("._uid"));
    }
    throw Error(ErrorType::kGeneralServerError,
                fmt::format("SQLite error {} ({}) in: {}", rc, message, sql));
}

sqlite3_stmt* SqliteConnection::prepare(const std::string& sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
    if (statements_.size() >= kMaxCachedStatements) {
        for (auto& [text, stmt] : statements_) sqlite3_finalize(stmt);
        statements_.clear();
    }
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) fail(rc, sql);
    statements_.emplace(sql, stmt);
    return stmt;
}

std::int64_t SqliteConnection::run(const std::string& sql, std::span<const SqlValue> params,
                                   const RowCallback* on_row) {
    sqlite3_stmt* stmt = prepare(sql);
    struct Reset {
        sqlite3_stmt* stmt;
        ~Reset() {
            sqlite3_reset(stmt);
            sqlite3_clear_bindings(stmt);
        }
    } reset{stmt};
    for (std::size_t i = 0; i < params.size(); ++i) bind(stmt, static_cast<int>(i + 1), params[i]);
    SqliteRow row(stmt);
    while (true) {
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) fail(rc, sql);
        if (on_row != nullptr) (*on_row)(row);
    }
    return sqlite3_changes64(db_);
}

void SqliteConnection::run_script(const std::string& sql) {
    char* error = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
    if (error != nullptr) sqlite3_free(error);
    if (rc != SQLITE_OK) fail(sqlite3_extended_errcode(db_), sql);
}

}  // namespace basalt::db
