#include "platform/locale/currencies.hpp"

#include <unicode/locid.h>
#include <unicode/ucurr.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

#include "core/error.hpp"
#include "platform/locale/territories.hpp"

namespace basalt::platform {
namespace {

// Appwrite puts these four first and orders the rest by code; kept for clients that show
// the list as it comes.
constexpr std::array<std::string_view, 4> kLeadingCurrencies{"USD", "EUR", "GBP", "CAD"};

std::string utf8(const UChar* text, int32_t length) {
    std::string out;
    icu::UnicodeString(text, length).toUTF8String(out);
    return out;
}

std::string currency_name(const std::u16string& code, const char* locale, UCurrNameStyle style) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    const UChar* name = ucurr_getName(code.c_str(), locale, style, nullptr, &length, &status);
    if (U_FAILURE(status) || name == nullptr) {
        throw Error(ErrorType::kGeneralServerError, "ICU has no currency name");
    }
    return utf8(name, length);
}

std::string plural_name(const std::u16string& code) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    const UChar* name = ucurr_getPluralName(code.c_str(), "en", nullptr, "other", &length, &status);
    if (U_FAILURE(status) || name == nullptr) {
        throw Error(ErrorType::kGeneralServerError, "ICU has no currency plural name");
    }
    return utf8(name, length);
}

// The home country of a national currency is named by its first two letters (JPY -> JP);
// for a shared one (EUR, XOF) the first user by code stands in.
std::string home_locale(const std::string& code, const std::vector<std::string>& users) {
    const std::string prefix = code.substr(0, 2);
    const bool national = std::ranges::find(users, prefix) != users.end();
    icu::Locale locale(("und_" + (national ? prefix : users.front())).c_str());
    UErrorCode status = U_ZERO_ERROR;
    locale.addLikelySubtags(status);
    if (U_FAILURE(status)) {
        throw Error(ErrorType::kGeneralServerError, "ICU has no likely locale for " + code);
    }
    return locale.getName();
}

Currency describe(const std::string& code, const std::vector<std::string>& users) {
    const std::u16string wide(code.begin(), code.end());
    UErrorCode status = U_ZERO_ERROR;
    Currency currency;
    currency.symbol = currency_name(wide, "en", UCURR_SYMBOL_NAME);
    currency.name = currency_name(wide, "en", UCURR_LONG_NAME);
    currency.symbol_native =
        currency_name(wide, home_locale(code, users).c_str(), UCURR_SYMBOL_NAME);
    currency.decimal_digits = ucurr_getDefaultFractionDigits(wide.c_str(), &status);
    currency.rounding = ucurr_getRoundingIncrement(wide.c_str(), &status);
    currency.code = code;
    currency.name_plural = plural_name(wide);
    if (U_FAILURE(status)) {
        throw Error(ErrorType::kGeneralServerError, "ICU has no fraction data for " + code);
    }
    return currency;
}

std::size_t rank(std::string_view code) {
    const auto* it = std::ranges::find(kLeadingCurrencies, code);
    return static_cast<std::size_t>(it - kLeadingCurrencies.begin());
}

}  // namespace

std::vector<Currency> currency_list() {
    std::map<std::string, std::vector<std::string>> users;  // code -> countries, by code
    for (const auto& country : countries()) {
        for (auto& code : currencies_of(country)) {
            users[code].push_back(country);
        }
    }
    std::vector<Currency> out;
    out.reserve(users.size());
    for (const auto& [code, countries_using] : users) {
        out.push_back(describe(code, countries_using));
    }
    std::ranges::stable_sort(
        out, [](const Currency& a, const Currency& b) { return rank(a.code) < rank(b.code); });
    return out;
}

}  // namespace basalt::platform
