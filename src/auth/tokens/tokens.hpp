// One-time tokens of the auth flows (magic URL, email and phone OTP, custom tokens, email and
// phone verification, password recovery) as records of the `tokens` collection: created with a
// secret of which only the SHA-256 digest is stored, found by that digest, used once.
//
// Thread-safety: every function may be called from any thread; the database serialises writes.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "db/document.hpp"
#include "db/store.hpp"

namespace basalt::auth {

// Appwrite's TOKEN_TYPE_* numbers, stored in the token's `type`.
enum class TokenType : std::int64_t {
    kLogin = 1,  // deprecated in Appwrite; never created
    kVerification = 2,
    kRecovery = 3,
    kInvite = 4,
    kMagicUrl = 5,
    kPhone = 6,  // phone sign-in and phone verification share it, as in Appwrite
    kOAuth2 = 7,
    kGeneric = 8,  // custom tokens (POST /v1/users/{userId}/tokens)
    kEmail = 9,    // email OTP
};

// Lifetimes in seconds (Appwrite's TOKEN_EXPIRATION_*).
inline constexpr std::int64_t kConfirmTokenLifetime =
    3600;  // magic URL, email and phone verification
inline constexpr std::int64_t kRecoveryTokenLifetime = 3600;  // password recovery
inline constexpr std::int64_t kOtpTokenLifetime = 900;        // email and phone OTP
// Custom tokens: default and allowed range of `expire`.
inline constexpr std::int64_t kGenericTokenLifetime = 900;
inline constexpr std::int64_t kGenericTokenMinLifetime = 60;
inline constexpr std::int64_t kGenericTokenMaxLifetime = 31'536'000;

// What exchanging a token for a session records and marks (Appwrite's createSession).
struct TokenSignIn {
    TokenType type;
    std::string_view provider;  // the session's provider
    std::string_view factor;    // the session's one factor
    std::string_view
        verifies;  // the user attribute set to true: emailVerification, phoneVerification or ""
};

// How a token of `type` signs in; nullopt for types that cannot open a session (verification,
// recovery, invitation; OAuth2 tokens carry their provider in a JWT and are not handled here).
std::optional<TokenSignIn> sign_in_of(TokenType type) noexcept;

struct NewToken {
    std::string user_id;
    TokenType type = TokenType::kGeneric;
    std::string secret;  // in clear; only its digest is stored
    std::int64_t lifetime_seconds = kGenericTokenLifetime;
    // What is known about the client (userAgent, ip, countryCode, detector fields), as the tokens
    // collection names them; other keys are ignored.
    boost::json::object client;
    std::string phrase;  // the security phrase shown with it, if any
};

// Stores `token` through `docs` (so it can join the caller's transaction) with read, update and
// delete for its user. Returns the stored document.
db::Document create_token(db::Documents& docs, const NewToken& token);

// The unexpired token of `user_id` whose secret is `secret` and whose type is one of `types`
// (empty: any type). Found by the secret's digest; nullopt when there is none.
std::optional<db::Document> find_token(db::Documents& docs, std::string_view user_id,
                                       std::string_view secret, std::span<const TokenType> types,
                                       std::int64_t now_ms);

// The token's type; kLogin for a record without one.
TokenType type_of(const db::Document& token) noexcept;

// Expiry of the token in ms since epoch (0 when unset).
std::int64_t expire_of(const db::Document& token) noexcept;

// Uses `token` up in one transaction: deletes it, applies `user_changes` to its user (attributes
// that do not feed the user's search text or targets, e.g. emailVerification, password; the user
// is written even when there are none, which bumps its $updatedAt and serialises uses of the
// user's tokens), and when `end_sessions` deletes every session of the user. Throws
// kUserInvalidToken when the token is no longer there (used by another request, also one racing
// with this one), kUserNotFound when its user is gone; nothing is written then.
void consume_token(db::Database& db, const db::Document& token,
                   const boost::json::object& user_changes, bool end_sessions = false);

}  // namespace basalt::auth
