#include "auth/records.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>

#include "core/time.hpp"

namespace basalt::auth {

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

std::vector<std::string> owner_permissions(std::string_view user_id) {
    const std::string role = "(\"user:" + std::string(user_id) + "\")";
    return {"read" + role, "update" + role, "delete" + role};
}

boost::json::array password_history_with(const db::Document& user, std::string_view hash, std::int64_t keep) {
    auto history = strings_of(user.data, "passwordHistory");
    history.emplace_back(hash);
    const auto limit = static_cast<std::size_t>(std::max<std::int64_t>(keep, 0));
    if (history.size() > limit) history.erase(history.begin(), history.end() - static_cast<std::ptrdiff_t>(limit));
    return string_array(history);
}

}  // namespace basalt::auth
