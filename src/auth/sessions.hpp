// Sessions: created with a random secret of which only a SHA-256 digest is stored, found by
// that digest on every request (no cache, so a deleted session stops working at once on every
// node), limited per user, and expiring after the project's session duration.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/document.hpp"
#include "db/store.hpp"
#include "platform/project.hpp"

namespace basalt::auth {

struct NewSession {
    std::string provider;      // email, anonymous, magic-url, phone, token, server, or an OAuth2 provider
    std::string provider_uid;  // the email for email sessions, the provider's user id for OAuth2
    std::vector<std::string> factors;  // password, email, phone, totp, token, oauth2...
    // What is known about the client: userAgent, ip, countryCode and the detector's fields
    // (osCode, clientName, deviceName...), as the sessions collection names them.
    boost::json::object client;
    std::string provider_access_token;
    std::string provider_refresh_token;
    std::optional<std::int64_t> provider_access_token_expiry;  // ms since epoch
};

struct CreatedSession {
    db::Document session;
    std::string secret;  // in clear: only here, never stored
};

// Creates a session for `user_id` and removes the user's oldest sessions beyond the project's
// limit.
CreatedSession create_session(db::Database& db, const platform::AuthSettings& settings, std::string_view user_id,
                              NewSession session);

// The unexpired session of `user_id` whose secret is `secret`: its id, timestamps, userId,
// expire, provider, factors and mfaUpdatedAt (what a request acts with).
std::optional<db::Document> find_session(db::Documents& db, std::string_view user_id, std::string_view secret,
                                         std::int64_t now_ms);

// The unexpired session `session_id` of `user_id`.
std::optional<db::Document> active_session(db::Database& db, std::string_view user_id, std::string_view session_id,
                                           std::int64_t now_ms);

// The user's sessions, newest first.
std::vector<db::Document> list_sessions(db::Database& db, std::string_view user_id);

// Deletes every session of the user except `keep_id` (empty: all). Returns the deleted ones.
std::vector<db::Document> delete_sessions(db::Database& db, std::string_view user_id, std::string_view keep_id = {});

// SHA-256 hex of a secret, as stored.
std::string secret_digest(std::string_view secret);

// A new random session secret.
std::string new_secret();

// A session's id: the first 20 hex characters of its secret's digest, so the lookup of every
// signed-in request is a read by id. It tells nothing of the secret (SHA-256 has no known
// preimage attack), and the full digest is still compared.
inline constexpr std::size_t kSessionIdLength = 20;
std::string session_id_of(std::string_view digest);

}  // namespace basalt::auth
