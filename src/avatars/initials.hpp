// Appwrite's initials avatar rules (Avatars/Http/Initials/Get.php in 1.9.6), as plain functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "avatars/raster.hpp"

namespace basalt::avatars {

// Up to two initials of `name`, upper case: the first character of the words split on spaces
// (on '_' when there is no space), keeping only ASCII letters and digits and stopping once
// the second word has given one. "Jane Doe" -> "JD", "jane_doe" -> "JD", "Élodie Roy" -> "R".
std::string initials_of(std::string_view name);

// The colour Appwrite picks for `initials` from its five themes: the last decimal digit of the
// sum of their character codes, modulo 5 when above 4. Stable for a name.
raster::Rgb theme_colour(std::string_view initials) noexcept;

// A colour given as 3 or 6 hex digits without '#' (Appwrite's HexColor); nullopt otherwise.
std::optional<raster::Rgb> parse_hex_colour(std::string_view text) noexcept;

}  // namespace basalt::avatars
