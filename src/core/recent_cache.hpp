// A per-node cache of values read from the database (immutable snapshots by key), for records that
// every request of a kind reads and that rarely change: a collection's definition, a bucket.
//
// Freshness is the caller's rule, made of two parts:
//  - a generation the caller bumps on every write of such a record on this node: an entry read
//    at another generation is never served (read the generation before loading, so that a write
//    landing during the load outdates what was loaded);
//  - `max_age`: writes made by another node (PostgreSQL) are seen within it.
// Full: it starts over rather than track usage (a miss costs a read or two).
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace basalt {

template <typename Value>
class RecentCache {
public:
    using Clock = std::chrono::steady_clock;

    RecentCache(Clock::duration max_age, std::size_t max_entries) : max_age_(max_age), max_entries_(max_entries) {}

    // The value stored under `key` at `generation` less than max_age before `now`, or null.
    std::shared_ptr<const Value> find(const std::string& key, std::uint64_t generation, Clock::time_point now) const {
        const std::shared_lock lock(mutex_);
        const auto it = entries_.find(key);
        if (it == entries_.end() || it->second.generation != generation || now - it->second.loaded >= max_age_)
            return nullptr;
        return it->second.value;
    }

    // Stores `value`, read at `generation` and `now` (both taken before reading it).
    void put(std::string key, std::shared_ptr<const Value> value, std::uint64_t generation, Clock::time_point now) {
        const std::unique_lock lock(mutex_);
        if (entries_.size() >= max_entries_) entries_.clear();
        entries_.insert_or_assign(std::move(key), Entry{.value = std::move(value), .generation = generation, .loaded = now});
    }

private:
    struct Entry {
        std::shared_ptr<const Value> value;
        std::uint64_t generation = 0;
        Clock::time_point loaded;
    };

    const Clock::duration max_age_;
    const std::size_t max_entries_;
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;  // guarded by mutex_
};

}  // namespace basalt
