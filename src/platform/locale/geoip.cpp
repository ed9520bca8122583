#include "platform/locale/geoip.hpp"

#include <arpa/inet.h>
#include <maxminddb.h>

#include <array>
#include <cstdint>
#include <cstring>

#include "core/error.hpp"

namespace basalt::platform {
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

std::string get_string(MMDB_entry_s& entry, const char* first, const char* second) {
    MMDB_entry_data_s data{};
    const int status = MMDB_get_value(&entry, &data, first, second, nullptr);
    if (status == MMDB_LOOKUP_PATH_DOES_NOT_MATCH_DATA_ERROR) {
        return {};
    }
    if (status != MMDB_SUCCESS) {
        throw Error(ErrorType::kGeneralServerError,
                    std::string("GeoIP database read failed: ") + MMDB_strerror(status));
    }
    if (!data.has_data || data.type != MMDB_DATA_TYPE_UTF8_STRING) {
        return {};
    }
    return std::string(data.utf8_string, data.data_size);
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

void GeoIp::Closer::operator()(MMDB_s* db) const noexcept {
    MMDB_close(db);
    delete db;
}

GeoIp::GeoIp(std::unique_ptr<MMDB_s, Closer> db) : db_(std::move(db)) {}
GeoIp::GeoIp(GeoIp&&) noexcept = default;
GeoIp& GeoIp::operator=(GeoIp&&) noexcept = default;
GeoIp::~GeoIp() = default;

GeoIp GeoIp::open(const std::filesystem::path& path) {
    auto db = std::make_unique<MMDB_s>();
    const int status = MMDB_open(path.c_str(), MMDB_MODE_MMAP, db.get());
    if (status != MMDB_SUCCESS) {
        // MMDB_open releases what it allocated on failure; nothing to close.
        std::string reason = MMDB_strerror(status);
        if (status == MMDB_IO_ERROR) {
            reason += std::string(" (") + std::strerror(errno) + ")";
        }
        throw Error(ErrorType::kGeneralServerError,
                    "cannot open GeoIP database " + path.string() + ": " + reason);
    }
    return GeoIp(std::unique_ptr<MMDB_s, Closer>(db.release()));
}

std::optional<GeoLocation> GeoIp::lookup(std::string_view ip) const {
    if (!is_ip_address(ip) || is_non_public_ip(ip)) {
        return std::nullopt;
    }
    const std::string text(ip);
    int gai_error = 0;
    int mmdb_error = MMDB_SUCCESS;
    MMDB_lookup_result_s result =
        MMDB_lookup_string(db_.get(), text.c_str(), &gai_error, &mmdb_error);
    if (gai_error != 0) {
        return std::nullopt;
    }
    if (mmdb_error == MMDB_IPV6_LOOKUP_IN_IPV4_DATABASE_ERROR) {
        return std::nullopt;
    }
    if (mmdb_error != MMDB_SUCCESS) {
        throw Error(ErrorType::kGeneralServerError,
                    std::string("GeoIP lookup failed: ") + MMDB_strerror(mmdb_error));
    }
    if (!result.found_entry) {
        return std::nullopt;
    }
    GeoLocation location;
    location.country_code = get_string(result.entry, "country", "iso_code");
    if (location.country_code.empty()) {
        location.country_code = get_string(result.entry, "registered_country", "iso_code");
    }
    if (location.country_code.empty()) {
        return std::nullopt;
    }
    location.continent_code = get_string(result.entry, "continent", "code");
    return location;
}

}  // namespace basalt::platform
