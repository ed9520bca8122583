#include "platform/locale/territories.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "platform/locale/currencies.hpp"
#include "platform/locale/locale_data.hpp"

namespace basalt::platform {
namespace {

bool contains(const std::vector<std::string>& list, std::string_view code) {
    return std::ranges::find(list, code) != list.end();
}

TEST(Territories, CountriesAreUnMembersPlusFour) {
    const auto& list = countries();
    EXPECT_EQ(list.size(), 197u);
    EXPECT_TRUE(std::ranges::is_sorted(list));
    for (const char* code : {"US", "DE", "HK", "TW", "PS", "VA", "KP", "SS"}) {
        EXPECT_TRUE(contains(list, code)) << code;
    }
    for (const char* code : {"PR", "XK", "AQ", "EU", "GU", "ZZ"}) {
        EXPECT_FALSE(contains(list, code)) << code;
    }
}

TEST(Territories, EuHas27Members) {
    const auto& list = eu_members();
    EXPECT_EQ(list.size(), 27u);
    EXPECT_TRUE(is_eu_member("DE"));
    EXPECT_TRUE(is_eu_member("HR"));
    EXPECT_FALSE(is_eu_member("GB"));
    EXPECT_FALSE(is_eu_member("CH"));
    EXPECT_FALSE(is_eu_member("de"));
    EXPECT_FALSE(is_eu_member(""));
}

TEST(Territories, ContinentOfCountry) {
    EXPECT_EQ(continent_of("DE"), "EU");
    EXPECT_EQ(continent_of("US"), "NA");
    EXPECT_EQ(continent_of("MX"), "NA");
    EXPECT_EQ(continent_of("JM"), "NA");
    EXPECT_EQ(continent_of("BR"), "SA");
    EXPECT_EQ(continent_of("JP"), "AS");
    EXPECT_EQ(continent_of("NG"), "AF");
    EXPECT_EQ(continent_of("AU"), "OC");
    EXPECT_EQ(continent_of("AQ"), "AN");
    EXPECT_FALSE(continent_of("XX").has_value());
    EXPECT_FALSE(continent_of("").has_value());
    EXPECT_FALSE(continent_of("150").has_value());
    for (const auto& country : countries()) {
        EXPECT_TRUE(continent_of(country).has_value()) << country;
    }
}

TEST(Territories, CurrenciesOfCountry) {
    EXPECT_EQ(currencies_of("US"), std::vector<std::string>{"USD"});
    EXPECT_EQ(currencies_of("DE").front(), "EUR");
    EXPECT_EQ(currencies_of("HR").front(), "EUR");
    EXPECT_EQ(currencies_of("JP").front(), "JPY");
    EXPECT_TRUE(currencies_of("XX").empty());
    EXPECT_TRUE(currencies_of("").empty());
    for (const auto& country : countries()) {
        EXPECT_FALSE(currencies_of(country).empty()) << country;
    }
}

TEST(Territories, CurrencyListFromIcu) {
    const auto list = currency_list();
    ASSERT_GT(list.size(), 100u);
    EXPECT_EQ(list[0].code, "USD");
    EXPECT_EQ(list[1].code, "EUR");
    EXPECT_EQ(list[2].code, "GBP");
    EXPECT_EQ(list[3].code, "CAD");
    EXPECT_TRUE(std::ranges::is_sorted(list.begin() + 4, list.end(), {}, &Currency::code));
    const auto find = [&](std::string_view code) {
        return *std::ranges::find(list, code, &Currency::code);
    };
    EXPECT_EQ(find("USD").symbol, "$");
    EXPECT_EQ(find("USD").name, "US Dollar");
    EXPECT_EQ(find("USD").name_plural, "US dollars");
    EXPECT_EQ(find("EUR").decimal_digits, 2);
    EXPECT_EQ(find("JPY").decimal_digits, 0);
    EXPECT_EQ(find("JPY").symbol, "¥");
    EXPECT_EQ(find("JPY").symbol_native, "￥");
    EXPECT_EQ(find("CAD").symbol, "CA$");
    EXPECT_EQ(find("CAD").symbol_native, "$");
    EXPECT_EQ(find("BHD").decimal_digits, 3);
    EXPECT_EQ(std::ranges::count(list, "USN", &Currency::code), 0);
    EXPECT_EQ(std::ranges::count(list, "HRK", &Currency::code), 0);
}

TEST(LocaleData, GeneratedPhoneCodes) {
    const auto find = [](std::string_view region) {
        const auto codes = phone_codes();
        const auto it = std::ranges::find(codes, region, &PhoneCode::region);
        return it == codes.end() ? std::string_view{} : it->code;
    };
    EXPECT_EQ(find("US"), "1");
    EXPECT_EQ(find("CA"), "1");
    EXPECT_EQ(find("GB"), "44");
    EXPECT_EQ(find("DE"), "49");
    EXPECT_EQ(find("AG"), "1268");
    EXPECT_EQ(find("JM"), "1876");
    EXPECT_EQ(find("KZ"), "7");
    EXPECT_EQ(find("ZZ"), "");
    EXPECT_TRUE(std::ranges::is_sorted(phone_codes(), {}, &PhoneCode::region));
}

TEST(LocaleData, GeneratedIsoLanguages) {
    const auto list = iso_languages();
    EXPECT_EQ(list.size(), 184u);
    EXPECT_EQ(list.front().code, "aa");
    EXPECT_EQ(list.back().code, "zu");
    EXPECT_TRUE(std::ranges::is_sorted(list, {}, &IsoLanguage::code));
}

}  // namespace
}  // namespace basalt::platform
