#include "databases/list_cache.hpp"

#include <mutex>

#include "databases/catalog_cache.hpp"

namespace basalt::databases {

namespace {

std::string key_of(std::string_view project_id, const Collection& collection, const Actor& actor,
                   std::span<const std::string> queries, bool with_total, std::string_view variant) {
    std::string key(project_id);
    key.push_back('\0');
    key += collection.documents_table();
    key.push_back('\0');
    if (actor.privileged()) {
        key.push_back('*');
    } else {
        for (const auto& role : actor.auth.roles) key.append(role).push_back('\x1f');
    }
    key.push_back('\0');
    key.push_back(with_total ? 't' : 'n');
    key.append(variant);
    for (const auto& query : queries) key.append("\x1e").append(query);
    return key;
}

}  // namespace

ListCache::ListCache(Clock::duration max_age, std::size_t max_bytes) : max_age_(max_age), max_bytes_(max_bytes) {}

ListCache::Body ListCache::list(std::string_view project_id, const db::Database& project, const Collection& collection,
                                const Actor& actor,
                                std::span<const std::string> queries, bool with_total, std::string_view variant,
                                const std::function<std::string()>& render) {
    if (max_age_ <= Clock::duration::zero()) return std::make_shared<const std::string>(render());
    // Equal counts: no write was in flight at this point, and every write begun before it has
    // ended, so the query below sees them all.
    const auto [writes, finished] = project.write_counts();
    const auto catalog = catalog_generation();
    const auto now = Clock::now();
    auto key = key_of(project_id, collection, actor, queries, with_total, variant);
    {
        const std::shared_lock lock(mutex_);
        const auto it = entries_.find(key);
        if (it != entries_.end() && it->second.writes == writes && writes == finished &&
            it->second.catalog == catalog && now - it->second.loaded < max_age_) {
            return it->second.body;
        }
    }
    auto body = std::make_shared<const std::string>(render());
    if (writes != finished) return body;  // a write was in flight: the page may not show it
    const auto bytes = body->size() + key.size() + sizeof(Entry);
    if (bytes > max_bytes_ / 10) return body;
    const std::unique_lock lock(mutex_);
    if (const auto it = entries_.find(key); it != entries_.end()) {
        bytes_ -= it->second.bytes;
        entries_.erase(it);
    }
    // Full: start over rather than track usage (a miss costs one query).
    if (bytes_ + bytes > max_bytes_) {
        entries_.clear();
        bytes_ = 0;
    }
    entries_.emplace(std::move(key), Entry{.body = body, .writes = writes, .catalog = catalog, .loaded = now, .bytes = bytes});
    bytes_ += bytes;
    return body;
}

}  // namespace basalt::databases
