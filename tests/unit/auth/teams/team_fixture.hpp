// A project database with the internal collections on a real backend (SQLite in a temporary
// directory; PostgreSQL too when BASALT_TEST_POSTGRES_URL names a server), users, and the
// authorization a user acts with: the roles auth::user_roles derives from the user's
// memberships, read afresh each time, exactly as a request resolves them.
#pragma once

#include <algorithm>
#include <string>

#include "auth/roles.hpp"
#include "auth/users.hpp"
#include "core/ids.hpp"
#include "support/backend_test.hpp"

namespace basalt::auth {

using testing::error_type;

class TeamFixture : public testing::ProjectDatabaseTest {
protected:
    db::Document user(const std::string& email) {
        return create_user(
            *db_, {}, {.id = ids::unique(), .email = email, .phone = {}, .name = "N " + email});
    }

    // What a request by `user_id` acts with, from the memberships stored right now.
    db::Authorization as(const std::string& user_id) {
        const auto stored = require_user(*db_, user_id);
        return db::Authorization{
            user_roles(stored, documents_of_user(*db_, "memberships", user_id)), false};
    }

    bool has_role(const std::string& user_id, const std::string& role) {
        const auto roles = as(user_id).roles;
        return std::find(roles.begin(), roles.end(), role) != roles.end();
    }
};

}  // namespace basalt::auth
