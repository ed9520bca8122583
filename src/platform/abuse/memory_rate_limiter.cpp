#include "platform/abuse/memory_rate_limiter.hpp"

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "core/crypto.hpp"
#include "core/error.hpp"

namespace basalt::abuse {
namespace {

// Keys embed request parameters (emails, URLs), so a client controls their length; longer
// keys are kept as their SHA-256 to bound memory per key.
constexpr std::size_t kMaxStoredKeyBytes = 256;

// Fewest inserts between two sweeps of a shard that is not full.
constexpr std::size_t kMinInsertsBetweenSweeps = 64;

// The same key under two window lengths is two counters, as in Appwrite, where the window
// start is part of the stored key.
std::string stored_key(std::string_view key, std::int64_t window_seconds) {
    std::string stored = std::to_string(window_seconds);
    if (key.size() <= kMaxStoredKeyBytes) {
        stored += ':';
        stored += key;
    } else {
        stored += '#';
        stored += crypto::sha256_hex(key);
    }
    return stored;
}

}  // namespace

MemoryRateLimiter::MemoryRateLimiter(MemoryRateLimiterOptions options)
    : shard_count_(options.shards),
      max_keys_per_shard_(
          options.shards == 0 ? 0 : (options.max_keys + options.shards - 1) / options.shards) {
    if (options.shards == 0 || options.max_keys == 0) {
        throw Error(ErrorType::kGeneralServerError,
                    "memory rate limiter needs at least one shard and one key");
    }
    shards_ = std::make_unique<Shard[]>(shard_count_);
}

RateDecision MemoryRateLimiter::hit(std::string_view key, std::int64_t limit,
                                    std::int64_t window_seconds, std::int64_t now_seconds) {
    return decide(key, limit, window_seconds, now_seconds, true);
}

RateDecision MemoryRateLimiter::peek(std::string_view key, std::int64_t limit,
                                     std::int64_t window_seconds, std::int64_t now_seconds) {
    return decide(key, limit, window_seconds, now_seconds, false);
}

void MemoryRateLimiter::reset(std::string_view key, std::int64_t window_seconds,
                              std::int64_t now_seconds) {
    check_rate_limit_arguments(0, window_seconds);
    (void)now_seconds;  // A window other than the current one has ended or not begun: zero too.
    const std::string stored = stored_key(key, window_seconds);
    Shard& shard = shard_for(stored);
    const std::lock_guard lock(shard.mutex);
    shard.windows.erase(stored);
}

std::size_t MemoryRateLimiter::key_count() const {
    std::size_t total = 0;
    for (std::size_t i = 0; i < shard_count_; ++i) {
        const std::lock_guard lock(shards_[i].mutex);
        total += shards_[i].windows.size();
    }
    return total;
}

RateDecision MemoryRateLimiter::decide(std::string_view key, std::int64_t limit,
                                       std::int64_t window_seconds, std::int64_t now_seconds,
                                       bool count) {
    check_rate_limit_arguments(limit, window_seconds);
    const std::int64_t start = window_start(now_seconds, window_seconds);
    RateDecision decision{true, limit, 0, start + window_seconds};
    if (limit == 0) {
        return decision;
    }

    const std::string stored = stored_key(key, window_seconds);
    Shard& shard = shard_for(stored);
    const std::lock_guard lock(shard.mutex);
    auto it = shard.windows.find(stored);
    std::int64_t before = 0;
    if (it != shard.windows.end()) {
        if (it->second.start == start) {
            before = it->second.count;
        } else {
            it->second = Window{start, start + window_seconds, 0};  // a new window began
        }
    }
    decision.allowed = before < limit;
    decision.remaining = std::max<std::int64_t>(0, limit - before - 1);
    if (!count || !decision.allowed) {
        return decision;
    }
    if (it == shard.windows.end()) {
        make_room(shard, now_seconds);
        it = shard.windows.emplace(stored, Window{start, start + window_seconds, 0}).first;
        ++shard.inserts_since_sweep;
    }
    ++it->second.count;
    return decision;
}

MemoryRateLimiter::Shard& MemoryRateLimiter::shard_for(const std::string& stored) {
    return shards_[std::hash<std::string>{}(stored) % shard_count_];
}

void MemoryRateLimiter::make_room(Shard& shard, std::int64_t now_seconds) const {
    auto& windows = shard.windows;
    // Sweeping after as many inserts as the last sweep left keys keeps the cost O(1) per
    // insert on average while ended windows do not pile up below the cap.
    if (windows.size() < max_keys_per_shard_ &&
        shard.inserts_since_sweep < std::max(shard.size_after_sweep, kMinInsertsBetweenSweeps)) {
        return;
    }
    std::erase_if(windows,
                  [now_seconds](const auto& entry) { return entry.second.end <= now_seconds; });
    if (windows.size() >= max_keys_per_shard_) {
        // Still full of live windows: give up those that would be forgotten first anyway, an
        // eighth of the shard at once so that a flood of new keys does not sweep every time.
        std::vector<std::unordered_map<std::string, Window>::iterator> live;
        live.reserve(windows.size());
        for (auto it = windows.begin(); it != windows.end(); ++it) {
            live.push_back(it);
        }
        const std::size_t evict = std::max<std::size_t>(1, max_keys_per_shard_ / 8);
        const auto by_end = [](const auto& a, const auto& b) {
            return a->second.end < b->second.end;
        };
        std::nth_element(live.begin(), live.begin() + static_cast<std::ptrdiff_t>(evict - 1),
                         live.end(), by_end);
        for (std::size_t i = 0; i < evict; ++i) {
            windows.erase(live[i]);
        }
    }
    shard.inserts_since_sweep = 0;
    shard.size_after_sweep = windows.size();
}

std::unique_ptr<RateLimiter> make_memory_rate_limiter(MemoryRateLimiterOptions options) {
    return std::make_unique<MemoryRateLimiter>(options);
}

}  // namespace basalt::abuse
