#include "auth/records.hpp"

#include <boost/json/parse.hpp>

#include "core/time.hpp"

namespace basalt::auth {

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

std::optional<std::int64_t> time_of(const boost::json::object& data, std::string_view key) {
    const auto* v = data.if_contains(key);
    if (!v || !v->is_string()) return std::nullopt;
    return time::parse_iso(v->as_string());
}

boost::json::object object_of(const boost::json::object& data, std::string_view key) {
    const auto text = text_of(data, key);
    if (text.empty()) return {};
    boost::system::error_code ec;
    auto value = boost::json::parse(text, ec);
    if (ec || !value.is_object()) return {};
    return std::move(value.as_object());
}

bool is_verified(const db::Document& user) {
    return bool_of(user.data, "emailVerification") || bool_of(user.data, "phoneVerification");
}

}  // namespace basalt::auth
