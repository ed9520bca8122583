// PKCE (RFC 7636, S256) for providers that require it, with the verifier carried in the OAuth2
// state: sealed with AES-256-GCM under a key derived from the server's secret, so the callback
// needs no storage and the verifier, visible in URLs and logs, cannot be read or forged.
// (Appwrite seals it the same way, with AES-128-GCM under its OpenSSL key; sealed verifiers
// are not meant to cross between servers.)
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace basalt::auth::oauth2 {

// A fresh verifier: base64url of 64 random bytes (86 characters, within RFC 7636's 43..128).
std::string make_code_verifier();

// BASE64URL(SHA-256(verifier)), the S256 code_challenge.
std::string code_challenge(std::string_view verifier);

// {"data": base64url ciphertext, "iv": hex, "tag": hex}, Appwrite's shape for the `_pkce` entry.
boost::json::object seal_verifier(std::string_view verifier, std::string_view key);

// The verifier in `sealed`, or nullopt when it is malformed, tampered with or sealed under
// another key.
std::optional<std::string> open_verifier(const boost::json::value& sealed, std::string_view key);

}  // namespace basalt::auth::oauth2
