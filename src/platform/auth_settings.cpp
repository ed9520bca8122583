#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "platform/project.hpp"

namespace basalt::platform {
namespace {

namespace json = boost::json;

void read_int(const json::object& from, std::string_view key, std::int64_t& to) {
    if (const auto* v = from.if_contains(key); v && v->is_int64()) to = v->as_int64();
}

void read_bool(const json::object& from, std::string_view key, bool& to) {
    if (const auto* v = from.if_contains(key); v && v->is_bool()) to = v->as_bool();
}

}  // namespace

bool AuthSettings::method_enabled(std::string_view key) const noexcept {
    return std::find(disabled_methods.begin(), disabled_methods.end(), key) == disabled_methods.end();
}

AuthSettings auth_settings_from_json(std::string_view text) {
    AuthSettings settings;
    if (text.empty()) return settings;
    boost::system::error_code ec;
    const auto value = json::parse(text, ec);
    if (ec || !value.is_object()) return settings;
    const auto& from = value.as_object();
    read_int(from, "limit", settings.user_limit);
    read_int(from, "maxSessions", settings.max_sessions);
    read_int(from, "duration", settings.session_duration);
    read_int(from, "passwordHistory", settings.password_history);
    read_bool(from, "passwordDictionary", settings.password_dictionary);
    read_bool(from, "personalDataCheck", settings.personal_data_check);
    read_bool(from, "sessionAlerts", settings.session_alerts);
    read_bool(from, "invalidateSessions", settings.invalidate_sessions);
    read_bool(from, "membershipsUserName", settings.memberships_user_name);
    read_bool(from, "membershipsUserEmail", settings.memberships_user_email);
    read_bool(from, "membershipsMfa", settings.memberships_mfa);
    if (const auto* numbers = from.if_contains("mockNumbers"); numbers && numbers->is_array()) {
        for (const auto& entry : numbers->as_array()) {
            if (!entry.is_object()) continue;
            const auto* phone = entry.as_object().if_contains("phone");
            const auto* otp = entry.as_object().if_contains("otp");
            if (phone && otp && phone->is_string() && otp->is_string()) {
                settings.mock_numbers.emplace_back(phone->as_string(), otp->as_string());
            }
        }
    }
    if (const auto* disabled = from.if_contains("disabledMethods"); disabled && disabled->is_array()) {
        for (const auto& key : disabled->as_array()) {
            if (key.is_string()) settings.disabled_methods.emplace_back(key.as_string());
        }
    }
    return settings;
}

std::string auth_settings_to_json(const AuthSettings& settings) {
    json::array numbers;
    for (const auto& [phone, otp] : settings.mock_numbers) numbers.push_back(json::object{{"phone", phone}, {"otp", otp}});
    json::array disabled;
    for (const auto& key : settings.disabled_methods) disabled.push_back(json::string(key));
    return json::serialize(json::object{
        {"limit", settings.user_limit},
        {"maxSessions", settings.max_sessions},
        {"duration", settings.session_duration},
        {"passwordHistory", settings.password_history},
        {"passwordDictionary", settings.password_dictionary},
        {"personalDataCheck", settings.personal_data_check},
        {"sessionAlerts", settings.session_alerts},
        {"invalidateSessions", settings.invalidate_sessions},
        {"membershipsUserName", settings.memberships_user_name},
        {"membershipsUserEmail", settings.memberships_user_email},
        {"membershipsMfa", settings.memberships_mfa},
        {"mockNumbers", std::move(numbers)},
        {"disabledMethods", std::move(disabled)},
    });
}

}  // namespace basalt::platform
