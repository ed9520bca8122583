#include "databases/catalog_cache.hpp"

#include <atomic>

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

CatalogCache::CatalogCache(Clock::duration max_age, std::size_t max_entries) : entries_(max_age, max_entries) {}

std::shared_ptr<const Collection> CatalogCache::collection(db::Documents& project, std::string_view project_id,
                                                           std::string_view database_id,
                                                           std::string_view collection_id, const Actor& actor) {
    auto key = key_of(project_id, database_id, collection_id, actor);
    const auto generation = catalog_generation();
    const auto now = Clock::now();
    if (auto hit = entries_.find(key, generation, now)) return hit;
    auto loaded = std::make_shared<const Collection>(require_collection(project, database_id, collection_id, actor));
    entries_.put(std::move(key), loaded, generation, now);
    return loaded;
}

}  // namespace basalt::databases
