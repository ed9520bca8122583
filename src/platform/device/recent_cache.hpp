// A small map from text to value that forgets the least recently used entry when full.
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace basalt::device {

// Thread-safety: all members may be called concurrently (one mutex; each call is O(1)).
template <typename Value>
class RecentCache {
public:
    // A capacity of 0 keeps nothing.
    explicit RecentCache(std::size_t capacity) : capacity_(capacity) {}

    std::optional<Value> find(std::string_view key) {
        const std::lock_guard lock(mutex_);
        const auto found = index_.find(key);
        if (found == index_.end()) {
            return std::nullopt;
        }
        entries_.splice(entries_.begin(), entries_, found->second);
        return found->second->second;
    }

    void insert(std::string key, Value value) {
        if (capacity_ == 0) {
            return;
        }
        const std::lock_guard lock(mutex_);
        if (const auto found = index_.find(key); found != index_.end()) {
            found->second->second = std::move(value);
            entries_.splice(entries_.begin(), entries_, found->second);
            return;
        }
        if (entries_.size() >= capacity_) {
            index_.erase(entries_.back().first);
            entries_.pop_back();
        }
        entries_.emplace_front(std::move(key), std::move(value));
        // The view points into the list node's string, which never moves.
        index_.emplace(entries_.front().first, entries_.begin());
    }

    std::size_t size() const {
        const std::lock_guard lock(mutex_);
        return entries_.size();
    }

private:
    using Entries = std::list<std::pair<std::string, Value>>;

    const std::size_t capacity_;
    mutable std::mutex mutex_;
    Entries entries_;  // guarded by mutex_; most recently used first
    std::unordered_map<std::string_view, typename Entries::iterator> index_;  // guarded by mutex_
};

}  // namespace basalt::device
