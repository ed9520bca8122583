#include "auth/app_urls.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "core/error.hpp"
#include "core/net.hpp"

namespace basalt::auth {
namespace {

struct UrlDeleter {
    void operator()(CURLU* url) const noexcept { curl_url_cleanup(url); }
};
using Url = std::unique_ptr<CURLU, UrlDeleter>;

// Custom schemes (exp://, appwrite-callback-<project>://) are links into apps, and some have
// no host: both are allowed.
constexpr unsigned int kParseFlags = CURLU_NON_SUPPORT_SCHEME | CURLU_NO_AUTHORITY;

std::optional<Url> parse(std::string_view text) {
    if (text.find('\0') != std::string_view::npos) return std::nullopt;
    Url url(curl_url());
    if (!url) throw Error(ErrorType::kGeneralServerError, "Out of memory parsing a URL");
    const std::string copy(text);
    if (curl_url_set(url.get(), CURLUPART_URL, copy.c_str(), kParseFlags) != CURLUE_OK)
        return std::nullopt;
    return url;
}

// A part of the URL; "" when it has none.
std::string part(CURLU* url, CURLUPart which) {
    char* out = nullptr;
    if (curl_url_get(url, which, &out, 0) != CURLUE_OK || !out) return {};
    std::string text(out);
    curl_free(out);
    return text;
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

void set_query(CURLU* url, const char* query, unsigned int flags) {
    if (curl_url_set(url, CURLUPART_QUERY, query, flags) != CURLUE_OK) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    "Invalid `url` param: the link cannot carry the invitation");
    }
}

// The query without the pairs named like one of `params` (names compared in their encoded
// form, which for the plain ASCII names we add is the name itself).
std::string query_without(std::string_view query, std::span<const QueryParam> params) {
    std::string kept;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        const auto name = pair.substr(0, pair.find('='));
        const bool replaced = std::any_of(params.begin(), params.end(),
                                          [&](const QueryParam& p) { return p.first == name; });
        if (!pair.empty() && !replaced) {
            if (!kept.empty()) kept += '&';
            kept += pair;
        }
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return kept;
}

// The schemes browsers and web views load pages with (Appwrite's web platforms).
constexpr std::string_view kWebSchemes[] = {"http",
                                            "https",
                                            "chrome-extension",
                                            "moz-extension",
                                            "safari-web-extension",
                                            "ms-browser-extension",
                                            "tauri"};

}  // namespace

bool redirect_allowed(std::string_view url, std::span<const std::string> web_hostnames,
                      std::string_view project_id) {
    const auto parts = url_parts(url);
    if (!parts) return false;
    const auto& [scheme, host] = *parts;
    if (std::find(std::begin(kWebSchemes), std::end(kWebSchemes), scheme) !=
        std::end(kWebSchemes)) {
        if (host.empty()) return false;
        if (net::is_loopback_name(host)) return true;
        return std::any_of(
            web_hostnames.begin(), web_hostnames.end(),
            [&](const std::string& pattern) { return net::host_matches(host, lower(pattern)); });
    }
    return scheme == "exp" || scheme == "appwrite-callback-" + lower(std::string(project_id));
}

std::optional<UrlParts> url_parts(std::string_view url) {
    const auto parsed = parse(url);
    if (!parsed) return std::nullopt;
    return UrlParts{lower(part(parsed->get(), CURLUPART_SCHEME)),
                    lower(part(parsed->get(), CURLUPART_HOST))};
}

std::string with_query(std::string_view url, std::span<const QueryParam> params) {
    const auto parsed = parse(url);
    if (!parsed)
        throw Error(ErrorType::kGeneralArgumentInvalid, "Invalid `url` param: Invalid URI.");
    CURLU* u = parsed->get();
    const auto kept = query_without(part(u, CURLUPART_QUERY), params);
    set_query(u, kept.empty() ? nullptr : kept.c_str(), 0);
    for (const auto& [name, value] : params) {
        // With CURLU_URLENCODE everything but unreserved characters and the first '=' is
        // percent-encoded, and spaces become '+': PHP's http_build_query encoding.
        const auto pair = std::string(name) + "=" + std::string(value);
        set_query(u, pair.c_str(), CURLU_APPENDQUERY | CURLU_URLENCODE);
    }
    return part(u, CURLUPART_URL);
}

}  // namespace basalt::auth
