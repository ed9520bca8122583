// Internal: what the engine needs from a SQL driver. Not used outside src/db.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace basalt::db {

// Document sequences, bound as one parameter that a Dialect::in_ids condition tests
// membership in (a list's readable documents, fetched once per request).
class IdSet {
public:
    // Takes any ids; duplicates count once.
    explicit IdSet(std::vector<std::int64_t> ids);

    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    // Constant time when the ids are dense enough for a bitmap (sequences usually are), else a
    // binary search: this runs once per row a statement examines.
    bool contains(std::int64_t id) const noexcept;

private:
    std::size_t size_ = 0;
    std::vector<std::int64_t> sorted_;  // when sparse: the ids, sorted and distinct
    std::int64_t base_ = 0;
    std::vector<std::uint64_t> bits_;  // when dense: bit i says whether base_ + i is in the set
};

// A bound parameter. Values are never pasted into SQL text.
using SqlValue = std::variant<std::monostate, bool, std::int64_t, double, std::string,
                              std::shared_ptr<const IdSet>>;

// One result row; columns by position. Text views live until the callback returns.
class Row {
public:
    virtual ~Row() = default;
    virtual bool is_null(int column) const = 0;
    virtual std::int64_t get_int(int column) const = 0;
    virtual double get_double(int column) const = 0;
    virtual bool get_bool(int column) const = 0;
    virtual std::string_view get_text(int column) const = 0;
};

using RowCallback = std::function<void(const Row&)>;

// A unique constraint failed. `on_uid` tells a duplicate document id from a unique index.
// Drivers throw it; the engine turns it into the Appwrite error before it leaves src/db.
class UniqueViolation : public std::runtime_error {
public:
    UniqueViolation(std::string detail, bool on_uid)
        : std::runtime_error(std::move(detail)), on_uid_(on_uid) {}
    bool on_uid() const noexcept { return on_uid_; }

private:
    bool on_uid_;
};

// One driver connection. Not thread-safe: used by one thread at a time.
// Other driver failures throw Error(kGeneralServerError).
class Connection {
public:
    virtual ~Connection() = default;

    // Runs one statement (prepared and cached by its text) with `params`; calls `on_row` for
    // every result row when given. Returns the number of rows changed.
    virtual std::int64_t run(const std::string& sql, std::span<const SqlValue> params,
                             const RowCallback* on_row = nullptr) = 0;

    // Runs statements without parameters (DDL, transaction control).
    virtual void run_script(const std::string& sql) = 0;
};

// One project's storage on one backend, as the engine drives it.
class Backend {
public:
    virtual ~Backend() = default;

    // Runs `fn` on a connection outside any explicit transaction (sees committed data).
    virtual void with_reader(const std::function<void(Connection&)>& fn) = 0;

    // Runs `fn` inside a write transaction: commits when it returns, rolls back and rethrows
    // when it throws. A backend may commit concurrent calls in one transaction (SQLite: group
    // commit); each call still returns only once its writes are committed, and a throwing `fn`
    // undoes only its own writes.
    virtual void with_writer(const std::function<void(Connection&)>& fn) = 0;

    // As with_writer, in a transaction holding nothing but `fn`'s writes: for schema changes,
    // whose new schema the engine publishes only after the commit.
    virtual void with_schema_writer(const std::function<void(Connection&)>& fn) { with_writer(fn); }

    // True when every write to this storage goes through this process's engine (SQLite: the
    // process owns the file), so that the engine's own write count tells when what it read
    // may have changed. False when other nodes write too (PostgreSQL).
    virtual bool sole_writer() const noexcept { return false; }

    // Runs several reads in `fn` on one connection. A backend may hold one read transaction
    // around them (SQLite: one snapshot, one lock); by default each statement reads committed
    // data, as with_reader does.
    virtual void with_snapshot(const std::function<void(Connection&)>& fn) { with_reader(fn); }

    // False when the backend cannot evaluate spatial queries and indexes (PostgreSQL without
    // the PostGIS extension); spatial values are still stored and read.
    virtual bool supports_spatial() const noexcept { return true; }
};

}  // namespace basalt::db
