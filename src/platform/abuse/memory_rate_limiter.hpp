// The in-process RateLimiter: counters in sharded hash maps, bounded in size.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "platform/abuse/rate_limiter.hpp"

namespace basalt::abuse {

// See RateLimiter for the contract. Thread-safety: all members may be called concurrently;
// calls on keys in different shards do not contend.
class MemoryRateLimiter final : public RateLimiter {
public:
    // Throws basalt::Error(kGeneralServerError) if options.max_keys or options.shards is 0.
    explicit MemoryRateLimiter(MemoryRateLimiterOptions options = {});

    RateDecision hit(std::string_view key, std::int64_t limit, std::int64_t window_seconds,
                     std::int64_t now_seconds) override;
    RateDecision peek(std::string_view key, std::int64_t limit, std::int64_t window_seconds,
                      std::int64_t now_seconds) override;
    void reset(std::string_view key, std::int64_t window_seconds,
               std::int64_t now_seconds) override;

    // Keys currently held (ended windows may linger until a sweep); for tests and metrics.
    std::size_t key_count() const;

private:
    struct Window {
        std::int64_t start = 0;
        std::int64_t end = 0;
        std::int64_t count = 0;
    };
    struct Shard {
        mutable std::mutex mutex;
        std::unordered_map<std::string, Window> windows;  // guarded by mutex
        std::size_t inserts_since_sweep = 0;              // guarded by mutex
        std::size_t size_after_sweep = 0;                 // guarded by mutex
    };

    RateDecision decide(std::string_view key, std::int64_t limit, std::int64_t window_seconds,
                        std::int64_t now_seconds, bool count);
    Shard& shard_for(const std::string& stored_key);
    // Makes room for one more key in `shard` (mutex held).
    void make_room(Shard& shard, std::int64_t now_seconds) const;

    // Constant after construction.
    std::size_t shard_count_;
    std::size_t max_keys_per_shard_;
    std::unique_ptr<Shard[]> shards_;
};

}  // namespace basalt::abuse
