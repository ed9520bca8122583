#include "core/net.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <string>

namespace basalt::net {
namespace {

struct Ipv4Range {
    std::uint32_t base;
    int prefix;
};

// IANA special-purpose IPv4 ranges (RFC 6890 and successors) that never map to a country.
constexpr std::array<Ipv4Range, 13> kNonPublicV4{{
    {0x00000000, 8},   // "this network"
    {0x0A000000, 8},   // private
    {0x64400000, 10},  // carrier-grade NAT
    {0x7F000000, 8},   // loopback
    {0xA9FE0000, 16},  // link-local
    {0xAC100000, 12},  // private
    {0xC0000000, 24},  // IETF protocol assignments
    {0xC0000200, 24},  // documentation TEST-NET-1
    {0xC0A80000, 16},  // private
    {0xC6120000, 15},  // benchmarking
    {0xC6336400, 24},  // documentation TEST-NET-2
    {0xCB007100, 24},  // documentation TEST-NET-3
    {0xE0000000, 3},   // multicast, reserved, broadcast
}};

bool is_non_public_v4(std::uint32_t address) {
    for (const auto& range : kNonPublicV4) {
        const std::uint32_t mask = ~std::uint32_t{0} << (32 - range.prefix);
        if ((address & mask) == range.base) {
            return true;
        }
    }
    return false;
}

bool is_non_public_v6(const std::array<std::uint8_t, 16>& a) {
    static constexpr std::array<std::uint8_t, 12> kMappedPrefix{0, 0, 0, 0, 0,    0,
                                                                0, 0, 0, 0, 0xFF, 0xFF};
    if (std::memcmp(a.data(), kMappedPrefix.data(), kMappedPrefix.size()) == 0) {
        return is_non_public_v4(std::uint32_t{a[12]} << 24 | std::uint32_t{a[13]} << 16 |
                                std::uint32_t{a[14]} << 8 | a[15]);
    }
    bool all_zero_but_last = true;
    for (std::size_t i = 0; i < 15; ++i) {
        all_zero_but_last = all_zero_but_last && a[i] == 0;
    }
    if (all_zero_but_last && a[15] <= 1) {
        return true;  // :: and ::1
    }
    const bool unique_local = (a[0] & 0xFE) == 0xFC;                // fc00::/7
    const bool link_local = a[0] == 0xFE && (a[1] & 0xC0) == 0x80;  // fe80::/10
    const bool multicast = a[0] == 0xFF;                            // ff00::/8
    const bool documentation = a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0D && a[3] == 0xB8;
    return unique_local || link_local || multicast || documentation;
}

}  // namespace

bool is_ip_address(std::string_view ip) noexcept {
    const std::string text(ip);
    std::array<std::uint8_t, 16> buffer{};
    return inet_pton(AF_INET, text.c_str(), buffer.data()) == 1 ||
           inet_pton(AF_INET6, text.c_str(), buffer.data()) == 1;
}

bool is_non_public_ip(std::string_view ip) noexcept {
    const std::string text(ip);
    std::array<std::uint8_t, 16> buffer{};
    if (inet_pton(AF_INET, text.c_str(), buffer.data()) == 1) {
        return is_non_public_v4(std::uint32_t{buffer[0]} << 24 | std::uint32_t{buffer[1]} << 16 |
                                std::uint32_t{buffer[2]} << 8 | buffer[3]);
    }
    if (inet_pton(AF_INET6, text.c_str(), buffer.data()) == 1) {
        return is_non_public_v6(buffer);
    }
    return false;
}

bool is_loopback_name(std::string_view host) noexcept {
    return host == "localhost" || host == "127.0.0.1" || host == "[::1]";
}

bool host_matches(std::string_view host, std::string_view pattern) noexcept {
    if (pattern == "*") return true;
    if (pattern.starts_with("*.")) return host.size() > pattern.size() - 1 && host.ends_with(pattern.substr(1));
    return host == pattern;
}

std::string_view host_without_port(std::string_view host) noexcept {
    if (!host.empty() && host.front() == '[') return host.substr(0, host.find(']') + 1);
    return host.substr(0, host.find(':'));
}

std::string_view url_host(std::string_view url) noexcept {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    auto rest = url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
    return host_without_port(rest);
}

bool is_email_address(std::string_view value) noexcept {
    const auto at = value.rfind('@');
    return at != std::string_view::npos && at > 0 && at + 1 < value.size() && at <= 64 &&
           value.find_first_of(" \t\r\n<>()[],;:\\\"") == std::string_view::npos &&
           value.find('.', at) != std::string_view::npos && value.back() != '.' &&
           value.find("..") == std::string_view::npos && value[at + 1] != '.';
}

bool is_absolute_url(std::string_view url) noexcept {
    const auto colon = url.find("://");
    if (colon == std::string_view::npos || colon == 0) return false;
    for (const char c : url.substr(0, colon)) {
        const bool scheme_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                 c == '+' || c == '-' || c == '.';
        if (!scheme_char) return false;
    }
    if (url.find_first_of(" \t\r\n") != std::string_view::npos) return false;
    return !url_host(url).empty();
}

}  // namespace basalt::net
