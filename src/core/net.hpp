// Classifying IP addresses in text form.
#pragma once

#include <string_view>

namespace basalt::net {

// True when `ip` is a valid IPv4 or IPv6 address in text form.
bool is_ip_address(std::string_view ip) noexcept;

// True for addresses that are not on the public internet: loopback, private (RFC 1918, unique
// local), link-local, carrier-grade NAT, unspecified, multicast, documentation and other
// reserved ranges, also when IPv4-mapped into IPv6. False for public addresses and for text
// that is not an IP address.
bool is_non_public_ip(std::string_view ip) noexcept;

}  // namespace basalt::net
