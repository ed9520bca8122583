// What getImage and getFavicon may fetch, and how a favicon is found in a page.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace basalt::avatars {

// Refuses, with Error(kAvatarRemoteUrlFailed), a URL Appwrite would not fetch: not http(s), no
// host, a host name outside the public suffix list (Appwrite's Domain::isKnown, e.g. "x.test",
// "localhost") or an IP address that is not public. `allow_private_hosts` (a server setting,
// for tests and private networks) lifts the host checks. The resolved address is checked
// again when connecting (outbound::HttpRequest::public_hosts_only).
void check_remote_url(std::string_view url, bool allow_private_hosts);

// `reference` (absolute or relative) resolved against `base`; empty when either is malformed.
std::string resolve_url(std::string_view base, std::string_view reference);

// The extension of the URL's path in lower case ("https://x.org/a/icon.PNG?v=1" -> "png").
std::string path_extension(std::string_view url);

struct IconLink {
    std::string url;        // absolute
    std::string extension;  // svg, ico, png, jpg or jpeg
};

// The icon Appwrite picks among the page's <link rel="icon"> / <link rel="shortcut icon">: an
// SVG first, else the largest declared `sizes` (the later of equals); nullopt when none.
// The HTML is parsed leniently by libxml2's HTML parser (no network access).
std::optional<IconLink> best_icon_link(std::string_view html, std::string_view page_url);

}  // namespace basalt::avatars
