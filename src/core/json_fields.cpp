#include "core/json_fields.hpp"

namespace basalt {

std::string text_of(const boost::json::object& data, std::string_view key) {
    const auto* v = data.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

bool bool_of(const boost::json::object& data, std::string_view key) {
    const auto* v = data.if_contains(key);
    return v && v->is_bool() && v->as_bool();
}

std::int64_t int_of(const boost::json::object& data, std::string_view key) {
    const auto* v = data.if_contains(key);
    return v && v->is_int64() ? v->as_int64() : 0;
}

std::vector<std::string> strings_of(const boost::json::object& data, std::string_view key) {
    std::vector<std::string> out;
    const auto* v = data.if_contains(key);
    if (!v || !v->is_array()) return out;
    for (const auto& item : v->as_array()) {
        if (item.is_string()) out.emplace_back(item.as_string());
    }
    return out;
}

boost::json::array string_array(const std::vector<std::string>& items) {
    boost::json::array out;
    for (const auto& item : items) out.push_back(boost::json::string(item));
    return out;
}

}  // namespace basalt
