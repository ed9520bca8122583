#include "http/cookies.hpp"

#include <ctime>
#include <fmt/format.h>

#include "http/params.hpp"

namespace basalt::http {

std::optional<std::string> cookie(const Request& request, std::string_view name) {
    auto header = request.header("cookie").value_or("");
    while (!header.empty()) {
        const auto end = header.find(';');
        auto pair = header.substr(0, end);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        const auto eq = pair.find('=');
        if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
            auto value = pair.substr(eq + 1);
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
            return percent_decode(value, false);
        }
        if (end == std::string_view::npos) break;
        header.remove_prefix(end + 1);
    }
    return std::nullopt;
}

std::string set_cookie_header(const SetCookie& c) {
    std::string value;
    for (const unsigned char ch : c.value) {
        const bool plain = std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~';
        value += plain ? std::string(1, static_cast<char>(ch)) : fmt::format("%{:02X}", ch);
    }
    std::string out = c.name + "=" + value;
    if (c.expires_seconds > 0) {
        const std::time_t t = c.expires_seconds;
        std::tm tm{};
        gmtime_r(&t, &tm);
        char buf[64];
        std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        out += "; expires=";
        out += buf;
    }
    out += "; path=/";
    if (!c.domain.empty()) out += "; domain=" + c.domain;
    if (c.secure) out += "; secure";
    if (c.http_only) out += "; httponly";
    if (!c.same_site.empty()) out += "; samesite=" + c.same_site;
    return out;
}

}  // namespace basalt::http
