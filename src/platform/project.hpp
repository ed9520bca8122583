// Projects, their API keys and platforms: the records every request is checked against.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "outbound/smtp.hpp"

namespace basalt::platform {

// A phone number that signs in with a fixed code instead of a text message (Appwrite's mock
// numbers, /v1/project/mock-phones).
struct MockNumber {
    std::string phone;            // E.164, e.g. "+12065550100"
    std::string otp;              // six digits
    std::int64_t created_at = 0;  // ms since epoch
    std::int64_t updated_at = 0;
};

// Rules a new password must follow beyond its 8..256 characters (Appwrite's `passwordStrength`
// policy): at least `min_length` characters, and one of each class that is switched on.
struct PasswordStrength {
    std::int64_t min_length = 8;  // 8..256
    bool uppercase = false;       // A-Z
    bool lowercase = false;       // a-z
    bool number = false;          // 0-9
    bool symbols = false;         // anything but a letter, a digit or white space (Unicode)
};

// A project's auth policies and methods (Appwrite's `auths` project attribute), with Appwrite's
// defaults for new projects.
struct AuthSettings {
    std::int64_t user_limit = 0;     // 0 = unlimited
    std::int64_t max_sessions = 10;  // per user; older sessions are removed; 0 = no limit
    std::int64_t session_duration = 31'536'000;  // seconds (one year)
    std::int64_t password_history = 0;           // previous passwords a new one may not repeat
    bool password_dictionary = false;            // refuse the most common passwords
    bool personal_data_check = false;            // refuse passwords containing name, email, phone
    bool session_alerts = false;                 // email the user on each new session
    bool invalidate_sessions = true;             // a password change ends the user's other sessions
    // What team members see of each other in memberships (the membership-privacy policy).
    bool memberships_user_name = false;
    bool memberships_user_email = false;
    bool memberships_mfa = false;
    bool memberships_user_id = false;
    bool memberships_user_phone = false;
    bool memberships_user_accessed_at = false;
    PasswordStrength password_strength;
    // Mock phone numbers, in the order they were added.
    std::vector<MockNumber> mock_numbers;
    // Auth methods switched off, by Appwrite's method key ("emailPassword", "anonymous", ...).
    std::vector<std::string> disabled_methods;

