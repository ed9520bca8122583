#include "platform/locale/geoip.hpp"

#include <arpa/inet.h>
#include <maxminddb.h>

#include <array>
#include <cstdint>
#include <cstring>

#include "core/error.hpp"
#include "core/net.hpp"

namespace basalt::platform {
namespace {

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
    if (!net::is_ip_address(ip) || net::is_non_public_ip(ip)) {
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
