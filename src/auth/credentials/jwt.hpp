// HS256 JSON Web Tokens through libjwt, as Appwrite signs them with its _APP_OPENSSL_KEY_V1.
//
// Appwrite's account JWT (createJWT, users.createJwt) carries the claims
//   userId    the user's $id
//   sessionId the session's $id (empty for users.createJwt without a session)
//   exp       unix seconds; issue time + `duration` (default 900, at most 3600)
// and nothing else (no iat). It reads a JWT from the X-Appwrite-JWT header and treats it as
// expired once now >= exp.
//
// Thread-safety: both functions are safe to call from any thread.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace basalt::auth {

inline constexpr std::int64_t kAccountJwtDefaultSeconds = 900;
inline constexpr std::int64_t kAccountJwtMaxSeconds = 3600;

// Signs `claims` as given (the caller sets `exp`) with header {"alg":"HS256","typ":"JWT"}.
// Throws Error(kGeneralServerError) when `key` is empty or libjwt fails.
[[nodiscard]] std::string encode_jwt(const boost::json::object& claims, std::string_view key);

// The claims of `token` when it is a well-formed HS256 token signed with `key` and, if it has
// `exp`, now_seconds < exp, and if it has `nbf`, now_seconds >= nbf. nullopt for anything else:
// a bad signature, another algorithm (`none` included), malformed text or claims that are not
// a JSON object, a non-numeric exp/nbf, expiry. Throws Error(kGeneralServerError) when `key` is
// empty (a configuration error, not a bad token).
[[nodiscard]] std::optional<boost::json::object> decode_jwt(std::string_view token,
                                                            std::string_view key,
                                                            std::int64_t now_seconds);

}  // namespace basalt::auth
