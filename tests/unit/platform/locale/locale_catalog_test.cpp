#include "platform/locale/locale_catalog.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <thread>
#include <vector>

#include "core/error.hpp"

namespace basalt::platform {
namespace {

namespace json = boost::json;

std::vector<std::string> keys_of(const json::object& object) {
    std::vector<std::string> keys;
    for (const auto& entry : object) {
        keys.emplace_back(entry.key());
    }
    return keys;
}

// Parses a list body and checks its envelope: {"total": N, "<key>": [N items]}.
json::array items_of(const std::string& body, std::string_view key) {
    const json::object object = json::parse(body).as_object();
    EXPECT_EQ(keys_of(object), (std::vector<std::string>{"total", std::string(key)}));
    json::array items = object.at(key).as_array();
    EXPECT_EQ(object.at("total").as_int64(), static_cast<std::int64_t>(items.size()));
    return items;
}

std::string str(const json::value& item, std::string_view key) {
    return std::string(item.as_object().at(key).as_string());
}

std::string name_of(const json::array& items, std::string_view code) {
    for (const auto& item : items) {
        if (str(item, "code") == code) {
            return str(item, "name");
        }
    }
    return {};
}

class LocaleCatalogTest : public ::testing::Test {
protected:
    static const LocaleCatalog& catalog() {
        static const LocaleCatalog instance;
        return instance;
    }
};

TEST_F(LocaleCatalogTest, CountriesInEnglish) {
    const auto items = items_of(catalog().countries(""), "countries");
    ASSERT_EQ(items.size(), 197u);
    EXPECT_EQ(keys_of(items[0].as_object()), (std::vector<std::string>{"name", "code"}));
    EXPECT_EQ(str(items[0], "name"), "Afghanistan");
    EXPECT_EQ(str(items[0], "code"), "AF");
    EXPECT_EQ(str(items.back(), "code"), "ZW");
    EXPECT_EQ(name_of(items, "US"), "United States");
    EXPECT_EQ(name_of(items, "GB"), "United Kingdom");
    EXPECT_EQ(name_of(items, "PR"), "");
}

TEST_F(LocaleCatalogTest, CountriesSortedByUtf8Bytes) {
    for (const char* locale : {"en", "de", "es", "fr", "ja"}) {
        const auto items = items_of(catalog().countries(locale), "countries");
        std::vector<std::string> names;
        for (const auto& item : items) {
            names.push_back(str(item, "name"));
        }
        EXPECT_TRUE(std::ranges::is_sorted(names)) << locale;
    }
    // Appwrite compares with strcmp, so umlauts sort after 'Z'.
    const auto german = items_of(catalog().countries("de"), "countries");
    EXPECT_EQ(str(german.back(), "name"), "Österreich");
}

TEST_F(LocaleCatalogTest, CountriesLocalised) {
    EXPECT_EQ(name_of(items_of(catalog().countries("de"), "countries"), "US"),
              "Vereinigte Staaten");
    EXPECT_EQ(name_of(items_of(catalog().countries("de-at"), "countries"), "US"),
              "Vereinigte Staaten");
    EXPECT_EQ(name_of(items_of(catalog().countries("es"), "countries"), "AF"), "Afganistán");
    EXPECT_EQ(name_of(items_of(catalog().countries("fr"), "countries"), "US"), "États-Unis");
    EXPECT_EQ(name_of(items_of(catalog().countries("ja"), "countries"), "JP"), "日本");
    EXPECT_EQ(name_of(items_of(catalog().countries("zh-tw"), "countries"), "US"), "美國");
    EXPECT_EQ(name_of(items_of(catalog().countries("zh-cn"), "countries"), "US"), "美国");
    EXPECT_EQ(name_of(items_of(catalog().countries("ua"), "countries"), "UA"), "Україна");
    EXPECT_EQ(str(items_of(catalog().countries("es"), "countries")[0], "code"), "AF");
}

TEST_F(LocaleCatalogTest, UnknownLocalesFallBackToEnglish) {
    const std::string& english = catalog().countries("en");
    for (const char* locale : {"", "non-existing", "pt-BR", "DE", "de_DE", "xx", " en"}) {
        EXPECT_EQ(catalog().countries(locale), english) << locale;
        EXPECT_EQ(catalog().continents(locale), catalog().continents("en")) << locale;
    }
    EXPECT_NE(catalog().countries("de"), english);
    // ICU knows only a few names in Bhojpuri ("bh"); the others fall back to English.
    const auto bhojpuri = items_of(catalog().countries("bh"), "countries");
    EXPECT_EQ(name_of(bhojpuri, "US"), "United States");
    EXPECT_NE(name_of(bhojpuri, "IN"), "India");
    EXPECT_EQ(LocaleCatalog::resolve("pt-br"), "pt-br");
    EXPECT_EQ(LocaleCatalog::resolve("pt-BR"), "en");
    EXPECT_EQ(LocaleCatalog::resolve(""), "en");
}

TEST_F(LocaleCatalogTest, EveryAcceptedLocaleListsEveryCountry) {
    const auto codes = items_of(catalog().codes(), "localeCodes");
    for (const auto& code : codes) {
        const std::string locale = str(code, "code");
        const auto countries = items_of(catalog().countries(locale), "countries");
        EXPECT_EQ(countries.size(), 197u) << locale;
        for (const auto& country : countries) {
            EXPECT_FALSE(str(country, "name").empty()) << locale;
        }
        EXPECT_EQ(items_of(catalog().continents(locale), "continents").size(), 7u) << locale;
    }
}

TEST_F(LocaleCatalogTest, EuCountries) {
    const auto english = items_of(catalog().countries_eu(""), "countries");
    ASSERT_EQ(english.size(), 27u);
    EXPECT_EQ(str(english[0], "name"), "Austria");
    EXPECT_EQ(str(english[0], "code"), "AT");
    EXPECT_EQ(name_of(english, "DE"), "Germany");
    EXPECT_EQ(name_of(english, "GB"), "");
    const auto spanish = items_of(catalog().countries_eu("es"), "countries");
    EXPECT_EQ(str(spanish[0], "name"), "Alemania");
    EXPECT_EQ(str(spanish[0], "code"), "DE");
    const auto german = items_of(catalog().countries_eu("de"), "countries");
    EXPECT_EQ(str(german[0], "name"), "Belgien");
}

TEST_F(LocaleCatalogTest, Continents) {
    const auto english = items_of(catalog().continents(""), "continents");
    ASSERT_EQ(english.size(), 7u);
    EXPECT_EQ(keys_of(english[0].as_object()), (std::vector<std::string>{"name", "code"}));
    EXPECT_EQ(str(english[0], "name"), "Africa");
    EXPECT_EQ(str(english[0], "code"), "AF");
    EXPECT_EQ(name_of(english, "NA"), "North America");
    EXPECT_EQ(name_of(english, "AN"), "Antarctica");
    EXPECT_EQ(name_of(english, "OC"), "Oceania");
    const auto spanish = items_of(catalog().continents("es"), "continents");
    EXPECT_EQ(str(spanish[0], "name"), "América del Norte");
    EXPECT_EQ(str(spanish[0], "code"), "NA");
    EXPECT_EQ(name_of(items_of(catalog().continents("de"), "continents"), "EU"), "Europa");
}

TEST_F(LocaleCatalogTest, Phones) {
    const auto english = items_of(catalog().phones(""), "phones");
    ASSERT_EQ(english.size(), 197u);
    EXPECT_EQ(keys_of(english[0].as_object()),
              (std::vector<std::string>{"code", "countryCode", "countryName"}));
    EXPECT_EQ(str(english[0], "code"), "+1");
    EXPECT_EQ(str(english[0], "countryCode"), "CA");
    EXPECT_EQ(str(english[0], "countryName"), "Canada");
    EXPECT_EQ(str(english[1], "countryCode"), "US");
    EXPECT_EQ(str(english.back(), "code"), "+1876");
    const auto find = [&](const json::array& items, std::string_view country) {
        for (const auto& item : items) {
            if (str(item, "countryCode") == country) {
                return item.as_object();
            }
        }
        return json::object{};
    };
    EXPECT_EQ(str(find(english, "GB"), "code"), "+44");
    EXPECT_EQ(str(find(english, "DE"), "code"), "+49");
    EXPECT_EQ(str(find(english, "AG"), "code"), "+1268");
    int previous = 0;
    for (const auto& item : english) {
        const int value = std::stoi(str(item, "code").substr(1));
        EXPECT_LE(previous, value);
        previous = value;
    }
    const auto german = items_of(catalog().phones("de"), "phones");
    EXPECT_EQ(str(find(german, "US"), "countryName"), "Vereinigte Staaten");
}

TEST_F(LocaleCatalogTest, Currencies) {
    const auto items = items_of(catalog().currencies(""), "currencies");
    ASSERT_GT(items.size(), 100u);
    EXPECT_EQ(keys_of(items[0].as_object()),
              (std::vector<std::string>{"symbol", "name", "symbolNative", "decimalDigits",
                                        "rounding", "code", "namePlural"}));
    EXPECT_EQ(str(items[0], "code"), "USD");
    EXPECT_EQ(str(items[0], "symbol"), "$");
    EXPECT_EQ(str(items[0], "name"), "US Dollar");
    EXPECT_EQ(str(items[0], "namePlural"), "US dollars");
    EXPECT_EQ(items[0].at("rounding").to_number<double>(), 0.0);
    EXPECT_EQ(str(items[1], "code"), "EUR");
    EXPECT_EQ(items[1].at("decimalDigits").as_int64(), 2);
    for (const auto& item : items) {
        if (str(item, "code") == "JPY") {
            EXPECT_EQ(item.at("decimalDigits").as_int64(), 0);
        }
    }
    EXPECT_EQ(catalog().currencies("de"), catalog().currencies("en"));
}

TEST_F(LocaleCatalogTest, Languages) {
    const auto items = items_of(catalog().languages(""), "languages");
    ASSERT_EQ(items.size(), 184u);
    EXPECT_EQ(keys_of(items[0].as_object()),
              (std::vector<std::string>{"name", "code", "nativeName"}));
    EXPECT_EQ(str(items[0], "code"), "aa");
    EXPECT_EQ(str(items[0], "name"), "Afar");
    EXPECT_EQ(str(items[0], "nativeName"), "Afar");
    EXPECT_EQ(str(items.back(), "code"), "zu");
    EXPECT_EQ(str(items.back(), "name"), "Zulu");
    EXPECT_EQ(str(items.back(), "nativeName"), "isiZulu");
    for (const auto& item : items) {
        if (str(item, "code") == "de") {
            EXPECT_EQ(str(item, "nativeName"), "Deutsch");
        }
        if (str(item, "code") == "fr") {
            EXPECT_EQ(str(item, "nativeName"), "Français");
        }
    }
}

TEST_F(LocaleCatalogTest, Codes) {
    const auto items = items_of(catalog().codes(), "localeCodes");
    ASSERT_EQ(items.size(), 131u);
    EXPECT_EQ(keys_of(items[0].as_object()), (std::vector<std::string>{"code", "name"}));
    EXPECT_EQ(str(items[0], "code"), "af");
    EXPECT_EQ(str(items[0], "name"), "Afrikaans");
    EXPECT_EQ(str(items.back(), "code"), "zu");
    for (const auto& item : items) {
        EXPECT_FALSE(str(item, "name").empty());
        EXPECT_NE(str(item, "name"), str(item, "code"));
    }
}

TEST_F(LocaleCatalogTest, LocaleWithoutGeoIpIsUnknown) {
    const json::object english = json::parse(catalog().locale("127.0.0.1", "")).as_object();
    EXPECT_EQ(keys_of(english),
              (std::vector<std::string>{"ip", "countryCode", "country", "continentCode",
                                        "continent", "eu", "currency"}));
    EXPECT_EQ(english.at("ip").as_string(), "127.0.0.1");
    EXPECT_EQ(english.at("countryCode").as_string(), "--");
    EXPECT_EQ(english.at("country").as_string(), "Unknown Region");
    EXPECT_EQ(english.at("continentCode").as_string(), "--");
    EXPECT_EQ(english.at("continent").as_string(), "Unknown Region");
    EXPECT_EQ(english.at("eu").as_bool(), false);
    EXPECT_EQ(english.at("currency").as_string(), "");
    const json::object german = json::parse(catalog().locale("8.8.8.8", "de")).as_object();
    EXPECT_EQ(german.at("country").as_string(), "Unbekannte Region");
    EXPECT_EQ(german.at("countryCode").as_string(), "--");
    const json::object bad = json::parse(catalog().locale("not-an-ip", "")).as_object();
    EXPECT_EQ(bad.at("ip").as_string(), "0.0.0.0");
}

TEST(LocaleCatalogGeoIp, LocaleFromDatabase) {
    const LocaleCatalog catalog(LocaleCatalogOptions{BASALT_TEST_GEOIP_DB});
    const json::object us = json::parse(catalog.locale("8.8.8.8", "")).as_object();
    EXPECT_EQ(us.at("ip").as_string(), "8.8.8.8");
    EXPECT_EQ(us.at("countryCode").as_string(), "US");
    EXPECT_EQ(us.at("country").as_string(), "United States");
    EXPECT_EQ(us.at("continentCode").as_string(), "NA");
    EXPECT_EQ(us.at("continent").as_string(), "North America");
    EXPECT_EQ(us.at("eu").as_bool(), false);
    EXPECT_EQ(us.at("currency").as_string(), "USD");

    const json::object de = json::parse(catalog.locale("2.16.0.9", "de")).as_object();
    EXPECT_EQ(de.at("countryCode").as_string(), "DE");
    EXPECT_EQ(de.at("country").as_string(), "Deutschland");
    EXPECT_EQ(de.at("continent").as_string(), "Europa");
    EXPECT_EQ(de.at("eu").as_bool(), true);
    EXPECT_EQ(de.at("currency").as_string(), "EUR");

    // No continent in the record: derived from the country.
    const json::object br = json::parse(catalog.locale("5.5.5.5", "")).as_object();
    EXPECT_EQ(br.at("countryCode").as_string(), "BR");
    EXPECT_EQ(br.at("continentCode").as_string(), "SA");
    EXPECT_EQ(br.at("currency").as_string(), "BRL");

    const json::object local = json::parse(catalog.locale("10.0.0.1", "")).as_object();
    EXPECT_EQ(local.at("countryCode").as_string(), "--");
    EXPECT_EQ(local.at("eu").as_bool(), false);
}

TEST(LocaleCatalogGeoIp, MissingDatabaseThrows) {
    EXPECT_THROW(LocaleCatalog(LocaleCatalogOptions{"/nonexistent/geo.mmdb"}), Error);
}

TEST(LocaleCatalogThreads, ConcurrentFirstUseBuildsOnce) {
    const LocaleCatalog catalog;
    std::vector<const std::string*> seen(8);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < seen.size(); ++i) {
        threads.emplace_back([&, i] {
            seen[i] = &catalog.countries(i % 2 == 0 ? "fr" : "it");
            (void)catalog.languages("");
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (std::size_t i = 2; i < seen.size(); ++i) {
        EXPECT_EQ(seen[i], seen[i % 2]);
    }
    EXPECT_NE(*seen[0], *seen[1]);
}

}  // namespace
}  // namespace basalt::platform
