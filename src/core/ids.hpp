// Appwrite resource IDs: validation of custom IDs and generation of unique ones.
#pragma once

#include <string>
#include <string_view>

namespace basalt::ids {

inline constexpr std::size_t kMaxLength = 36;

// Appwrite's wording of the rule is_valid checks (UID and Key validators).
inline constexpr std::string_view kRule =
    "Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. "
    "Can't start with a special char";

// A new 20-hex-char ID shaped like Appwrite's: 13 time-based chars then 7 random ones. Thread-safe.
std::string unique();

// True when `id` is a valid custom ID: [A-Za-z0-9._-], 1..36 chars, not starting with . - _
bool is_valid(std::string_view id) noexcept;

// Resolves a caller-supplied ID: "unique()" yields a fresh one, anything else must be valid or
// Error(kGeneralArgumentInvalid) naming `param` is thrown.
std::string resolve(std::string_view id, std::string_view param);

}  // namespace basalt::ids
