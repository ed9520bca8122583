// A per-node cache of document list responses (the rendered page: documents and `total`), so that
// the same list asked again (a feed, a paged table, the first page of a search) costs no SQL and
// no rendering while nothing changed. Counting the matches for `total` (up to 5000 rows),
// intersecting a filter with a caller's permission rows and rendering the documents are the
// expensive parts of a list; all are skipped on a hit.
//
// Exactness on this node: the project's engine counts its write transactions, begun and ended
// (db::Database::write_counts), whatever made them (any route, a relationship cascade, a
// transaction's commit, a schema job), and a page is served from the cache only while no write
// to its project began since it was read, and none was in flight when it was read; schema
// changes also outdate pages (catalog_changed()). So a client never reads its own write's past,
// and a page is as fresh as a new query would be.
// Writes made by another node (PostgreSQL) are seen within `max_age` (1 s there, as API keys;
// unbounded with SQLite, whose files only this process writes).
//
// The key is the project, the collection's table, the caller (API keys: all of them; others: their
// roles in order), whether `total` was asked for, the query texts as sent and a variant (what else
// the rendering depends on: the response format). One cache per vocabulary.
//
// Thread-safety: every member may be called from any thread; pages are immutable snapshots.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "databases/documents.hpp"

namespace basalt::databases {

class ListCache {
public:
    using Clock = std::chrono::steady_clock;
    using Body = std::shared_ptr<const std::string>;

    // max_age 0 disables the cache (every call renders). `max_bytes` bounds the size of the cached
    // bodies; a body over a tenth of it is not cached.
    explicit ListCache(Clock::duration max_age = std::chrono::seconds(1), std::size_t max_bytes = 32u << 20);

    // The body `render` returns for this list (it runs the list and renders it), from the cache
    // when fresh. What `render` throws is not cached.
    Body list(std::string_view project_id, const db::Database& project, const Collection& collection, const Actor& actor,
              std::span<const std::string> queries, bool with_total, std::string_view variant,
              const std::function<std::string()>& render);

private:
    struct Entry {
        Body body;
        std::uint64_t writes = 0;   // the project's write count when read
        std::uint64_t catalog = 0;  // the catalog generation when read
        Clock::time_point loaded;
        std::size_t bytes = 0;
    };

    Clock::duration max_age_;
    std::size_t max_bytes_;
    std::size_t bytes_ = 0;  // of the entries
    std::shared_mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace basalt::databases
