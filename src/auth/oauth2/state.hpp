// Appwrite's OAuth2 `state`: JSON {"success", "failure", "token"}, plus "_pkce" (the sealed
// verifier) for PKCE providers, in the provider's encoding (StateEncoding).
#pragma once

#include <string>
#include <string_view>

#include "auth/oauth2/oauth2.hpp"

namespace basalt::auth::oauth2 {

// The state value to send (before the URL's own percent-encoding). `code_verifier` is sealed with
// `key` when not empty.
std::string encode_state(const Provider& provider, const LoginState& state,
                         std::string_view code_verifier, std::string_view key);

// The inverse; throws as parse_state (oauth2.hpp) does.
CallbackState decode_state(const Provider& provider, std::string_view text, std::string_view key);

}  // namespace basalt::auth::oauth2
