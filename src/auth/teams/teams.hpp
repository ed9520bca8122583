// Teams: the records, their permissions and their member count.
//
// A team grants read to "team:T" and update/delete to "team:T/owner", as Appwrite sets them.
// Every function that acts for a caller takes the caller's db::Authorization and lets the
// document engine check those permissions: API keys skip them (Authorization::internal()),
// users hold the roles of their confirmed memberships (auth/roles.hpp). A team a user cannot
// read is "not found" to that user; one it may read but not change gives kUserUnauthorized.
//
// Thread-safety: free functions over a thread-safe db::Database; nothing is cached.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/authorization.hpp"
#include "db/document.hpp"
#include "db/store.hpp"

namespace basalt::auth {

// The role a team's creator gets and that may change the team and its memberships.
inline constexpr std::string_view kOwnerRole = "owner";

// read("team:T"), update("team:T/owner"), delete("team:T/owner").
std::vector<std::string> team_permissions(std::string_view team_id);

// True when `auth` holds "team:T/owner" or skips permissions (API keys).
bool is_team_owner(const db::Authorization& auth, std::string_view team_id);

struct TeamCreator {
    std::string user_id;
    std::vector<std::string> roles;  // the creator's roles; "owner" is added when missing
};

// Creates team `id` with an empty prefs object and, when `creator` is given, the creator's
// confirmed membership (total 1), in one transaction. An API key creates teams without members
// (total 0). Throws kTeamAlreadyExists.
db::Document create_team(db::Database& db, std::string_view id, std::string_view name,
                         const std::optional<TeamCreator>& creator);

// The team as `auth` may read it.
std::optional<db::Document> find_team(db::Documents& docs, const db::Authorization& auth,
                                      std::string_view id);
// Throws kTeamNotFound (absent or not readable).
db::Document require_team(db::Documents& docs, const db::Authorization& auth, std::string_view id);

// Renames the team (its search text follows). Throws kTeamNotFound, kUserUnauthorized (not an
// owner).
db::Document rename_team(db::Database& db, const db::Authorization& auth, std::string_view id,
                         std::string_view name);

// Replaces the team's prefs. Throws kTeamNotFound, kUserUnauthorized (not an owner).
db::Document update_team_prefs(db::Database& db, const db::Authorization& auth, std::string_view id,
                               const boost::json::object& prefs);

// Deletes the team and every membership of it in one transaction. Throws kTeamNotFound,
// kUserUnauthorized (not an owner).
void delete_team(db::Database& db, const db::Authorization& auth, std::string_view id);

// Sets the team's `total` to its number of confirmed memberships. Meant for a transaction that
// has just added, confirmed or removed one: a recount (rather than +1/-1) cannot drift.
void recount_members(db::Documents& docs, std::string_view team_id);

}  // namespace basalt::auth
