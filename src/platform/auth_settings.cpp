// The JSON forms of a project's auth settings on its record, and the tables they refer to.
#include <algorithm>
#include <array>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "platform/project.hpp"

namespace basalt::platform {
namespace {

namespace json = boost::json;

constexpr std::array kAuthMethods = {
    AuthMethodInfo{"email-password", "emailPassword", "Email / Password"},
    AuthMethodInfo{"magic-url", "usersAuthMagicURL", "Magic URL"},
    AuthMethodInfo{"email-otp", "emailOtp", "Email OTP"},
    AuthMethodInfo{"anonymous", "anonymous", "Anonymous"},
    AuthMethodInfo{"invites", "invites", "Invites"},
    AuthMethodInfo{"jwt", "JWT", "JWT"},
    AuthMethodInfo{"phone", "phone", "Phone"},
};

// Appwrite's fallback locale for custom email templates.
constexpr std::string_view kFallbackLocale = "en";

// The object in `text`; empty when `text` is empty or not a JSON object.
json::object parse_object(std::string_view text) {
    if (text.empty()) return {};
    boost::system::error_code ec;
    auto value = json::parse(text, ec);
    if (ec || !value.is_object()) return {};
    return std::move(value.as_object());
}

void read_int(const json::object& from, std::string_view key, std::int64_t& to) {
    if (const auto* v = from.if_contains(key); v && v->is_int64()) to = v->as_int64();
}

void read_int(const json::object& from, std::string_view key, int& to) {
    std::int64_t wide = to;
    read_int(from, key, wide);
    to = static_cast<int>(wide);
}

void read_bool(const json::object& from, std::string_view key, bool& to) {
    if (const auto* v = from.if_contains(key); v && v->is_bool()) to = v->as_bool();
}

void read_text(const json::object& from, std::string_view key, std::string& to) {
    if (const auto* v = from.if_contains(key); v && v->is_string()) to = v->as_string();
}

const json::array* array_at(const json::object& from, std::string_view key) {
    const auto* v = from.if_contains(key);
    return v && v->is_array() ? &v->as_array() : nullptr;
}

PasswordStrength password_strength_from(const json::object& from) {
    PasswordStrength strength;
    read_int(from, "min", strength.min_length);
    read_bool(from, "uppercase", strength.uppercase);
    read_bool(from, "lowercase", strength.lowercase);
    read_bool(from, "number", strength.number);
    read_bool(from, "symbols", strength.symbols);
    return strength;
}

std::vector<MockNumber> mock_numbers_from(const json::array& entries) {
    std::vector<MockNumber> numbers;
    for (const auto& entry : entries) {
        if (!entry.is_object()) continue;
        MockNumber number;
        read_text(entry.as_object(), "phone", number.phone);
        read_text(entry.as_object(), "otp", number.otp);
        read_int(entry.as_object(), "createdAt", number.created_at);
        read_int(entry.as_object(), "updatedAt", number.updated_at);
        if (!number.phone.empty()) numbers.push_back(std::move(number));
    }
    return numbers;
}

}  // namespace

bool AuthSettings::method_enabled(std::string_view key) const noexcept {
    return std::find(disabled_methods.begin(), disabled_methods.end(), key) ==
           disabled_methods.end();
}

std::span<const AuthMethodInfo> auth_methods() noexcept { return kAuthMethods; }

const AuthMethodInfo* find_auth_method(std::string_view id) noexcept {
    for (const auto& method : kAuthMethods) {
        if (method.id == id) return &method;
    }
    return nullptr;
}

AuthSettings auth_settings_from_json(std::string_view text) {
    AuthSettings settings;
    const auto from = parse_object(text);
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
    read_bool(from, "membershipsUserId", settings.memberships_user_id);
    read_bool(from, "membershipsUserPhone", settings.memberships_user_phone);
    read_bool(from, "membershipsUserAccessedAt", settings.memberships_user_accessed_at);
    if (const auto* v = from.if_contains("passwordStrength"); v && v->is_object()) {
        settings.password_strength = password_strength_from(v->as_object());
    }
    if (const auto* numbers = array_at(from, "mockNumbers"))
        settings.mock_numbers = mock_numbers_from(*numbers);
    if (const auto* disabled = array_at(from, "disabledMethods")) {
        for (const auto& key : *disabled) {
            if (key.is_string()) settings.disabled_methods.emplace_back(key.as_string());
        }
    }
    return settings;
}

std::string auth_settings_to_json(const AuthSettings& settings) {
    json::array numbers;
    for (const auto& number : settings.mock_numbers) {
        numbers.push_back(json::object{{"phone", number.phone},
                                       {"otp", number.otp},
                                       {"createdAt", number.created_at},
                                       {"updatedAt", number.updated_at}});
    }
    json::array disabled;
    for (const auto& key : settings.disabled_methods) disabled.push_back(json::string(key));
    const auto& strength = settings.password_strength;
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
        {"membershipsUserId", settings.memberships_user_id},
        {"membershipsUserPhone", settings.memberships_user_phone},
        {"membershipsUserAccessedAt", settings.memberships_user_accessed_at},
        {"passwordStrength", json::object{{"min", strength.min_length},
                                          {"uppercase", strength.uppercase},
                                          {"lowercase", strength.lowercase},
                                          {"number", strength.number},
                                          {"symbols", strength.symbols}}},
        {"mockNumbers", std::move(numbers)},
        {"disabledMethods", std::move(disabled)},
    });
}

