// Which countries and continents the Locale service lists, derived from CLDR region data in ICU.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace basalt::platform {

// One of Appwrite's seven continents (the MaxMind/GeoNames codes) and the CLDR region that
// names it: AF 002, AN AQ, AS 142, EU 150, NA 003, OC 009, SA 005.
struct Continent {
    std::string_view code;
    std::string_view cldr_region;
};

// The seven continents, by code. Constant data; safe from any thread.
std::span<const Continent> continents() noexcept;

// The countries Appwrite lists: the 193 UN member states (CLDR grouping "UN") plus the two
// UN observer states (VA, PS) and HK, TW. Sorted by code; 197 entries.
// Computed on first use (thread-safe); throws basalt::Error(kGeneralServerError) if ICU lacks
// the region data.
const std::vector<std::string>& countries();

// The European Union's member states (CLDR grouping "EU"), sorted by code. Same contract as
// countries().
const std::vector<std::string>& eu_members();

bool is_eu_member(std::string_view country);

// Every ISO 3166-1 region ICU knows, for naming GeoIP results outside countries().
const std::vector<std::string>& all_regions();

// The Appwrite continent code of an ISO 3166-1 region ("DE" -> "EU", "BR" -> "SA",
// "AQ" -> "AN"); nullopt for an unknown code. Thread-safe.
std::optional<std::string_view> continent_of(std::string_view region);

// ISO 4217 codes of the legal tenders a region uses today, the primary one first
// ("PA" -> PAB, USD); empty for an unknown code. Thread-safe.
std::vector<std::string> currencies_of(std::string_view region);

}  // namespace basalt::platform
