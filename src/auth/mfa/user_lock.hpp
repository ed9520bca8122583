// Private to the MFA module: serialises one user's MFA writes.
#pragma once

#include <string_view>

#include "db/document.hpp"
#include "db/store.hpp"

namespace basalt::auth::mfa {

// Takes the user's row lock for the rest of the transaction `docs` belongs to and returns the
// user as it is now. PostgreSQL runs transactions at READ COMMITTED, so a read-check-write
// (a recovery code used once, a challenge completed once) is only atomic when every such
// transaction first writes the same row: the second one waits for the first to commit and then
// reads what it wrote. The write is empty, but it moves the user's $updatedAt. On SQLite the
// transaction holds the writer anyway. Throws kUserNotFound.
db::Document lock_user(db::Documents& docs, std::string_view user_id);

}  // namespace basalt::auth::mfa
