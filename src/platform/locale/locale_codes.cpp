#include "platform/locale/locale_codes.hpp"

#include <algorithm>
#include <array>

namespace basalt::platform {
namespace {

// Hand-kept on purpose: this is Appwrite's own list of locale codes (app/config/locale/codes.php),
// part of the API contract (it decides which X-Appwrite-Locale values are honoured and what
// GET /v1/locale/codes lists). No data source carries it: it mixes BCP 47 tags with retired or
// non-standard codes. Names come from ICU via `icu_id`, which differs from the code only where
// ICU would not recognise it: "sb" (Sorbian) is named as Upper Sorbian, "ua" is Ukrainian's
// country code used as a language code, "ji" and "bh" are retired ISO 639-1 codes.
constexpr std::array kCodes = std::to_array<LocaleCode>({
    {"af", "af"},       {"ar-ae", "ar_AE"}, {"ar-bh", "ar_BH"}, {"ar-dz", "ar_DZ"},
    {"ar-eg", "ar_EG"}, {"ar-iq", "ar_IQ"}, {"ar-jo", "ar_JO"}, {"ar-kw", "ar_KW"},
    {"ar-lb", "ar_LB"}, {"ar-ly", "ar_LY"}, {"ar-ma", "ar_MA"}, {"ar-om", "ar_OM"},
    {"ar-qa", "ar_QA"}, {"ar-sa", "ar_SA"}, {"ar-sy", "ar_SY"}, {"ar-tn", "ar_TN"},
    {"ar-ye", "ar_YE"}, {"as", "as"},       {"az", "az"},       {"be", "be"},
    {"bg", "bg"},       {"bh", "bho"},      {"bn", "bn"},       {"bs", "bs"},
    {"ca", "ca"},       {"cs", "cs"},       {"cy", "cy"},       {"da", "da"},
    {"de", "de"},       {"de-at", "de_AT"}, {"de-ch", "de_CH"}, {"de-li", "de_LI"},
    {"de-lu", "de_LU"}, {"el", "el"},       {"en", "en"},       {"en-au", "en_AU"},
    {"en-bz", "en_BZ"}, {"en-ca", "en_CA"}, {"en-gb", "en_GB"}, {"en-ie", "en_IE"},
    {"en-jm", "en_JM"}, {"en-nz", "en_NZ"}, {"en-tt", "en_TT"}, {"en-us", "en_US"},
    {"en-za", "en_ZA"}, {"eo", "eo"},       {"es", "es"},       {"es-ar", "es_AR"},
    {"es-bo", "es_BO"}, {"es-cl", "es_CL"}, {"es-co", "es_CO"}, {"es-cr", "es_CR"},
    {"es-do", "es_DO"}, {"es-ec", "es_EC"}, {"es-gt", "es_GT"}, {"es-hn", "es_HN"},
    {"es-mx", "es_MX"}, {"es-ni", "es_NI"}, {"es-pa", "es_PA"}, {"es-pe", "es_PE"},
    {"es-pr", "es_PR"}, {"es-py", "es_PY"}, {"es-sv", "es_SV"}, {"es-uy", "es_UY"},
    {"es-ve", "es_VE"}, {"et", "et"},       {"eu", "eu"},       {"fa", "fa"},
    {"fi", "fi"},       {"fo", "fo"},       {"fr", "fr"},       {"fr-be", "fr_BE"},
    {"fr-ca", "fr_CA"}, {"fr-ch", "fr_CH"}, {"fr-lu", "fr_LU"}, {"ga", "ga"},
    {"gd", "gd"},       {"he", "he"},       {"hi", "hi"},       {"hr", "hr"},
    {"hu", "hu"},       {"id", "id"},       {"is", "is"},       {"it", "it"},
    {"it-ch", "it_CH"}, {"ja", "ja"},       {"ji", "yi"},       {"ko", "ko"},
    {"ku", "ku"},       {"lt", "lt"},       {"lv", "lv"},       {"mk", "mk"},
    {"ml", "ml"},       {"ms", "ms"},       {"mt", "mt"},       {"nb", "nb"},
    {"ne", "ne"},       {"nl", "nl"},       {"nl-be", "nl_BE"}, {"nn", "nn"},
    {"no", "no"},       {"pa", "pa"},       {"pl", "pl"},       {"pt", "pt"},
    {"pt-br", "pt_BR"}, {"rm", "rm"},       {"ro", "ro"},       {"ro-md", "ro_MD"},
    {"ru", "ru"},       {"ru-md", "ru_MD"}, {"sb", "hsb"},      {"sk", "sk"},
    {"sl", "sl"},       {"sq", "sq"},       {"sr", "sr"},       {"sv", "sv"},
    {"sv-fi", "sv_FI"}, {"th", "th"},       {"tn", "tn"},       {"tr", "tr"},
    {"ts", "ts"},       {"ua", "uk"},       {"ur", "ur"},       {"ve", "ve"},
    {"vi", "vi"},       {"xh", "xh"},       {"zh-cn", "zh_CN"}, {"zh-hk", "zh_HK"},
    {"zh-sg", "zh_SG"}, {"zh-tw", "zh_TW"}, {"zu", "zu"},
});

static_assert(std::ranges::is_sorted(kCodes, {}, &LocaleCode::code),
              "find_locale_code() relies on the table being sorted by code");

}  // namespace

std::span<const LocaleCode> locale_codes() noexcept { return kCodes; }

std::optional<std::size_t> find_locale_code(std::string_view requested) noexcept {
    const auto* it = std::ranges::lower_bound(kCodes, requested, {}, &LocaleCode::code);
    if (it == kCodes.end() || it->code != requested) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(it - kCodes.begin());
}

std::size_t default_locale_index() noexcept {
    static const std::size_t index = *find_locale_code("en");
    return index;
}

}  // namespace basalt::platform
