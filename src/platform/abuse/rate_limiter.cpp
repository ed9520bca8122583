#include "platform/abuse/rate_limiter.hpp"

#include "core/error.hpp"

namespace basalt::abuse {

std::int64_t window_start(std::int64_t now_seconds, std::int64_t window_seconds) noexcept {
    std::int64_t remainder = now_seconds % window_seconds;
    if (remainder < 0) {
        remainder += window_seconds;
    }
    return now_seconds - remainder;
}

void check_rate_limit_arguments(std::int64_t limit, std::int64_t window_seconds) {
    if (limit < 0) {
        throw Error(ErrorType::kGeneralServerError,
                    "rate limit must not be negative, got " + std::to_string(limit));
    }
    if (window_seconds <= 0) {
        throw Error(ErrorType::kGeneralServerError,
                    "rate limit window must be positive, got " + std::to_string(window_seconds));
    }
}

RateDecision apply_rate_limits(RateLimiter& limiter, std::span<const std::string> keys,
                               std::int64_t limit, std::int64_t window_seconds,
                               std::int64_t now_seconds, bool enforce) {
    check_rate_limit_arguments(limit, window_seconds);
    RateDecision reported{true, 0, 0, 0};
    if (limit == 0) {
        return reported;
    }
    bool have_reported = false;
    for (const std::string& key : keys) {
        const RateDecision decision = enforce
                                          ? limiter.hit(key, limit, window_seconds, now_seconds)
                                          : limiter.peek(key, limit, window_seconds, now_seconds);
        // Strictly fewer: on a tie the earlier key's headers stay, as in Appwrite.
        if (!have_reported || decision.remaining < reported.remaining) {
            reported = decision;
            reported.allowed = true;
            have_reported = true;
        }
        if (enforce && !decision.allowed) {
            reported.allowed = false;
            return reported;
        }
    }
    return reported;
}

}  // namespace basalt::abuse
