// OAuth2 sign-in, the client side: the provider table, the authorize URL, the code exchange,
// token refresh and the user's identity at the provider, as Appwrite's Account service uses them
// (GET /account/sessions/oauth2/{provider}, /account/tokens/oauth2/{provider} and the callback).
//
// Thread-safety: every function may be called concurrently; none keeps state between calls.
// The functions that talk to the provider block (outbound HTTP, 15 s per request): call them
// from worker threads.
//
// Errors, as in Appwrite's OAuth2 adapters:
//   project_provider_unsupported  `provider` is not in the table
//   project_provider_disabled     the app secret lacks a field the provider needs (a domain, a
//                                 tenant, the OIDC endpoints)
//   general_server_error          the app secret is not the JSON the provider needs, or Apple's
//                                 p8 key cannot sign
//   user_oauth2_bad_request       the provider answered 400, or 2xx with an `error` or without an
//                                 access token (a refused or reused code)
//   user_oauth2_unauthorized      the provider answered 401 (wrong client secret, bad token)
//   user_oauth2_provider_error    any other provider status, an unreachable provider, malformed
//                                 JSON, or a user without an id
// Messages carry the provider's `error: error_description` where it sent one.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "auth/oauth2/provider.hpp"

namespace basalt::auth::oauth2 {

// The provider's credentials as stored for the project (Appwrite's `<provider>Appid` and the
// decrypted `<provider>Secret`, which is JSON for some providers).
struct ProviderSettings {
    std::string app_id;
    std::string secret;
};

struct OAuth2Tokens {
    std::string access_token;
    std::string refresh_token;
    std::string id_token;
    std::int64_t expires_in = 0;  // seconds; 0 when the provider did not say
};

struct OAuth2User {
    std::string id;  // the provider's user id (Appwrite's providerUid); never empty
    std::string email;
    std::string name;
    bool email_verified = false;
};

// Appwrite's OAuth2 `state`: where the browser goes after the callback, and whether the flow
// ends in a token (createOAuth2Token) rather than a session.
struct LoginState {
    std::string success;  // empty when the state had none: the caller uses the project's URL
    std::string failure;  // empty: no failure redirect, errors are shown by Basalt
    bool token = false;
};

// A state read back at the callback.
struct CallbackState {
    LoginState login;
    std::string code_verifier;  // PKCE providers: the verifier for exchange_code; else empty
};

// Every provider of Appwrite 1.9.6's OAuthProvider enum, ordered by id.
std::span<const Provider> providers() noexcept;

// The provider with Appwrite id `id` (case-sensitive: "paypalSandbox"), or null.
const Provider* find_provider(std::string_view id) noexcept;
bool is_provider(std::string_view id) noexcept;

// The URL to send the browser to. `redirect_uri` is Basalt's callback
// (/v1/account/sessions/oauth2/callback/{provider}/{projectId}); `extra_scopes` are added after
// the provider's default scopes, without duplicates. For PKCE providers the code verifier is
// encrypted with `state_key` (the server's secret key) into the state, as Appwrite does, so
// the callback needs no server-side storage. May fetch the OIDC discovery document.
std::string authorize_url(std::string_view provider, const ProviderSettings& settings,
                          std::string_view redirect_uri, const LoginState& state,
                          const std::vector<std::string>& extra_scopes, std::string_view state_key);

// Reads the `state` query parameter the provider sent back. Throws
// Error(kGeneralServerError, "Failed to parse login state params as passed from OAuth2
// provider") when it is not a state this server wrote, as Appwrite does.
CallbackState parse_state(std::string_view provider, std::string_view state,
                          std::string_view state_key);

// Exchanges the authorization `code` from the callback. `redirect_uri` must be the one given to
// authorize_url; `code_verifier` comes from parse_state.
OAuth2Tokens exchange_code(std::string_view provider, const ProviderSettings& settings,
                           std::string_view redirect_uri, std::string_view code,
                           std::string_view code_verifier = {});

// New tokens for a session's stored refresh token. When the provider sends no new refresh token
// the old one is kept, as Appwrite does.
OAuth2Tokens refresh_tokens(std::string_view provider, const ProviderSettings& settings,
                            std::string_view refresh_token);

// The signed-in user, from the provider's user-info endpoint (or the id_token for Apple and
// Zoho). The id is never empty: a user without one throws user_oauth2_provider_error.
OAuth2User fetch_user(std::string_view provider, const ProviderSettings& settings,
                      const OAuth2Tokens& tokens);

// The name in the `user` form field Apple posts to the callback on the first sign-in
// ({"name":{"firstName","lastName"}}), "First Last"; empty when absent or malformed. Appwrite
// uses it when the provider gives no name.
std::string name_from_user_param(std::string_view user_param);

}  // namespace basalt::auth::oauth2
