// The data behind Appwrite's Locale service (GET /v1/locale and /v1/locale/*): ready-made JSON
// response bodies, localised by the X-Appwrite-Locale header or `locale` parameter.
//
// Every list method takes the requested locale exactly as the client sent it. A value that is
// not one of the codes of GET /v1/locale/codes (compared case-sensitively, as Appwrite does),
// or is empty, means "en". Names come from ICU (CLDR); a name missing in the requested locale
// falls back to English. Lists of codes, currencies and languages are not localised, as in
// Appwrite; they take the locale only for a uniform call shape.
//
// Thread-safety: after construction every method may be called from any number of threads.
// Each locale's lists are built on first request (a few milliseconds, once) and cached for
// the life of the catalog, so later calls are a lookup returning a reference.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace basalt::platform {

struct LocaleCatalogOptions {
    // A MaxMind DB (GeoLite2/GeoIP2 Country or City) used by locale(); none by default,
    // in which case every address is unknown.
    std::optional<std::filesystem::path> geoip_database;
};

class LocaleCatalog {
public:
    // Throws basalt::Error(kGeneralServerError) when the GeoIP database cannot be opened or
    // ICU lacks the region data the lists are derived from.
    explicit LocaleCatalog(LocaleCatalogOptions options = {});
    ~LocaleCatalog();
    LocaleCatalog(const LocaleCatalog&) = delete;
    LocaleCatalog& operator=(const LocaleCatalog&) = delete;

    // The accepted code for `requested`, or "en" when it is not accepted.
    static std::string_view resolve(std::string_view requested) noexcept;

    // Model localeCodeList: {"total","localeCodes":[{"code","name"}]}, by code, English names.
    const std::string& codes(std::string_view locale = {}) const;
    // Model continentList: {"total","continents":[{"name","code"}]}, sorted by name.
    const std::string& continents(std::string_view locale = {}) const;
    // Model countryList: {"total","countries":[{"name","code"}]}, sorted by name.
    const std::string& countries(std::string_view locale = {}) const;
    // Model countryList for the EU member states, sorted by name.
    const std::string& countries_eu(std::string_view locale = {}) const;
    // Model phoneList: {"total","phones":[{"code","countryCode","countryName"}]}, by calling
    // code numerically, then by country code.
    const std::string& phones(std::string_view locale = {}) const;
    // Model currencyList: {"total","currencies":[{"symbol","name","symbolNative",
    // "decimalDigits","rounding","code","namePlural"}]}, English.
    const std::string& currencies(std::string_view locale = {}) const;
    // Model languageList: {"total","languages":[{"name","code","nativeName"}]}, by code.
    const std::string& languages(std::string_view locale = {}) const;

    // Model locale: {"ip","countryCode","country","continentCode","continent","eu","currency"}
    // for the caller's address. An address that is not an IP becomes "0.0.0.0"; one the GeoIP
    // database cannot place (or any, without a database) gives countryCode and continentCode
    // "--", country and continent ICU's localised "Unknown Region", eu false, currency "".
    // Throws basalt::Error(kGeneralServerError) when the GeoIP database is corrupt.
    std::string locale(std::string_view ip, std::string_view locale = {}) const;

    // The ISO country code (upper case) the GeoIP database places `ip` in; "" when unknown.
    std::string country_code(std::string_view ip) const;
    // The localised name of a country code (any case), or the localised unknown-region name.
    std::string country_name(std::string_view code, std::string_view locale = {}) const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace basalt::platform
