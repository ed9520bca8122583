// Names of regions, languages and locales as one locale writes them, from ICU (CLDR data).
#pragma once

#include <unicode/uversion.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

U_NAMESPACE_BEGIN
class LocaleDisplayNames;
U_NAMESPACE_END

namespace basalt::platform {

// True when ICU holds display-name data for `icu_id` itself or for a parent of it other
// than root ("de_LI" -> "de"). Without that data ICU would silently answer in the process's
// default locale, so callers must check this before building DisplayNames.
// Thread-safe.
bool icu_has_names_for(std::string_view icu_id);

// Display names in one locale. Lookups never substitute the code for a missing name:
// they return nullopt, and the caller picks its fallback (English).
// Thread-safety: const methods may run concurrently.
class DisplayNames {
public:
    // Throws basalt::Error(kGeneralServerError) when ICU cannot create the formatter.
    explicit DisplayNames(std::string_view icu_id);
    ~DisplayNames();
    DisplayNames(const DisplayNames&) = delete;
    DisplayNames& operator=(const DisplayNames&) = delete;

    // A region by ISO 3166-1 or UN M49 code ("US", "150"), e.g. "Vereinigte Staaten".
    std::optional<std::string> region(std::string_view code) const;

    // A language by ISO 639 code, capitalised as in a UI list ("Français").
    std::optional<std::string> language(std::string_view code) const;

    // A whole locale ("ar_AE" -> "Arabic (United Arab Emirates)").
    std::optional<std::string> locale(std::string_view icu_id) const;

private:
    std::unique_ptr<icu::LocaleDisplayNames> names_;
};

}  // namespace basalt::platform
