// Signing in with an OAuth2 provider, the records side: which user a provider's account belongs
// to (Appwrite's rules for linking by identity and by email), the identity that keeps the
// provider's tokens, the session or one-time token the flow ends in, and the provider-token
// refresh of PATCH /v1/account/sessions/{sessionId}.
//
// Thread-safety: every function may be called concurrently. Those that talk to the provider
// (refresh_provider_tokens) block on outbound HTTP: call them from worker threads.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/oauth2/oauth2.hpp"
#include "auth/sessions.hpp"
#include "db/document.hpp"
#include "db/store.hpp"
#include "platform/project.hpp"

namespace basalt::auth {

// How long the JWT that carries an OAuth2 token's secret to the client is valid, in seconds.
inline constexpr std::int64_t kOAuth2TokenJwtSeconds = 60;

// The project's settings for `provider`; a provider never configured is disabled and has no app
// id or secret.
platform::OAuth2ProviderSettings project_provider(const platform::Project& project,
                                                  std::string_view provider);

// What the provider said about the account that signed in.
struct OAuth2SignIn {
    std::string provider;  // Appwrite's provider id ("github")
    oauth2::OAuth2User user;
    oauth2::OAuth2Tokens tokens;
    // A name to use for a new user when the provider gives none (Apple's `user` form field).
    std::string fallback_name;
};

// The user the provider's account signs in as, after Appwrite's rules:
//  - with `signed_in` (the caller's own session), the identity is linked to that user, unless the
//    provider's email belongs to another user or another user's identity (user_already_exists);
//  - otherwise the user of an earlier session or identity with this provider account; else the
//    user with the provider's email, or the owner of an identity with that email, but only when
//    the provider says the email is verified (general_bad_request otherwise, saying nothing about
//    the account); else a new user with the provider's email (verified as the provider says) and
//    name, within the project's user limit.
// Then the identity (provider, providerUid) is created or its tokens updated, a user without an
// email gets the provider's, and a user without a name the provider's.
// Throws user_unauthorized (no email from the provider for a new sign-in), general_invalid_email,
// general_bad_request, user_already_exists, user_count_exceeded, user_blocked.
db::Document sign_in_user(db::Database& db, const platform::AuthSettings& settings,
                          const OAuth2SignIn& sign_in, const db::Document* signed_in);

// The session of a completed sign-in: provider and providerUid, the provider's tokens, factors
// email and oauth2 (the oauth2 factor satisfies MFA, as in Appwrite).
NewSession oauth2_session(const OAuth2SignIn& sign_in, boost::json::object client);

// A one-time token of the OAuth2 token flow (auth/tokens' TokenType::kOAuth2), expiring after the
// project's session duration as Appwrite's does. Returns its secret in clear.
std::string create_oauth2_token(db::Database& db, const platform::AuthSettings& settings,
                                std::string_view user_id, const boost::json::object& client);

// The secret handed to the client at the end of the token flow: an HS256 JWT
// {"secret", "provider", "exp"} signed with `key` (the project's jwt_secret), valid for
// kOAuth2TokenJwtSeconds, as Appwrite wraps it so that the session knows its provider.
std::string seal_token_secret(std::string_view secret, std::string_view provider,
                              std::string_view key, std::int64_t now_seconds);

struct OAuth2TokenSecret {
    std::string secret;
    std::string provider;
};
// For POST /v1/account/sessions/token: the secret and provider inside `text` when it is a valid,
// unexpired JWT signed with `key`; nullopt when it is not (the caller then uses `text` itself as
// the secret, and must refuse a type-7 token reached that way with user_invalid_token). Throws
// user_invalid_token for a valid JWT without a provider or a secret.
std::optional<OAuth2TokenSecret> open_token_secret(std::string_view text, std::string_view key,
                                                   std::int64_t now_seconds);

// For POST /v1/account/sessions/token with an OAuth2 token: the session carries the provider,
// the identity's providerUid and tokens, and factors email and oauth2. Throws user_invalid_token
// when the user has no identity with `provider`.
NewSession oauth2_token_session(db::Database& db, std::string_view user_id,
                                std::string_view provider, boost::json::object client);

// For PATCH /v1/account/sessions/{sessionId}: new provider tokens for an OAuth2 session, as the
// changes to apply to the session (providerAccessToken, providerRefreshToken,
// providerAccessTokenExpiry); {} for a session of another kind. As in Appwrite the provider is
// asked with the project's app id and secret whether or not it is enabled now, and even without
// a refresh token. Throws project_provider_unsupported for a non-OAuth2 session that holds a
// refresh token, and the oauth2 module's errors when the provider refuses.
boost::json::object refresh_provider_tokens(const platform::Project& project,
                                            const db::Document& session);

// The identity `identity_id`, when it exists and (with a non-empty `user_id`) belongs to that
// user.
std::optional<db::Document> find_identity(db::Database& db, std::string_view identity_id,
                                          std::string_view user_id = {});

}  // namespace basalt::auth
