// Private to the /v1/project/* settings endpoints: Appwrite's OAuth2 providers as its settings
// endpoints name them, one row per provider (the table is in project_oauth2_providers.cpp).
#pragma once

#include <span>
#include <string_view>

namespace basalt::api::project_settings {

enum class FieldCheck { kText256, kText4096, kUrl, kDomain, kPrompt };

// A field of a provider whose secret Appwrite stores as JSON (beside `clientSecret`).
struct ExtraField {
    std::string_view param;     // request and model field
    std::string_view json_key;  // its key in the stored JSON secret
    FieldCheck check = FieldCheck::kText256;
    bool write_only = false;            // always "" in responses
    bool needed_to_enable = false;      // must be non-empty before the provider can be enabled
    std::string_view legacy_name = {};  // model field before format 1.9.4, also accepted as param
};

struct ProviderInfo {
    std::string_view id;                      // route, `$id` and the key in Project::oauth2
    std::string_view name;                    // display name (the legacy model's oAuthProviders)
    std::string_view client_id;               // param and model field of the app id
    std::string_view client_secret;           // param and model field of the secret; "" for Apple
    std::span<const ExtraField> extras = {};  // non-empty: the secret is stored as JSON
};

// Every provider, in Appwrite's order (by id), which GET /v1/project/oauth2 keeps. The rows live
// as long as the program.
std::span<const ProviderInfo> oauth2_providers() noexcept;

// The provider with that id, or nullptr.
const ProviderInfo* find_oauth2_provider(std::string_view id) noexcept;

}  // namespace basalt::api::project_settings
