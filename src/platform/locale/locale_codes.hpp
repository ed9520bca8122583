// The locale codes Basalt accepts in X-Appwrite-Locale / `locale`, as Appwrite does.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace basalt::platform {

struct LocaleCode {
    std::string_view code;    // as sent by clients and listed by GET /v1/locale/codes
    std::string_view icu_id;  // the ICU locale that names and translates it
};

// Every accepted code, in Appwrite's order (by code). Constant data; safe from any thread.
std::span<const LocaleCode> locale_codes() noexcept;

// The index in locale_codes() of `requested` when it is exactly one of the codes
// (Appwrite compares case-sensitively: "pt-br" is accepted, "pt-BR" is not);
// nullopt otherwise, including for an empty string.
std::optional<std::size_t> find_locale_code(std::string_view requested) noexcept;

// The index of the default locale, "en".
std::size_t default_locale_index() noexcept;

}  // namespace basalt::platform
