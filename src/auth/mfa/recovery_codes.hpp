// MFA recovery codes: six single-use codes kept on the user (`mfaRecoveryCodes`), in clear as
// Appwrite keeps them, because the user may read them again (with a recent challenge).
//
// Thread-safety: as db::Database.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "db/document.hpp"
#include "db/store.hpp"

namespace basalt::auth::mfa {

// Generates the user's first codes. Throws kUserRecoveryCodesAlreadyExists when the user has
// unused codes, kUserNotFound.
std::vector<std::string> create_recovery_codes(db::Database& db, std::string_view user_id);

// Replaces the user's codes with new ones. Throws kUserRecoveryCodesNotFound when the user has
// none left, kUserNotFound.
std::vector<std::string> regenerate_recovery_codes(db::Database& db, std::string_view user_id);

// The user's unused codes. Throws kUserRecoveryCodesNotFound when there are none.
std::vector<std::string> recovery_codes(const db::Document& user);

}  // namespace basalt::auth::mfa
