#include "avatars/remote.hpp"

#include <curl/curl.h>
#include <libpsl.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <memory>

#include "core/error.hpp"
#include "core/net.hpp"

namespace basalt::avatars {
namespace {

using UrlHandle = std::unique_ptr<CURLU, decltype(&curl_url_cleanup)>;

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string url_part(CURLU* url, CURLUPart part) {
    char* text = nullptr;
    if (curl_url_get(url, part, &text, 0) != CURLUE_OK || !text) return {};
    std::string out(text);
    curl_free(text);
    return out;
}

[[noreturn]] void refuse(std::string_view why) {
    throw Error(ErrorType::kAvatarRemoteUrlFailed, std::string(why));
}

std::string attribute(xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (!value) return {};
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

// "32x32" -> 1024; Appwrite reads the first two numbers of `sizes` the same way ("any" -> 0).
long long declared_area(std::string_view sizes) {
    const auto number = [](std::string_view text) {
        long long value = 0;
        for (const char c : text) {
            if (c < '0' || c > '9') break;
            value = std::min<long long>(value * 10 + (c - '0'), 1'000'000);
        }
        return value;
    };
    const auto x = sizes.find_first_of("xX");
    if (x == std::string_view::npos) return 0;
    return number(sizes) * number(sizes.substr(x + 1));
}

struct Pick {
    std::optional<IconLink> link;
    long long area = 0;
};

void visit(xmlNode* node, std::string_view page_url, Pick& pick) {
    for (; node; node = node->next) {
        if (node->type == XML_ELEMENT_NODE &&
            xmlStrcasecmp(node->name, reinterpret_cast<const xmlChar*>("link")) == 0) {
            const auto rel = lower(attribute(node, "rel"));
            if (rel == "icon" || rel == "shortcut icon") {
                auto url = resolve_url(page_url, attribute(node, "href"));
                auto extension = path_extension(url);
                if (!url.empty() && extension == "svg") {
                    pick.area = std::numeric_limits<long long>::max();
                    pick.link = IconLink{std::move(url), std::move(extension)};
                } else if (!url.empty() && (extension == "ico" || extension == "png" ||
                                            extension == "jpg" || extension == "jpeg")) {
                    const auto area = declared_area(attribute(node, "sizes"));
                    if (area >= pick.area) {
                        pick.area = area;
                        pick.link = IconLink{std::move(url), std::move(extension)};
                    }
                }
            }
        }
        visit(node->children, page_url, pick);
    }
}

}  // namespace

void check_remote_url(std::string_view url, bool allow_private_hosts) {
    UrlHandle handle(curl_url(), &curl_url_cleanup);
    const std::string text(url);
    if (!handle || curl_url_set(handle.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK)
        refuse("Malformed URL.");
    const auto scheme = lower(url_part(handle.get(), CURLUPART_SCHEME));
    if (scheme != "http" && scheme != "https") refuse("Scheme '" + scheme + "' is not allowed.");
    auto host = lower(url_part(handle.get(), CURLUPART_HOST));
    if (host.empty()) refuse("URL has no host.");
    if (allow_private_hosts) return;
    if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    if (net::is_ip_address(host)) {
        if (net::is_non_public_ip(host)) refuse("Hostname '" + host + "' is not a public address.");
        return;
    }
    // Appwrite's Domain::isKnown: the name ends in a suffix of the public suffix list.
    const auto dot = host.rfind('.');
    const auto tld = dot == std::string::npos ? host : host.substr(dot + 1);
    if (dot == std::string::npos ||
        !psl_is_public_suffix2(psl_builtin(), tld.c_str(), PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE)) {
        refuse("Hostname '" + host + "' is not a known public domain.");
    }
}

std::string resolve_url(std::string_view base, std::string_view reference) {
    UrlHandle handle(curl_url(), &curl_url_cleanup);
    const std::string base_text(base);
    const std::string reference_text(reference);
    if (!handle || curl_url_set(handle.get(), CURLUPART_URL, base_text.c_str(), 0) != CURLUE_OK)
        return {};
    // On a handle that holds a URL, libcurl resolves a relative reference against it.
    if (curl_url_set(handle.get(), CURLUPART_URL, reference_text.c_str(), CURLU_URLENCODE) !=
        CURLUE_OK)
        return {};
    return url_part(handle.get(), CURLUPART_URL);
}

std::string path_extension(std::string_view url) {
    UrlHandle handle(curl_url(), &curl_url_cleanup);
    const std::string text(url);
    if (!handle || curl_url_set(handle.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK)
        return {};
    const auto path = url_part(handle.get(), CURLUPART_PATH);
    const auto name = path.substr(path.rfind('/') + 1);
    const auto dot = name.rfind('.');
    return dot == std::string::npos ? std::string() : lower(name.substr(dot + 1));
}

std::optional<IconLink> best_icon_link(std::string_view html, std::string_view page_url) {
    if (html.empty()) return std::nullopt;
    const int options =
        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
        htmlReadMemory(html.data(), static_cast<int>(std::min<std::size_t>(html.size(), INT32_MAX)),
                       nullptr, nullptr, options),
        &xmlFreeDoc);
    if (!doc) return std::nullopt;
    Pick pick;
    visit(xmlDocGetRootElement(doc.get()), page_url, pick);
    return pick.link;
}

}  // namespace basalt::avatars
