// The currencies GET /v1/locale/currencies lists, with their CLDR properties from ICU.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace basalt::platform {

// Fields of Appwrite's `currency` model.
struct Currency {
    std::string symbol;         // in English, e.g. "$", "CA$", "€"
    std::string name;           // English, e.g. "US Dollar"
    std::string symbol_native;  // in the locale of the currency's home country, e.g. "￥"
    std::int32_t decimal_digits = 0;
    double rounding = 0;
    std::string code;         // ISO 4217
    std::string name_plural;  // English plural, e.g. "US dollars"
};

// The legal tenders in use today in the countries of countries(), USD, EUR, GBP, CAD first
// (as Appwrite lists them), then by code. Built on each call (a few milliseconds), so call it
// once. Throws basalt::Error(kGeneralServerError) when ICU lacks data. Thread-safe.
std::vector<Currency> currency_list();

}  // namespace basalt::platform
