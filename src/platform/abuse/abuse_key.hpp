// Appwrite's abuse keys: per-route templates such as "url:{url},email:{param-email}" filled
// from the request to name the counter a request is limited by.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace basalt::abuse {

// A route without its own `abuse-key` is limited per URL and client address, over an hour.
inline constexpr std::string_view kDefaultAbuseKey = "url:{url},ip:{ip}";
inline constexpr std::int64_t kDefaultAbuseWindowSeconds = 3600;

// One placeholder value; `name` without braces. Appwrite's names: projectId, userId,
// userAgent, ip, url (host name + route path, e.g. "localhost/v1/account/sessions/email"),
// method, chunkId, and param-<name> for each request parameter.
struct AbuseKeyParam {
    std::string_view name;
    std::string_view value;
};

// Replaces each "{name}" in `pattern` with the value of the first param of that name (an
// empty value too). Placeholders without a param stay as written: Appwrite sets
// param-<name> only for non-empty parameters, so callers pass those only, and requests
// without the parameter share one counter. Values are inserted once, never re-scanned for
// placeholders. Pure function; thread-safe.
std::string render_abuse_key(std::string_view pattern, std::span<const AbuseKeyParam> params);

}  // namespace basalt::abuse
