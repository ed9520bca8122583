#include "db/granted_cache.hpp"

namespace basalt::db {

std::shared_ptr<const IdSet> GrantedCache::find(const std::string& key, std::uint64_t writes) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.writes != writes) return nullptr;
    return it->second.ids;
}

void GrantedCache::store(const std::string& key, std::uint64_t writes,
                         std::shared_ptr<const IdSet> ids) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= kMaxEntries && !entries_.contains(key)) {
        // Entries of older write counts are dead; when none is, start over.
        std::erase_if(entries_, [&](const auto& e) { return e.second.writes != writes; });
        if (entries_.size() >= kMaxEntries) entries_.clear();
    }
    entries_.insert_or_assign(key, Entry{writes, std::move(ids)});
}

}  // namespace basalt::db
