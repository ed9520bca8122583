// One-time secrets as Appwrite generates them: MFA recovery codes, numeric codes for email and
// phone tokens and MFA challenges, and hex token secrets (sessions, magic URL, recovery,
// verification, OAuth2, invitations, custom tokens). Lengths are Appwrite's.
//
// Appwrite stores secrets of tokens and sessions as the sha256 hex of the secret
// (crypto::sha256_hex); recovery codes are stored as they are.
//
// Thread-safety: every function here is safe to call from any thread. Each throws
// Error(kGeneralServerError) if the random source fails.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace basalt::auth {

// createMfaRecoveryCodes: six codes of ten lower-case hex characters.
inline constexpr std::size_t kRecoveryCodeCount = 6;
inline constexpr std::size_t kRecoveryCodeLength = 10;

// Email OTP (createEmailToken), phone tokens and verification, email/phone MFA challenges.
inline constexpr std::size_t kNumericCodeLength = 6;

// Hex token secret lengths, in characters (Appwrite's TOKEN_LENGTH_* and Token defaults).
inline constexpr std::size_t kSessionSecretLength = 256;       // sessions, anonymous too
inline constexpr std::size_t kVerificationSecretLength = 256;  // createVerification
inline constexpr std::size_t kRecoverySecretLength = 256;      // createRecovery
inline constexpr std::size_t kInvitationSecretLength = 256;    // team membership invitations
inline constexpr std::size_t kMfaChallengeTokenLength = 256;   // a challenge's `token`
inline constexpr std::size_t kMagicUrlSecretLength = 64;       // createMagicURLToken
inline constexpr std::size_t kOAuth2SecretLength = 64;         // OAuth2 token flow
inline constexpr std::size_t kFileTokenSecretLength = 128;     // createFileToken
// users.createToken's `length` parameter: default and allowed range.
inline constexpr std::size_t kCustomTokenDefaultLength = 6;
inline constexpr std::size_t kCustomTokenMinLength = 4;
inline constexpr std::size_t kCustomTokenMaxLength = 128;

// kRecoveryCodeCount fresh recovery codes.
[[nodiscard]] std::vector<std::string> generate_recovery_codes();

// Removes `code` from `codes` (every copy) and says whether it was there, comparing each entry
// in constant time, as an MFA challenge consumes a recovery code.
[[nodiscard]] bool consume_recovery_code(std::vector<std::string>& codes, std::string_view code);

// `digits` uniformly random decimal digits (leading zeros kept). Throws
// Error(kGeneralServerError) when `digits` is 0.
[[nodiscard]] std::string generate_numeric_code(std::size_t digits = kNumericCodeLength);

// `length` random lower-case hex characters. Throws Error(kGeneralServerError) when `length`
// is 0.
[[nodiscard]] std::string generate_token_secret(std::size_t length);

}  // namespace basalt::auth
