// Classifying IP addresses in text form.
#pragma once

#include <string_view>

namespace basalt::net {

// True when `ip` is a valid IPv4 or IPv6 address in text form.
bool is_ip_address(std::string_view ip) noexcept;

// True for an email address as Appwrite's Email validator accepts it (one @, a dotted domain,
// no spaces or specials outside the local part's allowed set). Case is not checked.
bool is_email_address(std::string_view email) noexcept;

// True for an absolute URL with a scheme and a host, as Appwrite's URL validator accepts it.
bool is_absolute_url(std::string_view url) noexcept;

// True for addresses that are not on the public internet: loopback, private (RFC 1918, unique
// local), link-local, carrier-grade NAT, unspecified, multicast, documentation and other
// reserved ranges, also when IPv4-mapped into IPv6. False for public addresses and for text
// that is not an IP address.
bool is_non_public_ip(std::string_view ip) noexcept;

// The host of a Host header value ("example.com:8080" -> "example.com", "[::1]:80" -> "[::1]").
std::string_view host_without_port(std::string_view host) noexcept;

// The host of an absolute URL or Origin ("https://user@example.com:8443/x" -> "example.com");
// "" when it has no scheme.
std::string_view url_host(std::string_view url) noexcept;

// "localhost", "127.0.0.1" or "[::1]": the names a developer's own machine goes by.
bool is_loopback_name(std::string_view host) noexcept;

// Whether `host` matches a platform hostname pattern: "*" (any), "*.example.com" (any
// subdomain, not the domain itself) or an exact name. Both in lower case.
bool host_matches(std::string_view host, std::string_view pattern) noexcept;

}  // namespace basalt::net
