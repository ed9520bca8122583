// Links Basalt sends users to (magic URLs, recovery and verification links, invitations, OAuth2
// success and failure pages): the check of the app URL a client names, and building the link.
// URLs are parsed by libcurl's URL API (RFC 3986 plus what browsers accept), not by hand.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace basalt::auth {
struct UrlParts {
    std::string scheme;  // lower case: "https", "exp", "appwrite-callback-<project>"
    std::string host;    // lower case; may be empty for custom schemes
};

// The scheme and host of an absolute URL; nullopt when `url` is not one.
std::optional<UrlParts> url_parts(std::string_view url);

// Appwrite's redirect rule for links sent to users: a web URL (http, https, browser-extension
// and tauri schemes) whose host is loopback (localhost, 127.0.0.1, [::1]) or matches one of
// `web_hostnames` ("example.com", "*.example.com", "*"), or an app link in a scheme Appwrite
// allows for every project (exp, appwrite-callback-<project_id>).
bool redirect_allowed(std::string_view url, std::span<const std::string> web_hostnames,
                      std::string_view project_id);

using QueryParam = std::pair<std::string_view, std::string_view>;

// `url` with `params` in its query, form-encoded (spaces as '+') as Appwrite builds invitation
// links; a parameter already in the query under one of those names is replaced, the rest of
// the query and the fragment are kept. Throws Error(kGeneralArgumentInvalid) when `url` is not
// an absolute URL.
std::string with_query(std::string_view url, std::span<const QueryParam> params);

}  // namespace basalt::auth
