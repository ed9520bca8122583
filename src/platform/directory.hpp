// The platform directory: projects, API keys and platforms, stored as internal collections of
// the document engine in the platform database.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/project.hpp"

namespace basalt::db {
class Store;
}

namespace basalt::platform {

template <typename T>
struct Page {
    std::int64_t total = 0;
    std::vector<T> items;
};

struct KeyChanges {
    std::string name;
    std::vector<std::string> scopes;
    std::optional<std::int64_t> expire;
};

// Thread-safety: every method may be called concurrently. Lookups on the request path
// (find_project, authenticate) are served from an in-process cache that writes through this
// object invalidate at once.
// Errors: Error(kProjectNotFound | kKeyNotFound | kPlatformNotFound) for unknown IDs,
// Error(k*AlreadyExists-like) for taken IDs, kGeneralQueryInvalid for bad queries.
class Directory {
public:
    // Makes sure the platform's internal collections exist.
    explicit Directory(db::Store& store);
    ~Directory();
    Directory(const Directory&) = delete;
    Directory& operator=(const Directory&) = delete;

    std::shared_ptr<const Project> find_project(std::string_view id);
    Project create_project(std::string_view id, std::string_view name);
    std::vector<Project> list_projects();
    // Brings every project's internal collections up to date (run once at start-up).
    void prepare_projects();
    // Stores new auth settings; returns the project as it is now.
    std::shared_ptr<const Project> update_auth_settings(const Project& project, const AuthSettings& settings);
    // Reads the project's stored settings, lets `change` modify them and stores the result, in
    // one transaction that holds the project's record: concurrent updates are applied one after
    // the other and none is lost. What `change` throws aborts the update and propagates (so it
    // may validate against the current settings). Returns the project as it is now.
    // Throws Error(kProjectNotFound) when the project is gone.
    std::shared_ptr<const Project> update_settings(const Project& project,
                                                   const std::function<void(ProjectSettings&)>& change);

    // The key whose secret is `secret` (with or without its "standard_" prefix); null if none.
    // As Appwrite does, records the access time at most once a day, and `sdk` (the caller's
    // x-sdk-name) in the key's `sdks` when it names a server SDK the key has not seen.
    std::shared_ptr<const ApiKey> authenticate(const Project& project, std::string_view secret,
                                               std::string_view sdk = {});

    // Creates a key with a fresh secret; the returned value carries the secret in clear.
    ApiKey create_key(const Project& project, std::string_view key_id, const KeyChanges& key);
    Page<ApiKey> list_keys(const Project& project, const std::vector<std::string>& queries,
                           bool with_total);
    ApiKey get_key(const Project& project, std::string_view key_id);
    ApiKey update_key(const Project& project, std::string_view key_id, const KeyChanges& changes);
    void delete_key(const Project& project, std::string_view key_id);

    PlatformRecord create_platform(const Project& project, std::string_view platform_id,
                                   PlatformType type, std::string_view name, std::string_view key);
    Page<PlatformRecord> list_platforms(const Project& project,
                                        const std::vector<std::string>& queries, bool with_total);
    PlatformRecord get_platform(const Project& project, std::string_view platform_id);
    // Throws kPlatformMethodUnsupported when the platform is of another type.
    PlatformRecord update_platform(const Project& project, std::string_view platform_id,
                                   PlatformType type, std::string_view name, std::string_view key);
    void delete_platform(const Project& project, std::string_view platform_id);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace basalt::platform
