// Projects, their API keys and platforms: the records every request is checked against.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace basalt::platform {

struct Project {
    std::string id;
    std::string name;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::vector<std::string> web_hostnames;  // hostnames of the project's web platforms (CORS)
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
