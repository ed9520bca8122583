#include "auth/oauth2/json_path.hpp"

#include <fmt/format.h>

#include <charconv>

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;

// One step: a member name or array index, or "name[flag]" (the first element of the array
// `name` whose member `flag` is true).
const json::value* step(const json::value& at, std::string_view segment) {
    std::string_view flag;
    if (segment.ends_with(']')) {
        const auto open = segment.find('[');
        if (open == std::string_view::npos) return nullptr;
        flag = segment.substr(open + 1, segment.size() - open - 2);
        segment = segment.substr(0, open);
    }
    const json::value* next = nullptr;
    if (const auto* object = at.if_object()) {
        next = object->if_contains(segment);
    } else if (const auto* array = at.if_array()) {
        std::size_t index = 0;
        const auto* end = segment.data() + segment.size();
        const auto [ptr, ec] = std::from_chars(segment.data(), end, index);
        if (ec != std::errc() || ptr != end || index >= array->size()) return nullptr;
        next = &(*array)[index];
    }
    if (!next || flag.empty()) return next;
    const auto* candidates = next->if_array();
    if (!candidates) return nullptr;
    for (const auto& element : *candidates) {
        const auto* object = element.if_object();
        if (!object) continue;
        const auto* value = object->if_contains(flag);
        if (value && is_true(*value)) return &element;
    }
    return nullptr;
}

}  // namespace

const json::value* find_path(const json::value& root, std::string_view path) {
    const json::value* at = &root;
    while (at && !path.empty()) {
        if (path.front() != '/') return nullptr;
        path.remove_prefix(1);
        const auto end = path.find('/');
        at = step(*at, path.substr(0, end));
        path = end == std::string_view::npos ? std::string_view{} : path.substr(end);
    }
    return at;
}

std::string scalar_text(const json::value& value) {
    if (const auto* text = value.if_string()) return std::string(*text);
    if (const auto* number = value.if_int64()) return std::to_string(*number);
    if (const auto* number = value.if_uint64()) return std::to_string(*number);
    if (const auto* number = value.if_double()) return fmt::format("{}", *number);
    return {};
}

std::string text_at(const json::value& root, std::string_view path) {
    const auto* value = find_path(root, path);
    return value ? scalar_text(*value) : std::string();
}

bool is_true(const json::value& value) {
    if (const auto* flag = value.if_bool()) return *flag;
    if (const auto* number = value.if_int64()) return *number > 0;
    if (const auto* number = value.if_uint64()) return *number > 0;
    if (const auto* number = value.if_double()) return *number > 0;
    if (const auto* text = value.if_string())
        return !text->empty() && *text != "0" && *text != "false";
    return false;
}

bool flag_at(const json::value& root, std::string_view path) {
    if (path.empty()) return false;  // the provider gives no such signal
    const auto* value = find_path(root, path);
    return value && is_true(*value);
}

std::string name_at(const json::value& root, std::string_view spec) {
    while (!spec.empty()) {
        const auto bar = spec.find('|');
        auto alternative = spec.substr(0, bar);
        spec = bar == std::string_view::npos ? std::string_view{} : spec.substr(bar + 1);
        std::string name;
        while (!alternative.empty()) {
            const auto plus = alternative.find('+');
            const auto part = text_at(root, alternative.substr(0, plus));
            alternative =
                plus == std::string_view::npos ? std::string_view{} : alternative.substr(plus + 1);
            if (part.empty()) continue;
            if (!name.empty()) name += ' ';
            name += part;
        }
        if (!name.empty()) return name;
    }
    return {};
}

}  // namespace basalt::auth::oauth2
