// Who a request signs in as when it carries no API key: the session from the
// `a_session_<project>` cookie (or its `_legacy` twin), X-Appwrite-Session, X-Fallback-Cookies,
// or a JWT in X-Appwrite-JWT — in Appwrite's order.
#pragma once

#include <memory>

#include "api/context.hpp"

namespace basalt::db {
class Database;
}

namespace basalt::api {

// Sets ctx.caller to the signed-in user when a valid session or JWT is present; leaves a guest
// otherwise. Throws kUserJwtAndCookieSet (JWT and a session), kUserJwtInvalid (bad JWT).
// `jwt_secret` verifies JWTs.
void resolve_signed_in(Context& ctx, const std::shared_ptr<db::Database>& db, std::string_view jwt_secret);

// Makes ctx.caller the user of `session` (used by resolve_signed_in).
void sign_in(Context& ctx, const std::shared_ptr<db::Database>& db, db::Document user,
             std::shared_ptr<const db::Document> session);

}  // namespace basalt::api
