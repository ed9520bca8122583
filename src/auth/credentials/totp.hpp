// TOTP for Appwrite's MFA authenticator (RFC 6238 with HMAC-SHA1, 30-second steps, 6 digits,
// as the otphp library Appwrite uses), through liboath.
//
// Appwrite stores the secret in the authenticator's `data.secret` and answers
// createMfaAuthenticator with {secret, uri}. A code is accepted for the current time step only
// (Appwrite compares `now()` with the code; no window).
//
// Thread-safety: every function here is safe to call from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace basalt::auth {

inline constexpr std::size_t kTotpSecretBytes = 64;  // 103 base32 characters
inline constexpr unsigned kTotpDigits = 6;
inline constexpr unsigned kTotpPeriodSeconds = 30;
inline constexpr unsigned kTotpWindowSteps = 0;  // steps accepted on either side of now

// A fresh secret: kTotpSecretBytes random bytes in upper-case base32 without `=` padding.
// Throws Error(kGeneralServerError) if the random source fails.
[[nodiscard]] std::string generate_totp_secret();

// `otpauth://totp/<issuer>%3A<account>?issuer=<issuer>&secret=<secret>` with RFC 3986
// percent-encoding, as otphp writes it for Appwrite (issuer = project name, account = user
// email). An empty issuer is left out (label and parameter); Appwrite would write an empty one.
// Throws Error(kGeneralArgumentInvalid) when the account is empty or either name contains a
// colon, which the Key URI format forbids (Appwrite fails there with a 500).
[[nodiscard]] std::string totp_provisioning_uri(std::string_view secret, std::string_view issuer,
                                                std::string_view account);

// The code for the time step holding `unix_seconds`; nullopt when the secret is not base32 or
// the time is negative.
[[nodiscard]] std::optional<std::string> totp_code(std::string_view secret,
                                                   std::int64_t unix_seconds);

// True when `code` is the code of the step holding `unix_seconds` or of one of the
// `window_steps` steps before or after it. Compares in constant time; false for a malformed
// secret or code.
[[nodiscard]] bool verify_totp(std::string_view secret, std::string_view code,
                               std::int64_t unix_seconds, unsigned window_steps = kTotpWindowSteps);

}  // namespace basalt::auth
