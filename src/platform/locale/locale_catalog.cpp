#include "platform/locale/locale_catalog.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <map>
#include <mutex>
#include <vector>

#include "core/net.hpp"
#include "platform/locale/currencies.hpp"
#include "platform/locale/display_names.hpp"
#include "platform/locale/geoip.hpp"
#include "platform/locale/locale_codes.hpp"
#include "platform/locale/locale_data.hpp"
#include "platform/locale/territories.hpp"

namespace basalt::platform {
namespace {

using NameMap = std::map<std::string, std::string, std::less<>>;

// The lists of one locale, serialized, plus the names GET /v1/locale needs.
struct Localised {
    std::string continents;
    std::string countries;
    std::string countries_eu;
    std::string phones;
    NameMap region_names;     // every ISO 3166-1 region
    NameMap continent_names;  // by Appwrite continent code
    std::string unknown;      // CLDR's "Unknown Region" (ZZ)
};

// The lists that do not depend on the locale.
struct Shared {
    std::string codes;
    std::string currencies;
    std::string languages;
};

std::string list_json(std::string_view key, boost::json::array items) {
    boost::json::object body;
    body["total"] = items.size();
    body[key] = std::move(items);
    return boost::json::serialize(body);
}

// Appwrite sorts names with strcmp: by UTF-8 bytes, not by collation.
void sort_by_name(std::vector<std::pair<std::string, std::string>>& named) {
    std::ranges::stable_sort(named, {}, &std::pair<std::string, std::string>::first);
}

std::string name_list_json(std::string_view key,
                           std::vector<std::pair<std::string, std::string>> named) {
    sort_by_name(named);
    boost::json::array items;
    for (auto& [name, code] : named) {
        items.push_back(boost::json::object{{"name", std::move(name)}, {"code", std::move(code)}});
    }
    return list_json(key, std::move(items));
}

std::vector<std::pair<std::string, std::string>> named_countries(
    const std::vector<std::string>& codes, const NameMap& names) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& code : codes) {
        out.emplace_back(names.at(code), code);
    }
    return out;
}

std::uint32_t calling_code_value(std::string_view code) {
    std::uint32_t value = 0;
    std::from_chars(code.data(), code.data() + code.size(), value);
    return value;
}

std::string phones_json(const NameMap& names) {
    std::vector<PhoneCode> listed;
    for (const auto& phone : phone_codes()) {
        if (std::ranges::binary_search(countries(), phone.region)) {
            listed.push_back(phone);
        }
    }
    std::ranges::stable_sort(listed, [](const PhoneCode& a, const PhoneCode& b) {
        return calling_code_value(a.code) < calling_code_value(b.code);
    });
    boost::json::array items;
    for (const auto& phone : listed) {
        items.push_back(boost::json::object{{"code", "+" + std::string(phone.code)},
                                            {"countryCode", phone.region},
                                            {"countryName", names.at(std::string(phone.region))}});
    }
    return list_json("phones", std::move(items));
}

// Builds one locale's lists; `english` supplies names the locale lacks (null when building
// English itself, whose CLDR data names every region).
std::unique_ptr<const Localised> build_localised(std::string_view icu_id,
                                                 const Localised* english) {
    const DisplayNames names(icu_id);
    auto out = std::make_unique<Localised>();
    auto name_or_fallback = [&](std::string_view code, const NameMap* fallback) {
        if (auto name = names.region(code)) {
            return std::move(*name);
        }
        if (fallback != nullptr) {
            return fallback->at(std::string(code));
        }
        return std::string(code);
    };
    for (const auto& region : all_regions()) {
        out->region_names[region] =
            name_or_fallback(region, english != nullptr ? &english->region_names : nullptr);
    }
    std::vector<std::pair<std::string, std::string>> continents_named;
    for (const auto& continent : continents()) {
        auto name = names.region(continent.cldr_region);
        std::string text = name ? std::move(*name)
                           : english != nullptr
                               ? english->continent_names.at(std::string(continent.code))
                               : std::string(continent.code);
        out->continent_names[std::string(continent.code)] = text;
        continents_named.emplace_back(std::move(text), continent.code);
    }
    auto unknown = names.region("ZZ");
    out->unknown = unknown ? std::move(*unknown) : english != nullptr ? english->unknown : "ZZ";
    out->continents = name_list_json("continents", std::move(continents_named));
    out->countries = name_list_json("countries", named_countries(countries(), out->region_names));
    out->countries_eu =
        name_list_json("countries", named_countries(eu_members(), out->region_names));
    out->phones = phones_json(out->region_names);
    return out;
}

boost::json::value rounding_json(double rounding) {
    double whole = 0;
    if (std::modf(rounding, &whole) == 0.0) {
        return static_cast<std::int64_t>(whole);
    }
    return rounding;
}

std::string currencies_json() {
    boost::json::array items;
    for (auto& currency : currency_list()) {
        items.push_back(boost::json::object{
            {"symbol", std::move(currency.symbol)},
            {"name", std::move(currency.name)},
            {"symbolNative", std::move(currency.symbol_native)},
            {"decimalDigits", currency.decimal_digits},
            {"rounding", rounding_json(currency.rounding)},
            {"code", std::move(currency.code)},
            {"namePlural", std::move(currency.name_plural)},
        });
    }
    return list_json("currencies", std::move(items));
}

