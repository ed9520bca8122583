// A per-node cache of resolved collections (database record + collection record + parsed
// attribute and index metadata), so the document hot paths skip two catalog reads and the JSON
// parsing of the metadata on every request.
//
// Freshness:
//  - on this node, at once: every write of a catalog record made through catalog.cpp calls
//    catalog_changed(), which outdates every entry (schema changes are rare; this keeps the rule
//    simple and safe);
//  - made by another node (PostgreSQL): an entry is reused for at most `max_age` (1 s by default,
//    as the API key cache), so another node's schema change is seen within a second.
// Only found collections are cached: a missing or disabled one is looked up again every time.
//
// Thread-safety: every member may be called from any thread; entries are immutable snapshots.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/recent_cache.hpp"
#include "databases/documents.hpp"

namespace basalt::databases {

// Outdates every cached collection of every CatalogCache in the process. Call it after writing a
// database or collection record (name, enabled, permissions, attributes, indexes, deletion).
void catalog_changed() noexcept;
// Counts catalog_changed() calls (what cached derivatives of the catalog compare against).
std::uint64_t catalog_generation() noexcept;

// Calls catalog_changed() when it goes out of scope (also when a partial change throws): the
// first line of every function that writes catalog records.
struct CatalogChange {
    CatalogChange() = default;
    CatalogChange(const CatalogChange&) = delete;
    CatalogChange& operator=(const CatalogChange&) = delete;
    ~CatalogChange() { catalog_changed(); }
};

class CatalogCache {
public:
    using Clock = RecentCache<Collection>::Clock;

    explicit CatalogCache(Clock::duration max_age = std::chrono::seconds(1), std::size_t max_entries = 10'000);

    // What require_collection(project, database_id, collection_id, actor) returns, from the cache
    // when a fresh entry exists. `project_id` names `project` (entries are per project).
    // Throws what require_collection throws.
    std::shared_ptr<const Collection> collection(db::Documents& project, std::string_view project_id,
                                                 std::string_view database_id, std::string_view collection_id,
                                                 const Actor& actor);

private:
    RecentCache<Collection> entries_;
};

}  // namespace basalt::databases
