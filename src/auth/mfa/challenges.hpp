// MFA challenges (Appwrite's `challenges` collection): a signed-in user asks for one with a
// factor, then completes it with a code, which adds the factor to the session.
//
// Email and phone challenges carry a six-digit code that is sent to the user; only its SHA-256
// is stored (`codeHash`). TOTP challenges are answered with the authenticator's current code,
// recovery-code challenges with one of the user's recovery codes, which is used up. A challenge
// expires after kChallengeLifetimeSeconds and is completed at most once.
//
// Thread-safety: as db::Database.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "auth/mfa/factors.hpp"
#include "db/document.hpp"
#include "db/store.hpp"

namespace basalt::auth::mfa {

// Sends an email or phone challenge's code to the user; throwing undoes the challenge.
using CodeDelivery = std::function<void(const std::string& code)>;

// Creates a challenge for `user` with `factor`. For email and phone, the user must have that
// address and have verified it (else kUserEmailNotFound / kUserEmailNotVerified /
// kUserPhoneNotFound / kUserPhoneNotVerified), and `deliver` is called with the code inside the
// transaction that stores the challenge, so a failed delivery leaves nothing behind.
// Returns the challenge document (userId, type, expire).
db::Document create_challenge(db::Database& db, const db::Document& user, Factor factor, std::int64_t now_ms,
                              const CodeDelivery& deliver);

// Completes challenge `challenge_id` of `user_id` with `otp`: checks it, deletes it (and, for a
// recovery code, the code used), and adds its factor to session `session_id` with
// `mfaUpdatedAt` = now. Returns the updated session. Throws kUserInvalidToken for an unknown,
// foreign or expired challenge or a wrong code (a TOTP challenge also needs a verified
// authenticator), kUserSessionNotFound when the session is gone; nothing is written then.
db::Document complete_challenge(db::Database& db, std::string_view user_id, std::string_view session_id,
                                std::string_view challenge_id, std::string_view otp, std::int64_t now_ms);

}  // namespace basalt::auth::mfa
