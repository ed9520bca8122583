// Country and continent of an IP address, from a MaxMind DB file (GeoLite2/GeoIP2 Country or
// City, or any database with the same `country`/`continent` layout).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct MMDB_s;

namespace basalt::platform {

struct GeoLocation {
    std::string country_code;    // ISO 3166-1 alpha-2, upper case, e.g. "DE"
    std::string continent_code;  // MaxMind code (AF AN AS EU NA OC SA); empty if the DB has none
};

// A MaxMind DB opened once (memory-mapped) and then read by many threads.
// Thread-safety: lookup() may run concurrently; the object is movable, not copyable.
class GeoIp {
public:
    // Opens and validates the database. Throws basalt::Error(kGeneralServerError) with the
    // reason when the file is missing, unreadable or not a MaxMind DB.
    static GeoIp open(const std::filesystem::path& path);

    GeoIp(GeoIp&&) noexcept;
    GeoIp& operator=(GeoIp&&) noexcept;
    ~GeoIp();

    // The location of `ip`, or nullopt when it is not an IP address, is not public (see
    // is_non_public_ip) or the database has no country for it. The country is the one the
    // address is used in, else the one it is registered to. Throws
    // basalt::Error(kGeneralServerError) when the database is corrupt.
    std::optional<GeoLocation> lookup(std::string_view ip) const;

private:
    struct Closer {
        void operator()(MMDB_s* db) const noexcept;
    };
    explicit GeoIp(std::unique_ptr<MMDB_s, Closer> db);

    std::unique_ptr<MMDB_s, Closer> db_;
};

}  // namespace basalt::platform
