#include "api/scopes.hpp"

#include <algorithm>
#include <array>

namespace basalt::api {
namespace {

using namespace std::string_view_literals;

// Appwrite's "guests" role.
constexpr std::array kGuestScopes = {
    "global"sv, "public"sv, "home"sv, "console"sv, "graphql"sv, "sessions.write"sv,
    "documents.read"sv, "documents.write"sv, "rows.read"sv, "rows.write"sv,
    "embeddings.write"sv, "files.read"sv, "files.write"sv, "locale.read"sv, "avatars.read"sv,
    "executions.write"sv,
};

// Appwrite's "users" role.
constexpr std::array kUserScopes = {
    "global"sv, "public"sv, "home"sv, "console"sv, "graphql"sv, "sessions.write"sv, "account"sv,
    "teams.read"sv, "teams.write"sv, "presences.read"sv, "presences.write"sv, "documents.read"sv,
    "documents.write"sv, "rows.read"sv, "rows.write"sv, "embeddings.write"sv, "files.read"sv,
    "files.write"sv, "projects.read"sv, "locale.read"sv, "avatars.read"sv, "executions.read"sv,
    "executions.write"sv, "targets.read"sv, "targets.write"sv, "subscribers.write"sv,
    "subscribers.read"sv, "assistant.read"sv, "rules.read"sv,
};

// Appwrite's "applications" role, merged into every project key.
constexpr std::array kKeyBaseScopes = {
    "global"sv, "health.read"sv, "graphql"sv,
};

// The 1.9.3 server spec's key scopes, then those node-appwrite 27.1.0 adds.
constexpr std::array kKeyScopes = {
    "project.read"sv, "project.write"sv, "keys.read"sv, "keys.write"sv, "platforms.read"sv,
    "platforms.write"sv, "mocks.read"sv, "mocks.write"sv, "policies.read"sv,
    "policies.write"sv, "templates.read"sv, "templates.write"sv, "oauth2.read"sv,
    "oauth2.write"sv, "users.read"sv, "users.write"sv, "sessions.read"sv, "sessions.write"sv,
    "teams.read"sv, "teams.write"sv, "databases.read"sv, "databases.write"sv, "tables.read"sv,
    "tables.write"sv, "columns.read"sv, "columns.write"sv, "indexes.read"sv,
    "indexes.write"sv, "rows.read"sv, "rows.write"sv, "collections.read"sv,
    "collections.write"sv, "attributes.read"sv, "attributes.write"sv, "documents.read"sv,
    "documents.write"sv, "buckets.read"sv, "buckets.write"sv, "files.read"sv, "files.write"sv,
    "tokens.read"sv, "tokens.write"sv, "functions.read"sv, "functions.write"sv,
    "executions.read"sv, "executions.write"sv, "sites.read"sv, "sites.write"sv, "log.read"sv,
    "log.write"sv, "providers.read"sv, "providers.write"sv, "topics.read"sv, "topics.write"sv,
    "subscribers.read"sv, "subscribers.write"sv, "targets.read"sv, "targets.write"sv,
    "messages.read"sv, "messages.write"sv, "webhooks.read"sv, "webhooks.write"sv,
    "locale.read"sv, "avatars.read"sv, "health.read"sv, "assistant.read"sv,
    "migrations.read"sv, "migrations.write"sv, "schedules.read"sv, "schedules.write"sv,
    "vcs.read"sv, "vcs.write"sv, "rules.read"sv, "rules.write"sv, "presences.read"sv,
    "presences.write"sv, "project.policies.read"sv, "project.policies.write"sv,
    "stages.read"sv, "stages.write"sv, "execution.read"sv, "execution.write"sv,
    "insights.read"sv, "insights.write"sv, "reports.read"sv, "reports.write"sv,
    "backups.policies.read"sv, "backups.policies.write"sv, "archives.read"sv,
    "archives.write"sv, "restorations.read"sv, "restorations.write"sv,
    "dedicatedDatabases.execute"sv, "domains.read"sv, "domains.write"sv, "wafRules.read"sv,
    "wafRules.write"sv, "events.read"sv, "apps.read"sv, "apps.write"sv, "usage.read"sv,
};

}  // namespace

std::span<const std::string_view> guest_scopes() noexcept { return kGuestScopes; }

std::span<const std::string_view> user_scopes() noexcept { return kUserScopes; }

std::span<const std::string_view> key_base_scopes() noexcept { return kKeyBaseScopes; }

std::span<const std::string_view> key_scopes() noexcept { return kKeyScopes; }

bool is_key_scope(std::string_view scope) noexcept {
    return std::find(kKeyScopes.begin(), kKeyScopes.end(), scope) != kKeyScopes.end();
}

}  // namespace basalt::api
