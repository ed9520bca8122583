#include "databases/catalog_cache.hpp"

#include <atomic>
#include <mutex>

namespace basalt::databases {
namespace {

std::atomic<std::uint64_t> g_generation{1};

// require_collection depends on the actor only through privileged(): API keys also see
// disabled databases and collections.
std::string key_of(std::string_view project_id, std::string_view database_id, std::string_view collection_id,
                   const Actor& actor) {
    std::string key;
    key.reserve(project_id.size() + database_id.size() + collection_id.size() + 4);
    key.append(project_id).push_back('\0');
    key.append(database_id).push_back('\0');
    key.append(collection_id).push_back('\0');
    key.push_back(actor.privileged() ? 'k' : 'u');
    return key;
}

}  // namespace

void catalog_changed() noexcept { g_generation.fetch_add(1, std::memory_order_acq_rel); }

std::uint64_t catalog_generation() noexcept { return g_generation.load(std::memory_order_acquire); }

CatalogCache::CatalogCache(Clock::duration max_age, std::size_t max_entries)
    : max_age_(max_age), max_entries_(max_entries) {}

std::shared_ptr<const Collection> CatalogCache::collection(db::Documents& project, std::string_view project_id,
                                                           std::string_view database_id,
                                                           std::string_view collection_id, const Actor& actor) {
    auto key = key_of(project_id, database_id, collection_id, actor);
    // Read before loading: a change landing during the load outdates what is loaded.
    const auto generation = catalog_generation();
    const auto now = Clock::now();
    {
        const std::shared_lock lock(mutex_);
        const auto it = entries_.find(key);
        if (it != entries_.end() && it->second.generation == generation && now - it->second.loaded < max_age_) {
            return it->second.collection;
        }
    }
    auto loaded = std::make_shared<const Collection>(require_collection(project, database_id, collection_id, actor));
    const std::unique_lock lock(mutex_);
    // Many projects and collections: start over rather than track usage (a miss costs two reads).
    if (entries_.size() >= max_entries_) entries_.clear();
    entries_.insert_or_assign(std::move(key), Entry{.collection = loaded, .generation = generation, .loaded = now});
    return loaded;
}

}  // namespace basalt::databases
