// Tables of the Locale service that ICU does not carry, generated at build time by
// scripts/gen_locale_data.py from libphonenumber (python3-phonenumbers) and iso-codes.
#pragma once

#include <span>
#include <string_view>

namespace basalt::platform {

// Country calling code of one ISO 3166-1 region, e.g. {"GB", "44"}; regions inside the
// North American Numbering Plan other than US and CA carry their area code ("1268").
struct PhoneCode {
    std::string_view region;
    std::string_view code;  // digits only, no '+'
};

// One ISO 639-1 language with its English name from ISO 639-2 (used when ICU has none).
struct IsoLanguage {
    std::string_view code;
    std::string_view name;
};

// Sorted by region code. Constant data; safe from any thread.
std::span<const PhoneCode> phone_codes() noexcept;

// Sorted by language code. Constant data; safe from any thread.
std::span<const IsoLanguage> iso_languages() noexcept;

}  // namespace basalt::platform
