// Request cookies and Set-Cookie values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace basalt::http {

// The value of cookie `name` from the Cookie header, percent-decoded; nullopt when absent.
std::optional<std::string> cookie(const Request& request, std::string_view name);

struct SetCookie {
    std::string name;
    std::string value;                // percent-encoded when written
    std::int64_t expires_seconds = 0;  // epoch seconds; 0 = a session cookie
    std::string domain;               // empty = host-only
    bool secure = false;
    bool http_only = true;
    std::string same_site;  // "", "None", "Lax", "Strict"
};

// The Set-Cookie header value, path "/".
std::string set_cookie_header(const SetCookie& cookie);

}  // namespace basalt::http
