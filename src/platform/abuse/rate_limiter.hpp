// Fixed-window rate limits, counted as Appwrite counts them for its `abuse-limit` routes.
//
// Appwrite's rule (utopia-php/abuse TimeLimit): a window of `window_seconds` starts at the
// largest multiple of `window_seconds` (since the Unix epoch) not after now. A request is
// allowed while the count before it is below the limit, and then counts; a refused request
// does not count. Remaining = max(0, limit - count_before - 1), so it reads limit-1 on the
// first request and 0 on the last allowed one and on every refused one. Reset is the end of
// the window. A limit of 0 means no limit: nothing is counted and Appwrite sends no
// X-RateLimit-* headers.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace basalt::abuse {

struct RateDecision {
    bool allowed = true;         // false: answer 429 general_rate_limit_exceeded
    std::int64_t limit = 0;      // X-RateLimit-Limit
    std::int64_t remaining = 0;  // X-RateLimit-Remaining
    std::int64_t reset = 0;      // X-RateLimit-Reset: epoch seconds when the window ends
};

// Start of the fixed window holding `now_seconds` (floor to a multiple of window_seconds,
// also before 1970). Requires window_seconds > 0.
std::int64_t window_start(std::int64_t now_seconds, std::int64_t window_seconds) noexcept;

// Throws basalt::Error(kGeneralServerError) unless limit >= 0 and window_seconds > 0. Every
// RateLimiter calls it first.
void check_rate_limit_arguments(std::int64_t limit, std::int64_t window_seconds);

// Counters per key. An in-process implementation is below; a shared one (Redis) serves
// several nodes.
//
// Arguments common to every call: `limit` >= 0 (0 = unlimited), `window_seconds` > 0,
// `now_seconds` the caller's clock (injected so tests control it). Invalid limit or window
// throw basalt::Error(kGeneralServerError): they come from route tables, not from clients.
// Thread-safety: every implementation must allow concurrent calls on one object.
class RateLimiter {
public:
    virtual ~RateLimiter() = default;

    // Counts one request for `key` in the current window unless the window is full.
    virtual RateDecision hit(std::string_view key, std::int64_t limit, std::int64_t window_seconds,
                             std::int64_t now_seconds) = 0;

    // What hit() would answer, without counting. Appwrite still sends the headers to callers
    // it does not limit (API keys, privileged users).
    virtual RateDecision peek(std::string_view key, std::int64_t limit, std::int64_t window_seconds,
                              std::int64_t now_seconds) = 0;

    // Sets the count of `key` in the current window back to zero (Appwrite's `abuse-reset`:
    // e.g. a successful session creation clears the failed attempts).
    virtual void reset(std::string_view key, std::int64_t window_seconds,
                       std::int64_t now_seconds) = 0;
};

struct MemoryRateLimiterOptions {
    // Keys held at most, over all shards. When full, ended windows are dropped first, then
    // the windows that end soonest. Each key costs roughly its length plus ~100 bytes.
    std::size_t max_keys = 100'000;
    // Independent locks; more shards mean less contention between unrelated keys.
    std::size_t shards = 16;
};

// Counters in this process only: right for a single node (`basalt serve` with every role).
// Throws basalt::Error(kGeneralServerError) if max_keys or shards is 0.
std::unique_ptr<RateLimiter> make_memory_rate_limiter(MemoryRateLimiterOptions options = {});

// Appwrite's handling of a route with several abuse keys (e.g. per email and per IP): the
// keys are checked in order, each one counted; the first key over its limit refuses the
// request and the keys after it are not counted. The answer carries the headers of the key
// with the fewest remaining requests (the first such key on ties), and allowed = false if a
// key refused. With `enforce` false (callers Appwrite does not limit) nothing is counted and
// the request is always allowed; the headers are computed all the same. With limit 0 the
// answer is {allowed, 0, 0, 0}: no headers to send.
RateDecision apply_rate_limits(RateLimiter& limiter, std::span<const std::string> keys,
                               std::int64_t limit, std::int64_t window_seconds,
                               std::int64_t now_seconds, bool enforce);

}  // namespace basalt::abuse
