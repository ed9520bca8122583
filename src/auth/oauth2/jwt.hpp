// The JWTs of the OAuth2 flow, through libjwt: Apple's client secret and the claims of an
// id_token.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace basalt::auth::oauth2 {

// Sign in with Apple's client secret: an ES256 JWT with header kid = keyID, claims iss = teamID,
// iat = `now`, exp = `now` + 180 days, aud = https://appleid.apple.com, sub = `app_id` (the
// Services ID), signed with the PEM key in `secret`'s p8. Throws Error(kGeneralServerError) when
// p8 is not an EC P-256 private key.
std::string apple_client_secret(std::string_view app_id, const boost::json::object& secret,
                                std::int64_t now);

// The claims of `id_token`, without checking its signature: only for an id_token received
// straight from the provider's token endpoint over TLS, which OpenID Connect Core §3.1.3.7 allows
// to be trusted on the strength of TLS alone. Throws Error(kUserOauth2ProviderError) when it is
// not a JWT.
boost::json::object id_token_claims(std::string_view id_token);

}  // namespace basalt::auth::oauth2
