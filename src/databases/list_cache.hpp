// A per-node cache of document list pages (documents and `total`), so that the same list asked
// again (a feed, a paged table, the first page of a search) costs no SQL while nothing changed.
// Counting the matches for `total` (up to 5000 rows) and intersecting a filter with a caller's
// permission rows are the expensive parts of a list; both are skipped on a hit.
//
// Exactness on this node: every request that may write a project's documents or schemas marks
// the project as being written (DataWrite, around every non-GET data-API request) and a page is
// served from the cache only while no write to its project started since it was read, and none
// was in flight when it was read; schema changes also outdate pages (catalog_changed()). So a
// client never reads its own write's past, and a page is as fresh as a new query would be.
// Writes made by another node (PostgreSQL) are seen within `max_age` (1 s, as API keys).
//
// The key is the project, the collection's table, the caller (API keys: all of them; others: their
// roles in order), whether `total` was asked for and the query texts as sent.
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
#include "db/document.hpp"

namespace basalt::databases {

// Marks a write to the project's data as in flight for its lifetime (held around a request that
// may write, until it has committed or failed).
class DataWrite {
public:
    explicit DataWrite(std::string_view project_id);
    ~DataWrite();
    DataWrite(const DataWrite&) = delete;
    DataWrite& operator=(const DataWrite&) = delete;

    struct Counters;  // the project's writes (list_cache.cpp)

private:
    std::shared_ptr<Counters> counters_;
};

class ListCache {
public:
    using Clock = std::chrono::steady_clock;
    using Page = std::shared_ptr<const db::DocumentList>;

    // max_age 0 disables the cache (every call computes). `max_bytes` bounds the (estimated) size
    // of the cached pages; a page over a tenth of it is not cached.
    explicit ListCache(Clock::duration max_age = std::chrono::seconds(1), std::size_t max_bytes = 32u << 20);

    // The page `compute` returns for this list, from the cache when fresh.
    Page list(std::string_view project_id, const Collection& collection, const Actor& actor,
              std::span<const std::string> queries, bool with_total, const std::function<db::DocumentList()>& compute);

private:
    struct Entry {
        Page page;
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
