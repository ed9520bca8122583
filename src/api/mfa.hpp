// Multi-factor authentication in the request middleware (Appwrite's shared/api.php, steps
// 12-13): a signed-in user with MFA on needs a session that has proved two factors on every
// route except the few that let it prove the second one.
#pragma once

#include <string_view>

#include "api/context.hpp"
#include "http/message.hpp"

namespace basalt::db {
class Store;
}

namespace basalt::api {

// True for the routes of Appwrite's `mfa` group (listing factors, creating and completing a
// challenge, deleting a session), which a session with one factor may call. `route_pattern` is
// the path as registered, e.g. "/v1/account/sessions/{sessionId}".
bool reachable_with_one_factor(http::Method method, std::string_view route_pattern) noexcept;

// Throws Error(kUserMoreFactorsRequired) when the caller signed in through a session that has
// proved fewer factors than its user needs (auth::mfa::needs_more_factors) and the route is not
// reachable_with_one_factor. API keys, guests and JWTs made without a session pass. Call it in
// the middleware after the scope and blocked-user checks, before the handler. Reads the
// project's database only for users with MFA on whose session has a single factor.
void require_enough_factors(const Context& ctx, db::Store& store, http::Method method,
                            std::string_view route_pattern);

}  // namespace basalt::api
