// Switching MFA on and off for a user.
//
// Thread-safety: as db::Database.
#pragma once

#include <string_view>

#include "db/document.hpp"
#include "db/store.hpp"

namespace basalt::auth::mfa {

// Sets the user's `mfa`. Switching it on through a session (`session_id` not empty, the
// Account API) also credits that session with every extra factor the user has verified
// (TOTP, email, phone), as Appwrite does, so the session that turns MFA on keeps working.
// Returns the updated user. Throws kUserNotFound.
db::Document set_user_mfa(db::Database& db, std::string_view user_id, bool enabled, std::string_view session_id);

}  // namespace basalt::auth::mfa