    bool method_enabled(std::string_view key) const noexcept;
};

// The auth methods a project can switch off (PATCH /v1/project/auth-methods/{methodId}), in
// Appwrite's order.
struct AuthMethodInfo {
    std::string_view id;    // "email-password", as in the route and the project model's authMethods
    std::string_view key;   // "emailPassword", as in AuthSettings::disabled_methods
    std::string_view name;  // "Email / Password", for messages
};
std::span<const AuthMethodInfo> auth_methods() noexcept;
// nullptr for an unknown id.
const AuthMethodInfo* find_auth_method(std::string_view id) noexcept;

// JSON form stored on the project record (keys as Appwrite's `auths`). Unknown keys are ignored,
// missing ones keep their defaults.
AuthSettings auth_settings_from_json(std::string_view json);
std::string auth_settings_to_json(const AuthSettings& settings);

// A project's own subject and message for one auth email in one language
// (PATCH /v1/project/templates/email). Used only while the project's own SMTP is enabled.
struct EmailTemplate {
    std::string template_id;  // Appwrite's id: verification, magicSession, recovery, invitation,
                              // mfaChallenge, sessionAlert, otpSession
    std::string locale;       // a locale code, e.g. "en", "pt-br"
    std::string subject;      // with Appwrite's placeholders, e.g. {{project}}
    std::string message;  // HTML or text with placeholders ({{user}}, {{redirect}}, {{otp}} ...)
    // Empty: the project's SMTP settings decide.
    std::string sender_name;
    std::string sender_email;
    std::string reply_to_email;
    std::string reply_to_name;
};

// A project's settings for one OAuth2 provider (PATCH /v1/project/oauth2/{provider}), as
// Appwrite stores them (`<provider>Enabled`, `<provider>Appid`, `<provider>Secret`).
struct OAuth2ProviderSettings {
    bool enabled = false;
    std::string app_id;  // the client ID (app key, service ID, ... as the provider calls it)
    // The client secret as given; for apple, auth0, authentik, fusionauth, gitlab, google,
    // keycloak, microsoft, oidc and okta a JSON object in Appwrite's shape, e.g.
    // {"clientSecret": "...", "tenantID": "common"} (microsoft) or
    // {"p8": "-----BEGIN PRIVATE KEY-----...", "keyID": "...", "teamID": "..."} (apple).
    std::string secret;
};

// By provider id ("github", "paypalSandbox", ...); a provider never configured is absent.
using OAuth2Providers = std::map<std::string, OAuth2ProviderSettings, std::less<>>;

// The settings a project keeps on its record besides its name: what
// Directory::update_settings hands over to be changed.
struct ProjectSettings {
    AuthSettings auth;
    outbound::SmtpSettings smtp;
    std::vector<EmailTemplate> email_templates;  // in the order they were first saved
    OAuth2Providers oauth2;
};

// JSON forms stored on the project record (`smtp`, `templates`, `oauth2`). Malformed or missing
// text gives the defaults (SMTP off, port 0, no templates, no providers); unknown keys are ignored.
outbound::SmtpSettings smtp_settings_from_json(std::string_view json);
std::string smtp_settings_to_json(const outbound::SmtpSettings& smtp);
std::vector<EmailTemplate> email_templates_from_json(std::string_view json);
std::string email_templates_to_json(const std::vector<EmailTemplate>& templates);
OAuth2Providers oauth2_providers_from_json(std::string_view json);
std::string oauth2_providers_to_json(const OAuth2Providers& providers);

struct Project {
    std::string id;
    std::string name;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::vector<std::string> web_hostnames;  // hostnames of the project's web platforms (CORS)
    AuthSettings auth;
    // Signs the project's JWTs; generated with the project, never shown.
    std::string jwt_secret;
    // The project's own SMTP server (PATCH /v1/project/smtp); used when `enabled`. Port 0 and
    // empty host when never set.
    outbound::SmtpSettings smtp;
    std::vector<EmailTemplate> email_templates;
    OAuth2Providers oauth2;
};

// The project's custom template for `template_id` in `locale`, else in "en" (Appwrite's
// fallback locale); nullptr when it has neither. Appwrite reads custom templates only while
// the project's own SMTP is enabled: callers check `project.smtp.enabled` first.
const EmailTemplate* find_email_template(const Project& project, std::string_view template_id,
                                         std::string_view locale) noexcept;

struct ApiKey {
    std::string id;
    std::string project_id;
    std::string name;
    std::vector<std::string> scopes;
    std::optional<std::int64_t> expire;       // ms since epoch; none = never
    std::optional<std::int64_t> accessed_at;  // ms since epoch
    std::vector<std::string> sdks;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    // The secret in clear: only set on the value returned by key creation. At rest Basalt keeps
    // a SHA-256 digest of it.
    std::string secret;

    bool expired(std::int64_t now_ms) const noexcept { return expire && *expire < now_ms; }
};

enum class PlatformType { kWeb, kAndroid, kApple, kLinux, kWindows };

struct PlatformTypeInfo {
    PlatformType type;
    std::string_view name;        // "web", as in the model's `type` and the route
    std::string_view identifier;  // the model field holding the platform's key, e.g. "hostname"
};

// The table of platform types; nullptr for an unknown name.
const PlatformTypeInfo& platform_type_info(PlatformType type) noexcept;
const PlatformTypeInfo* find_platform_type(std::string_view name) noexcept;
std::span<const PlatformTypeInfo> platform_types() noexcept;

struct PlatformRecord {
    std::string id;
    std::string project_id;
    PlatformType type = PlatformType::kWeb;
    std::string name;
    std::string key;  // hostname (web), applicationId, bundleIdentifier, packageName, ...
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

}  // namespace basalt::platform
