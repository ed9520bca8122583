// The icon sets of the Avatars service (browsers, credit cards, flags) as data: each code of
// Appwrite 1.9.6 with its name and where its picture comes from. The pictures are SVG files of
// npm packages installed under assets/avatars (scripts/deps.sh): flag-icons (MIT) for flags,
// payment-icons (MPL-2.0) for cards, simple-icons (CC0-1.0) for browsers. A code none of them
// draws (e.g. the Argencard card, the Avant browser) is drawn as its name's initials.
#pragma once

#include <span>
#include <string_view>

namespace basalt::avatars {

enum class IconSet { kBrowsers, kCreditCards, kFlags };

struct Icon {
    std::string_view code;  // lower case, as in Appwrite's config/avatars/*.php
    std::string_view name;  // Appwrite's display name
    // SVG file relative to the icons directory; empty = drawn as the initials of `name`.
    std::string_view file;
    // Fill colour of a single-colour glyph (simple-icons draw in black): "#RRGGBB" or empty.
    std::string_view fill;
};

// Every icon of a set, in Appwrite's order.
std::span<const Icon> icons(IconSet set) noexcept;

// The icon of `code` (already in lower case) in `set`; nullptr when the set has no such code.
const Icon* find_icon(IconSet set, std::string_view code) noexcept;

}  // namespace basalt::avatars
