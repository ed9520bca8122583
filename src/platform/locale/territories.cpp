#include "platform/locale/territories.hpp"

#include <unicode/region.h>
#include <unicode/ucurr.h>
#include <unicode/uenum.h>

#include <algorithm>
#include <array>
#include <memory>

#include "core/error.hpp"

namespace basalt::platform {
namespace {

// The MaxMind continent codes Appwrite uses mapped to the CLDR regions whose names they take.
// "NA" is CLDR's North America (003: Northern + Central America and the Caribbean), which is
// what MaxMind means by it; "AN" has no CLDR continent, so Antarctica itself (AQ) names it.
constexpr std::array kContinents = std::to_array<Continent>({
    {"AF", "002"},
    {"AN", "AQ"},
    {"AS", "142"},
    {"EU", "150"},
    {"NA", "003"},
    {"OC", "009"},
    {"SA", "005"},
});

// Appwrite lists, besides the UN member states, the two UN observer states and two territories
// it treats as countries. CLDR has no grouping for this set, hence the hand-kept list.
constexpr std::array<std::string_view, 4> kNonMemberCountries{"HK", "PS", "TW", "VA"};

const icu::Region& region_or_throw(const char* code) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Region* region = icu::Region::getInstance(code, status);
    if (U_FAILURE(status) || region == nullptr) {
        throw Error(ErrorType::kGeneralServerError,
                    std::string("ICU has no region data for ") + code);
    }
    return *region;
}

std::vector<std::string> drain(icu::StringEnumeration* raw) {
    std::unique_ptr<icu::StringEnumeration> list(raw);
    std::vector<std::string> out;
    UErrorCode status = U_ZERO_ERROR;
    if (!list) {
        throw Error(ErrorType::kGeneralServerError, "ICU returned no region list");
    }
    while (const char* code = list->next(nullptr, status)) {
        out.emplace_back(code);
    }
    if (U_FAILURE(status)) {
        throw Error(ErrorType::kGeneralServerError,
                    std::string("ICU region list failed: ") + u_errorName(status));
    }
    std::ranges::sort(out);
    return out;
}

std::vector<std::string> drain(UEnumeration* raw, UErrorCode status) {
    std::unique_ptr<UEnumeration, decltype(&uenum_close)> list(raw, &uenum_close);
    std::vector<std::string> out;
    if (U_FAILURE(status) || !list) {
        throw Error(ErrorType::kGeneralServerError,
                    std::string("ICU currency list failed: ") + u_errorName(status));
    }
    while (const char* code = uenum_next(list.get(), nullptr, &status)) {
        out.emplace_back(code);
    }
    if (U_FAILURE(status)) {
        throw Error(ErrorType::kGeneralServerError,
                    std::string("ICU currency list failed: ") + u_errorName(status));
    }
    return out;
}

std::vector<std::string> members_of(const char* grouping) {
    UErrorCode status = U_ZERO_ERROR;
    auto members = drain(region_or_throw(grouping).getContainedRegions(URGN_TERRITORY, status));
    if (U_FAILURE(status)) {
        throw Error(ErrorType::kGeneralServerError,
                    std::string("ICU has no members for ") + grouping);
    }
    return members;
}

}  // namespace

std::span<const Continent> continents() noexcept { return kContinents; }

const std::vector<std::string>& countries() {
    static const std::vector<std::string> list = [] {
        auto out = members_of("UN");
        out.insert(out.end(), kNonMemberCountries.begin(), kNonMemberCountries.end());
        std::ranges::sort(out);
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }();
    return list;
}

const std::vector<std::string>& eu_members() {
    static const std::vector<std::string> list = members_of("EU");
    return list;
}

bool is_eu_member(std::string_view country) {
    return std::ranges::binary_search(eu_members(), country);
}

const std::vector<std::string>& all_regions() {
    static const std::vector<std::string> list = [] {
        UErrorCode status = U_ZERO_ERROR;
        auto out = drain(icu::Region::getAvailable(URGN_TERRITORY, status));
        if (U_FAILURE(status)) {
            throw Error(ErrorType::kGeneralServerError, "ICU has no territory list");
        }
        return out;
    }();
    return list;
}

std::optional<std::string_view> continent_of(std::string_view region) {
    if (region.size() != 2) {
        return std::nullopt;
    }
    for (const auto& continent : kContinents) {
        if (continent.cldr_region == region) {
            return continent.code;
        }
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Region* territory = icu::Region::getInstance(std::string(region).c_str(), status);
    if (U_FAILURE(status) || territory == nullptr || territory->getType() != URGN_TERRITORY) {
        return std::nullopt;
    }
    for (const auto& continent : kContinents) {
        if (region_or_throw(std::string(continent.cldr_region).c_str()).contains(*territory)) {
            return continent.code;
        }
    }
    return std::nullopt;
}

std::vector<std::string> currencies_of(std::string_view region) {
    // ucurr_countCurrencies/ucurr_forLocaleAndDate crash in ICU 72 on CLDR entries without a
    // start date (e.g. USN for US), so the current tenders are CLDR's "commonly used" codes
    // for the region that ICU also counts as common, non-deprecated ISO 4217 currencies.
    static const std::vector<std::string> tenders = [] {
        UErrorCode status = U_ZERO_ERROR;
        UEnumeration* list = ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &status);
        auto out = drain(list, status);
        std::ranges::sort(out);
        return out;
    }();
    if (region.size() != 2) {
        return {};
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Region* known = icu::Region::getInstance(std::string(region).c_str(), status);
    if (U_FAILURE(status) || known == nullptr || known->getType() != URGN_TERRITORY) {
        return {};  // ICU would answer for an unknown region with its default locale's currency
    }
    const std::string locale = "und_" + std::string(region);
    UEnumeration* list = ucurr_getKeywordValuesForLocale("currency", locale.c_str(), true, &status);
    std::vector<std::string> out;
    for (auto& code : drain(list, status)) {
        if (std::ranges::binary_search(tenders, code)) {
            out.push_back(std::move(code));
        }
    }
    return out;
}

}  // namespace basalt::platform