outbound::SmtpSettings smtp_settings_from_json(std::string_view text) {
    outbound::SmtpSettings smtp;
    smtp.port = 0;  // "not set", as Appwrite shows it
    const auto from = parse_object(text);
    read_bool(from, "enabled", smtp.enabled);
    read_text(from, "senderName", smtp.sender_name);
    read_text(from, "senderEmail", smtp.sender_email);
    read_text(from, "replyToName", smtp.reply_to_name);
    read_text(from, "replyToEmail", smtp.reply_to_email);
    read_text(from, "host", smtp.host);
    read_int(from, "port", smtp.port);
    read_text(from, "username", smtp.username);
    read_text(from, "password", smtp.password);
    read_text(from, "secure", smtp.secure);
    return smtp;
}

std::string smtp_settings_to_json(const outbound::SmtpSettings& smtp) {
    return json::serialize(json::object{
        {"enabled", smtp.enabled},
        {"senderName", smtp.sender_name},
        {"senderEmail", smtp.sender_email},
        {"replyToName", smtp.reply_to_name},
        {"replyToEmail", smtp.reply_to_email},
        {"host", smtp.host},
        {"port", smtp.port},
        {"username", smtp.username},
        {"password", smtp.password},
        {"secure", smtp.secure},
    });
}

// Stored as Appwrite keys them: {"email.<templateId>-<locale>": {subject, message, ...}}.
std::vector<EmailTemplate> email_templates_from_json(std::string_view text) {
    std::vector<EmailTemplate> templates;
    for (const auto& [key, value] : parse_object(text)) {
        if (!value.is_object()) continue;
        const std::string_view name = key;
        const auto dash = name.find('-');
        if (!name.starts_with("email.") || dash == std::string_view::npos) continue;
        EmailTemplate entry;
        entry.template_id = name.substr(6, dash - 6);
        entry.locale = name.substr(dash + 1);
        const auto& fields = value.as_object();
        read_text(fields, "subject", entry.subject);
        read_text(fields, "message", entry.message);
        read_text(fields, "senderName", entry.sender_name);
        read_text(fields, "senderEmail", entry.sender_email);
        read_text(fields, "replyToEmail", entry.reply_to_email);
        read_text(fields, "replyToName", entry.reply_to_name);
        templates.push_back(std::move(entry));
    }
    return templates;
}

std::string email_templates_to_json(const std::vector<EmailTemplate>& templates) {
    json::object out;
    for (const auto& entry : templates) {
        out["email." + entry.template_id + "-" + entry.locale] = json::object{
            {"subject", entry.subject},
            {"message", entry.message},
            {"senderName", entry.sender_name},
            {"senderEmail", entry.sender_email},
            {"replyToEmail", entry.reply_to_email},
            {"replyToName", entry.reply_to_name},
        };
    }
    return json::serialize(out);
}

OAuth2Providers oauth2_providers_from_json(std::string_view text) {
    OAuth2Providers providers;
    for (const auto& [key, value] : parse_object(text)) {
        if (!value.is_object()) continue;
        auto& provider = providers[std::string(key)];
        read_bool(value.as_object(), "enabled", provider.enabled);
        read_text(value.as_object(), "appId", provider.app_id);
        read_text(value.as_object(), "secret", provider.secret);
    }
    return providers;
}

std::string oauth2_providers_to_json(const OAuth2Providers& providers) {
    json::object out;
    for (const auto& [id, provider] : providers) {
        out[id] = json::object{
            {"enabled", provider.enabled}, {"appId", provider.app_id}, {"secret", provider.secret}};
    }
    return json::serialize(out);
}

const EmailTemplate* find_email_template(const Project& project, std::string_view template_id,
                                         std::string_view locale) noexcept {
    const auto find = [&](std::string_view wanted) -> const EmailTemplate* {
        for (const auto& entry : project.email_templates) {
            if (entry.template_id == template_id && entry.locale == wanted) return &entry;
        }
        return nullptr;
    };
    if (const auto* exact = find(locale)) return exact;
    return find(kFallbackLocale);
}

}  // namespace basalt::platform
