// Outbound HTTP(S) requests (OAuth2 providers, SMS gateways, webhooks, remote images), through
// libcurl. Blocking: call it from worker threads, never from an I/O thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace basalt::outbound {

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;  // name, value
    std::string body;
    std::int64_t timeout_ms = 10'000;                  // whole transfer
    std::size_t max_response_bytes = 10 * 1024 * 1024;  // larger bodies fail the request
    // Refuse to connect to loopback, private and other non-public addresses (checked on the
    // resolved address, so DNS cannot redirect a public name to an internal host).
    bool public_hosts_only = false;
    int max_redirects = 0;  // 0 = do not follow redirects
};

struct HttpResponse {
    long status = 0;
    std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
    std::string body;

    std::optional<std::string_view> header(std::string_view lower_case_name) const;
};

// Sends `request` and returns the response, whatever its status. Throws
// Error(kGeneralServerError) naming the URL's host when the request cannot complete: DNS,
// connection, TLS, timeout, a refused non-public address, or a body over the limit.
HttpResponse fetch(const HttpRequest& request);

// application/x-www-form-urlencoded text of `fields`.
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

// Percent-encoding of one URL component (RFC 3986 unreserved characters kept).
std::string url_encode(std::string_view text);

// One line of a libcurl header callback as (lower-case name, value without surrounding blanks);
// nullopt for a status line or the blank line that ends the headers.
std::optional<std::pair<std::string, std::string>> header_field(std::string_view line);

}  // namespace basalt::outbound
