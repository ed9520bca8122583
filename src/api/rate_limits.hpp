// Appwrite's abuse limits: which routes are rate limited, by what keys, how often, as data.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "http/message.hpp"

namespace basalt::api {

struct RateLimitRule {
    http::Method method;
    std::string_view path;  // as registered, e.g. "/v1/account/sessions/email"
    std::int64_t limit;     // requests per window
    std::int64_t window_seconds;
    // Appwrite's abuse-key templates ({url}, {ip}, {userId}, {param-email}...); each one is a
    // counter that must have room.
    std::span<const std::string_view> keys;
    int reset_status;  // a response with this status clears the counters (0 = never)
};

// The rule for a route, or nullptr when it is not limited.
const RateLimitRule* find_rate_limit(http::Method method, std::string_view path) noexcept;

}  // namespace basalt::api
