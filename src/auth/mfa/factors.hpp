// MFA factors: their names, which ones a user can be challenged with, and whether a session has
// proved enough of them.
//
// Appwrite's rule (shared/api.php, steps 12-13): a user with `mfa` on and at least one verified
// extra factor (a verified email, a verified phone or a verified TOTP authenticator) needs
// sessions with two factors; everyone else needs one. A session lists what it proved in its
// `factors` attribute (password, email, phone, totp, recoveryCode, ...).
//
// Thread-safety: every function here is safe to call from any thread; database calls are as
// thread-safe as db::Database.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "db/document.hpp"
#include "db/store.hpp"

namespace basalt::auth::mfa {

enum class Factor { kTotp, kPhone, kEmail, kRecoveryCode };

// The name a factor has in a session's `factors` and a challenge's `type`:
// "totp", "phone", "email", "recoveryCode".
std::string_view factor_name(Factor factor) noexcept;

// The factor a createMfaChallenge `factor` names, ignoring case (the SDKs send "recoverycode",
// Appwrite's own clients "recoveryCode"); nullopt for anything else.
std::optional<Factor> parse_factor(std::string_view text) noexcept;

// A challenge's code is valid for an hour (Appwrite's TOKEN_EXPIRATION_CONFIRM).
inline constexpr std::int64_t kChallengeLifetimeSeconds = 3600;
// Recovery codes and authenticator removal need a challenge completed in the last 30 minutes
// (Appwrite's MFA_RECENT_DURATION).
inline constexpr std::int64_t kRecentChallengeSeconds = 1800;
// The internal collections this module writes.
inline constexpr std::string_view kAuthenticators = "authenticators";
inline constexpr std::string_view kChallenges = "challenges";

// What the user can be challenged with (model mfaFactors).
struct AvailableFactors {
    bool totp = false;           // a verified TOTP authenticator
    bool phone = false;          // a verified phone number
    bool email = false;          // a verified email address
    bool recovery_code = false;  // unused recovery codes left
};

// The user's TOTP authenticator (verified or not), if any.
std::optional<db::Document> totp_authenticator(db::Documents& docs, std::string_view user_id);

// True when the user has a verified TOTP authenticator.
bool has_verified_totp(db::Documents& docs, std::string_view user_id);

AvailableFactors available_factors(db::Documents& docs, const db::Document& user);

// The extra factors the user has verified (totp, email, phone), as session factor names.
std::vector<std::string_view> verified_extra_factors(db::Documents& docs, const db::Document& user);

// True when `session` (of `user`) has proved fewer factors than the user needs. Looks the TOTP
// authenticator up only when the answer depends on it.
bool needs_more_factors(db::Documents& docs, const db::Document& user, const db::Document& session);

// True when the session completed an MFA challenge within kRecentChallengeSeconds of `now_ms`.
bool recently_challenged(const db::Document& session, std::int64_t now_ms);

// `factors` with each of `added` appended unless already present, order kept.
std::vector<std::string> with_factors(std::vector<std::string> factors,
                                      std::span<const std::string_view> added);

}  // namespace basalt::auth::mfa
