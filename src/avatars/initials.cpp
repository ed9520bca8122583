#include "avatars/initials.hpp"

#include <array>
#include <cctype>
#include <vector>

namespace basalt::avatars {
namespace {

// Appwrite's themes, in its order: pink (the default), orange, purple, blue, mint.
constexpr std::array<raster::Rgb, 5> kThemes = {{
    {0xFD, 0x36, 0x6E},
    {0xFE, 0x95, 0x67},
    {0x7C, 0x67, 0xFE},
    {0x68, 0xA3, 0xFE},
    {0x85, 0xDB, 0xD8},
}};

bool is_ascii_alnum(char c) noexcept {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x80 && std::isalnum(u);
}

int hex_digit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> words;
    std::size_t start = 0;
    for (;;) {
        const auto end = text.find(separator, start);
        words.push_back(text.substr(
            start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return words;
        start = end + 1;
    }
}

}  // namespace

std::string initials_of(std::string_view name) {
    auto words = split(name, ' ');
    if (words.size() == 1) words = split(name, '_');
    std::string initials;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i].empty() || !is_ascii_alnum(words[i][0])) continue;
        initials += static_cast<char>(std::toupper(static_cast<unsigned char>(words[i][0])));
        // As Appwrite: the word at index 1 ends the initials when it gives one.
        if (i == 1) break;
    }
    return initials;
}

raster::Rgb theme_colour(std::string_view initials) noexcept {
    unsigned code = 0;
    for (const char c : initials) code += static_cast<unsigned char>(c);
    unsigned pick = code % 10;
    if (pick > kThemes.size() - 1) pick %= kThemes.size();
    return kThemes[pick];
}

std::optional<raster::Rgb> parse_hex_colour(std::string_view text) noexcept {
    if (text.size() != 3 && text.size() != 6) return std::nullopt;
    std::array<int, 6> digits{};
    for (std::size_t i = 0; i < text.size(); ++i) {
        digits[i] = hex_digit(text[i]);
        if (digits[i] < 0) return std::nullopt;
    }
    const auto channel = [&](std::size_t i) {
        return text.size() == 3 ? static_cast<std::uint8_t>(digits[i] * 17)
                                : static_cast<std::uint8_t>(digits[2 * i] * 16 + digits[2 * i + 1]);
    };
    return raster::Rgb{channel(0), channel(1), channel(2)};
}

}  // namespace basalt::avatars
