#include "auth/teams/teams.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <limits>

#include "auth/records.hpp"
#include "auth/teams/memberships.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"

namespace basalt::auth {
namespace {

namespace json = boost::json;
const db::Authorization kInternal = db::Authorization::internal();

std::string search_text(std::string_view id, std::string_view name) {
    return std::string(id) + " " + std::string(name);
}

// The caller's update of a team it may read: the engine refuses non-owners (kUserUnauthorized).
db::Document update_team(db::Database& db, const db::Authorization& auth, std::string_view id,
                         json::object changes) {
    db::Document updated;
    db.transact([&](db::Documents& docs) {
        require_team(docs, auth, id);
        updated = docs.update_document(auth, "teams", id, {.data = std::move(changes)});
    });
    return updated;
}

}  // namespace

std::vector<std::string> team_permissions(std::string_view team_id) {
    const std::string team(team_id);
    return {"read(\"team:" + team + "\")", "update(\"team:" + team + "/owner\")",
            "delete(\"team:" + team + "/owner\")"};
}

bool is_team_owner(const db::Authorization& auth, std::string_view team_id) {
    if (auth.skip) return true;
    const auto role = "team:" + std::string(team_id) + "/" + std::string(kOwnerRole);
    return std::find(auth.roles.begin(), auth.roles.end(), role) != auth.roles.end();
}

db::Document create_team(db::Database& db, std::string_view id, std::string_view name,
                         const std::optional<TeamCreator>& creator) {
    db::Document team;
    team.id = std::string(id);
    team.permissions = team_permissions(id);
    team.data = {{"name", name},
                 {"total", creator ? 1 : 0},
                 {"prefs", "{}"},
                 {"search", search_text(id, name)}};
    db::Document created;
    try {
        db.transact([&](db::Documents& docs) {
            created = docs.create_document(kInternal, "teams", team);
            if (!creator) return;
            auto roles = creator->roles;
            if (std::find(roles.begin(), roles.end(), kOwnerRole) == roles.end())
                roles.emplace_back(kOwnerRole);
            const auto now = time::format_iso(time::now_ms());
            db::Document membership;
            membership.id = ids::unique();
            membership.permissions = creator_membership_permissions(id, creator->user_id);
            membership.data = {{"userId", creator->user_id},
                               {"teamId", id},
                               {"roles", string_array(roles)},
                               {"invited", now},
                               {"joined", now},
                               {"confirm", true},
                               {"secretHash", nullptr},
                               {"search", membership.id + " " + creator->user_id}};
            docs.create_document(kInternal, "memberships", std::move(membership));
        });
    } catch (const Error& e) {
        if (e.type() == ErrorType::kDocumentAlreadyExists)
            throw Error(ErrorType::kTeamAlreadyExists);
        throw;
    }
    return created;
}

std::optional<db::Document> find_team(db::Documents& docs, const db::Authorization& auth,
                                      std::string_view id) {
    return docs.get_document(auth, "teams", id);
}

db::Document require_team(db::Documents& docs, const db::Authorization& auth, std::string_view id) {
    auto team = find_team(docs, auth, id);
    if (!team) throw Error(ErrorType::kTeamNotFound);
    return std::move(*team);
}

db::Document rename_team(db::Database& db, const db::Authorization& auth, std::string_view id,
                         std::string_view name) {
    return update_team(db, auth, id, {{"name", name}, {"search", search_text(id, name)}});
}

db::Document update_team_prefs(db::Database& db, const db::Authorization& auth, std::string_view id,
                               const json::object& prefs) {
    return update_team(db, auth, id, {{"prefs", json::serialize(prefs)}});
}

void delete_team(db::Database& db, const db::Authorization& auth, std::string_view id) {
    db.transact([&](db::Documents& docs) {
        require_team(docs, auth, id);
        docs.delete_document(auth, "teams", id);
        const std::vector<db::Query> of_team = {
            db::Query::equal("teamId", json::array{json::string(id)}),
            db::Query::limit(db::kMaxLimit)};
        // Pages of kMaxLimit until none is left: each pass deletes what it listed.
        for (;;) {
            const auto page =
                docs.list_documents(kInternal, "memberships", of_team, {.with_total = false});
            for (const auto& membership : page.documents)
                docs.delete_document(kInternal, "memberships", membership.id);
            if (page.documents.size() < static_cast<std::size_t>(db::kMaxLimit)) break;
        }
    });
}

void recount_members(db::Documents& docs, std::string_view team_id) {
    const std::vector<db::Query> confirmed = {
        db::Query::equal("teamId", json::array{json::string(team_id)}),
        db::Query::equal("confirm", json::array{true})};
    // No cap: a team's size is not a list's `total`.
    const auto total = docs.count_documents(kInternal, "memberships", confirmed,
                                            std::numeric_limits<std::int64_t>::max());
    docs.update_document(kInternal, "teams", team_id, {.data = {{"total", total}}});
}

}  // namespace basalt::auth
