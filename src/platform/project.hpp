// Projects, their API keys and platforms: the records every request is checked against.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "outbound/smtp.hpp"

namespace basalt::platform {

// A project's auth policies and methods (Appwrite's `auths` project attribute), with Appwrite's
// defaults for new projects.
struct AuthSettings {
    std::int64_t user_limit = 0;                 // 0 = unlimited
    std::int64_t max_sessions = 10;              // per user; older sessions are removed
    std::int64_t session_duration = 31'536'000;  // seconds (one year)
    std::int64_t password_history = 0;           // previous passwords a new one may not repeat
    bool password_dictionary = false;            // refuse the most common passwords
    bool personal_data_check = false;            // refuse passwords containing name, email, phone
    bool session_alerts = false;                 // email the user on each new session
    bool invalidate_sessions = true;             // a password change ends the user's other sessions
    bool memberships_user_name = false;          // show member names to other members
    bool memberships_user_email = false;
    bool memberships_mfa = false;
    // Mock phone numbers: number (E.164) -> fixed OTP, for phone login without SMS.
    std::vector<std::pair<std::string, std::string>> mock_numbers;
    // Auth methods switched off, by Appwrite's method key ("emailPassword", "anonymous", ...).
    std::vector<std::string> disabled_methods;

    bool method_enabled(std::string_view key) const noexcept;
};

// JSON form stored on the project record (keys as Appwrite's `auths`). Unknown keys are ignored,
// missing ones keep their defaults.
AuthSettings auth_settings_from_json(std::string_view json);
std::string auth_settings_to_json(const AuthSettings& settings);

struct Project {
    std::string id;
    std::string name;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::vector<std::string> web_hostnames;  // hostnames of the project's web platforms (CORS)
    AuthSettings auth;
    // Signs the project's JWTs; generated with the project, never shown.
    std::string jwt_secret;
    // The project's own SMTP server (PATCH /v1/project/smtp); used when `enabled`.
    outbound::SmtpSettings smtp;
};

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
