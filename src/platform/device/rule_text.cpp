#include "platform/device/rule_text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace basalt::device {
namespace {

std::string_view trim(std::string_view text, std::string_view characters) noexcept {
    const std::size_t first = text.find_first_not_of(characters);
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(characters) - first + 1);
}

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) noexcept {
    if (text.size() < suffix.size()) {
        return false;
    }
    const std::string_view tail = text.substr(text.size() - suffix.size());
    return std::equal(tail.begin(), tail.end(), suffix.begin(), [](char a, char b) {
        return std::toupper(static_cast<unsigned char>(a)) ==
               std::toupper(static_cast<unsigned char>(b));
    });
}

// The next dot-separated part of `version` from `pos` as a number (its leading digits).
std::uint64_t next_part(std::string_view version, std::size_t& pos) noexcept {
    std::uint64_t value = 0;
    bool in_digits = true;
    while (pos < version.size() && version[pos] != '.') {
        const char c = version[pos++];
        if (in_digits && c >= '0' && c <= '9' && value < UINT64_MAX / 10) {
            value = value * 10 + static_cast<std::uint64_t>(c - '0');
        } else {
            in_digits = false;
        }
    }
    if (pos < version.size()) {
        ++pos;  // the dot
    }
    return value;
}

}  // namespace

std::string fill_template(std::string_view text, const Match& match) {
    std::string filled;
    filled.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '$' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
            filled.append(match.group(static_cast<std::size_t>(text[i + 1] - '0')));
            ++i;
        } else {
            filled.push_back(text[i]);
        }
    }
    return std::string(trim(filled, " \t"));
}

std::string build_version(std::string_view text, const Match& match) {
    std::string version = fill_template(text, match);
    std::replace(version.begin(), version.end(), '_', '.');
    // Matomo's default truncation keeps one minor part.
    const std::size_t first_dot = version.find('.');
    if (first_dot != std::string::npos) {
        const std::size_t second_dot = version.find('.', first_dot + 1);
        if (second_dot != std::string::npos) {
            version.resize(second_dot);
        }
    }
    return std::string(trim(version, " ."));
}

std::string build_model(std::string_view text, const Match& match) {
    std::string model = fill_template(text, match);
    std::replace(model.begin(), model.end(), '_', ' ');
    if (ends_with_ignoring_case(model, " TD")) {
        model.resize(model.size() - 3);
    }
    model = std::string(trim(model, " \t"));
    return model == "Build" ? std::string() : model;
}

int compare_versions(std::string_view a, std::string_view b) noexcept {
    std::size_t pos_a = 0;
    std::size_t pos_b = 0;
    while (pos_a < a.size() || pos_b < b.size()) {
        const std::uint64_t part_a = next_part(a, pos_a);
        const std::uint64_t part_b = next_part(b, pos_b);
        if (part_a != part_b) {
            return part_a < part_b ? -1 : 1;
        }
    }
    return 0;
}

}  // namespace basalt::device