std::string languages_json(const DisplayNames& english) {
    boost::json::array items;
    for (const auto& language : iso_languages()) {
        std::string name = english.language(language.code).value_or(std::string(language.name));
        std::string native = name;
        if (icu_has_names_for(language.code)) {
            native = DisplayNames(language.code).language(language.code).value_or(name);
        }
        items.push_back(boost::json::object{
            {"name", std::move(name)}, {"code", language.code}, {"nativeName", std::move(native)}});
    }
    return list_json("languages", std::move(items));
}

std::string codes_json(const DisplayNames& english) {
    boost::json::array items;
    for (const auto& code : locale_codes()) {
        items.push_back(boost::json::object{
            {"code", code.code},
            {"name", english.locale(code.icu_id).value_or(std::string(code.code))}});
    }
    return list_json("localeCodes", std::move(items));
}

}  // namespace

struct LocaleCatalog::State {
    struct Slot {
        std::once_flag once;
        std::unique_ptr<const Localised> data;
    };

    // Constant after construction.
    std::optional<GeoIp> geoip;
    std::vector<std::size_t> slot_of;  // per accepted code: its own slot, or English's

    // Each filled once under its flag, then read-only.
    std::vector<Slot> slots;
    std::once_flag shared_once;
    std::unique_ptr<const Shared> shared;

    const Localised& localised(std::string_view requested) {
        return slot(slot_of[find_locale_code(requested).value_or(default_locale_index())]);
    }

    const Localised& slot(std::size_t index) {
        Slot& entry = slots[index];
        std::call_once(entry.once, [&] {
            const std::size_t english = default_locale_index();
            const Localised* fallback = index == english ? nullptr : &slot(english);
            entry.data = build_localised(locale_codes()[index].icu_id, fallback);
        });
        return *entry.data;
    }

    const Shared& shared_lists() {
        std::call_once(shared_once, [&] {
            const DisplayNames english("en");
            auto lists = std::make_unique<Shared>();
            lists->codes = codes_json(english);
            lists->currencies = currencies_json();
            lists->languages = languages_json(english);
            shared = std::move(lists);
        });
        return *shared;
    }
};

LocaleCatalog::LocaleCatalog(LocaleCatalogOptions options) : state_(std::make_unique<State>()) {
    if (options.geoip_database) {
        state_->geoip = GeoIp::open(*options.geoip_database);
    }
    const auto codes = locale_codes();
    state_->slots = std::vector<State::Slot>(codes.size());
    for (std::size_t i = 0; i < codes.size(); ++i) {
        state_->slot_of.push_back(icu_has_names_for(codes[i].icu_id) ? i : default_locale_index());
    }
}

LocaleCatalog::~LocaleCatalog() = default;

std::string_view LocaleCatalog::resolve(std::string_view requested) noexcept {
    return locale_codes()[find_locale_code(requested).value_or(default_locale_index())].code;
}

const std::string& LocaleCatalog::codes(std::string_view) const {
    return state_->shared_lists().codes;
}

const std::string& LocaleCatalog::continents(std::string_view locale) const {
    return state_->localised(locale).continents;
}

const std::string& LocaleCatalog::countries(std::string_view locale) const {
    return state_->localised(locale).countries;
}

const std::string& LocaleCatalog::countries_eu(std::string_view locale) const {
    return state_->localised(locale).countries_eu;
}

const std::string& LocaleCatalog::phones(std::string_view locale) const {
    return state_->localised(locale).phones;
}

const std::string& LocaleCatalog::currencies(std::string_view) const {
    return state_->shared_lists().currencies;
}

const std::string& LocaleCatalog::languages(std::string_view) const {
    return state_->shared_lists().languages;
}

std::string LocaleCatalog::locale(std::string_view ip, std::string_view locale) const {
    const Localised& names = state_->localised(locale);
    const std::string address = net::is_ip_address(ip) ? std::string(ip) : std::string("0.0.0.0");
    std::optional<GeoLocation> found;
    if (state_->geoip) {
        found = state_->geoip->lookup(address);
    }
    boost::json::object body;
    body["ip"] = address;
    if (!found) {
        body["countryCode"] = "--";
        body["country"] = names.unknown;
        body["continentCode"] = "--";
        body["continent"] = names.unknown;
        body["eu"] = false;
        body["currency"] = "";
        return boost::json::serialize(body);
    }
    const std::string& country = found->country_code;
    std::string continent = found->continent_code;
    if (continent.empty()) {
        continent = std::string(continent_of(country).value_or("--"));
    }
    const auto country_name = names.region_names.find(country);
    const auto continent_name = names.continent_names.find(continent);
    const auto currencies = currencies_of(country);
    body["countryCode"] = country;
    body["country"] =
        country_name != names.region_names.end() ? country_name->second : names.unknown;
    body["continentCode"] = continent;
    body["continent"] =
        continent_name != names.continent_names.end() ? continent_name->second : names.unknown;
    body["eu"] = is_eu_member(country);
    body["currency"] = currencies.empty() ? std::string() : currencies.front();
    return boost::json::serialize(body);
}

std::string LocaleCatalog::country_code(std::string_view ip) const {
    if (!state_->geoip || !net::is_ip_address(ip)) return {};
    const auto found = state_->geoip->lookup(ip);
    return found ? found->country_code : std::string();
}

std::string LocaleCatalog::country_name(std::string_view code, std::string_view locale) const {
    const Localised& names = state_->localised(locale);
    std::string upper(code);
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const auto found = names.region_names.find(upper);
    return found != names.region_names.end() ? found->second : names.unknown;
}

}  // namespace basalt::platform
