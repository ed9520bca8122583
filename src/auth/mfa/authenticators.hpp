// The TOTP authenticator of a user (Appwrite's `authenticators` collection): created
// unverified with a fresh secret, verified with a first code from the user's app, removed.
//
// The secret is kept in the authenticator's `data` ({"secret": ...}, JSON text) in clear, as
// Appwrite keeps it: every later code is checked against it.
//
// Thread-safety: as db::Database.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "db/document.hpp"
#include "db/store.hpp"

namespace basalt::auth::mfa {

struct TotpEnrollment {
    std::string secret;  // base32, for manual entry
    std::string uri;     // otpauth:// URI for QR codes
};

// Creates the user's TOTP authenticator, replacing an unverified one. `issuer` is the project's
// name; the account shown in the app is the user's email (else phone, else ID). Throws
// kUserAuthenticatorAlreadyVerified when a verified one exists.
TotpEnrollment create_totp_authenticator(db::Database& db, const db::Document& user, std::string_view issuer);

// Verifies the user's TOTP authenticator with a code of the current 30-second step and adds
// "totp" to the factors of `session_id` (when not empty). Throws kUserAuthenticatorNotFound,
// kUserAuthenticatorAlreadyVerified, kUserInvalidToken (wrong code); writes nothing then.
void verify_totp_authenticator(db::Database& db, std::string_view user_id, std::string_view session_id,
                               std::string_view otp, std::int64_t now_ms);

// Removes the user's TOTP authenticator, verified or not. Throws kUserAuthenticatorNotFound.
void delete_totp_authenticator(db::Database& db, std::string_view user_id);

// The secret of an authenticator document; empty when its data holds none.
std::string authenticator_secret(const db::Document& authenticator);

}  // namespace basalt::auth::mfa
