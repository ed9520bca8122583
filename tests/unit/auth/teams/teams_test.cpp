// Teams on real backends: creation with the creator's membership, reads and changes through the
// team's permissions and the caller's roles, deletion with the memberships.
#include "auth/teams/teams.hpp"

#include "auth/records.hpp"
#include "auth/teams/memberships.hpp"
#include "team_fixture.hpp"

namespace basalt::auth {
namespace {

namespace json = boost::json;
const db::Authorization kKey = db::Authorization::internal();

std::vector<db::Document> memberships_of(db::Database& db, const std::string& team_id) {
    const std::vector<db::Query> q = {
        db::Query::equal("teamId", json::array{json::string(team_id)})};
    return db.list_documents(kKey, "memberships", q).documents;
}

class TeamsTest : public TeamFixture {
protected:
    // A member added with an API key (confirmed at once) with `roles`.
    db::Document add_member(const std::string& team_id, const std::string& user_id,
                            std::vector<std::string> roles) {
        return invite_member(*db_,
                             {.team_id = team_id,
                              .user_id = user_id,
                              .roles = std::move(roles),
                              .confirm = true},
                             [](const InvitedMembership&) {})
            .membership;
    }
};

TEST_P(TeamsTest, CreatorBecomesAConfirmedOwnerWithItsRoles) {
    const auto ann = user("ann@example.com");
    const auto team = create_team(*db_, "t1", "Alpha", TeamCreator{ann.id, {"editor"}});
    EXPECT_EQ(team.id, "t1");
    EXPECT_EQ(text_of(team.data, "name"), "Alpha");
    EXPECT_EQ(int_of(team.data, "total"), 1);
    EXPECT_EQ(object_of(team.data, "prefs"), json::object{});
    EXPECT_EQ(team.permissions, team_permissions("t1"));

    const auto memberships = memberships_of(*db_, "t1");
    ASSERT_EQ(memberships.size(), 1u);
    EXPECT_EQ(text_of(memberships[0].data, "userId"), ann.id);
    EXPECT_TRUE(bool_of(memberships[0].data, "confirm"));
    EXPECT_EQ(strings_of(memberships[0].data, "roles"),
              (std::vector<std::string>{"editor", "owner"}));
    EXPECT_TRUE(time_of(memberships[0].data, "joined"));

    EXPECT_TRUE(has_role(ann.id, "team:t1"));
    EXPECT_TRUE(has_role(ann.id, "team:t1/owner"));
    EXPECT_TRUE(has_role(ann.id, "team:t1/editor"));
    EXPECT_TRUE(has_role(ann.id, "member:" + memberships[0].id));
    EXPECT_TRUE(is_team_owner(as(ann.id), "t1"));
}

TEST_P(TeamsTest, OwnerIsNotAddedTwice) {
    const auto ann = user("ann@example.com");
    create_team(*db_, "t1", "Alpha", TeamCreator{ann.id, {"owner"}});
    EXPECT_EQ(strings_of(memberships_of(*db_, "t1")[0].data, "roles"),
              (std::vector<std::string>{"owner"}));
}

TEST_P(TeamsTest, AKeyCreatesATeamWithoutMembers) {
    const auto team = create_team(*db_, "t1", "Alpha", std::nullopt);
    EXPECT_EQ(int_of(team.data, "total"), 0);
    EXPECT_TRUE(memberships_of(*db_, "t1").empty());
}

TEST_P(TeamsTest, ATakenIdIsTeamAlreadyExistsAndAddsNoMembership) {
    const auto ann = user("ann@example.com");
    const auto bob = user("bob@example.com");
    create_team(*db_, "t1", "Alpha", TeamCreator{ann.id, {}});
    EXPECT_EQ(error_type([&] {
                  create_team(*db_, "t1", "Beta", TeamCreator{bob.id, {}});
              }),
              "team_already_exists");
    EXPECT_EQ(memberships_of(*db_, "t1").size(), 1u);
    EXPECT_FALSE(has_role(bob.id, "team:t1"));
    EXPECT_EQ(text_of(require_team(*db_, kKey, "t1").data, "name"), "Alpha");
}

TEST_P(TeamsTest, OutsidersAndGuestsDoNotSeeTheTeam) {
    const auto ann = user("ann@example.com");
    const auto eve = user("eve@example.com");
    create_team(*db_, "t1", "Alpha", TeamCreator{ann.id, {}});
    EXPECT_TRUE(find_team(*db_, as(ann.id), "t1"));
    EXPECT_FALSE(find_team(*db_, as(eve.id), "t1"));
    EXPECT_FALSE(find_team(*db_, db::Authorization::guest(), "t1"));
    EXPECT_EQ(error_type([&] { require_team(*db_, as(eve.id), "t1"); }), "team_not_found");
    EXPECT_EQ(error_type([&] { rename_team(*db_, as(eve.id), "t1", "Mine"); }), "team_not_found");
    EXPECT_EQ(error_type([&] { delete_team(*db_, as(eve.id), "t1"); }), "team_not_found");
    EXPECT_EQ(error_type([&] { require_team(*db_, kKey, "nope"); }), "team_not_found");
    // A list with the outsider's roles holds only its own teams.
    create_team(*db_, "t2", "Eve's", TeamCreator{eve.id, {}});
    const auto seen = db_->list_documents(as(eve.id), "teams", {}).documents;
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].id, "t2");
}

TEST_P(TeamsTest, MembersWithoutTheOwnerRoleCannotChangeTheTeam) {
    const auto ann = user("ann@example.com");
    const auto bob = user("bob@example.com");
    create_team(*db_, "t1", "Alpha", TeamCreator{ann.id, {}});
    add_member("t1", bob.id, {"viewer"});
    EXPECT_TRUE(find_team(*db_, as(bob.id), "t1")) << "members read the team";
    EXPECT_FALSE(is_team_owner(as(bob.id), "t1"));
    EXPECT_EQ(error_type([&] { rename_team(*db_, as(bob.id), "t1", "Bob's"); }),
              "user_unauthorized");
    EXPECT_EQ(error_type([&] {
                  update_team_prefs(*db_, as(bob.id), "t1", {{"a", 1}});
              }),
              "user_unauthorized");
    EXPECT_EQ(error_type([&] { delete_team(*db_, as(bob.id), "t1"); }), "user_unauthorized");
    const auto team = require_team(*db_, kKey, "t1");
    EXPECT_EQ(text_of(team.data, "name"), "Alpha");
    EXPECT_EQ(object_of(team.data, "prefs"), json::object{});
    EXPECT_EQ(memberships_of(*db_, "t1").size(), 2u);
}

TEST_P(TeamsTest, AnOwnerRoleGivenLaterTakesEffectOnTheNextRequest) {
    const auto ann = user("ann@example.com");
    const auto bob = user("bob@example.com");
    create_team(*db_, "t1", "Alpha", TeamCreator{ann.id, {}});
    const auto membership = add_member("t1", bob.id, {"viewer"});
    update_member_roles(*db_, membership.id, {"owner"});
    EXPECT_EQ(text_of(rename_team(*db_, as(bob.id), "t1", "Bob's").data, "name"), "Bob's");
    update_member_roles(*db_, membership.id, {});
    EXPECT_EQ(error_type([&] { rename_team(*db_, as(bob.id), "t1", "Again"); }),
              "user_unauthorized");
}

TEST_P(TeamsTest, OwnersRenameAndSetPrefs) {
    const auto ann = user("ann@example.com");
    create_team(*db_, "t1", "Alpha", TeamCreator{ann.id, {}});
    const auto renamed = rename_team(*db_, as(ann.id), "t1", "Omega");
    EXPECT_EQ(text_of(renamed.data, "name"), "Omega");
    const auto search = [&](const std::string& text) {
        const std::vector<db::Query> q = {db::Query::search("search", text)};
        return db_->list_documents(kKey, "teams", q).documents.size();
    };
    EXPECT_EQ(search("Omega"), 1u);
    EXPECT_EQ(search("Alpha"), 0u);
    const json::object prefs{{"theme", "dark"}, {"n", 3}};
    EXPECT_EQ(object_of(update_team_prefs(*db_, as(ann.id), "t1", prefs).data, "prefs"), prefs);
    EXPECT_EQ(object_of(require_team(*db_, kKey, "t1").data, "prefs"), prefs);
}

TEST_P(TeamsTest, DeletingATeamRemovesItsMembershipsAndTheirRoles) {
    const auto ann = user("ann@example.com");
    const auto bob = user("bob@example.com");
    create_team(*db_, "t1", "Alpha", TeamCreator{ann.id, {}});
    create_team(*db_, "t2", "Beta", TeamCreator{ann.id, {}});
    add_member("t1", bob.id, {});
    invite_member(
        *db_,
        {.team_id = "t1", .user_id = user("carl@example.com").id, .roles = {}, .confirm = false},
        [](const InvitedMembership&) {});
    delete_team(*db_, as(ann.id), "t1");
    EXPECT_FALSE(find_team(*db_, kKey, "t1"));
    EXPECT_TRUE(memberships_of(*db_, "t1").empty());
    EXPECT_EQ(memberships_of(*db_, "t2").size(), 1u) << "other teams keep theirs";
    EXPECT_FALSE(has_role(bob.id, "team:t1"));
    EXPECT_FALSE(has_role(ann.id, "team:t1/owner"));
    EXPECT_TRUE(has_role(ann.id, "team:t2/owner"));
}

TEST_P(TeamsTest, RecountCountsConfirmedMembersOnly) {
    const auto ann = user("ann@example.com");
    create_team(*db_, "t1", "Alpha", TeamCreator{ann.id, {}});
    add_member("t1", user("bob@example.com").id, {});
    invite_member(
        *db_,
        {.team_id = "t1", .user_id = user("carl@example.com").id, .roles = {}, .confirm = false},
        [](const InvitedMembership&) {});
    EXPECT_EQ(int_of(require_team(*db_, kKey, "t1").data, "total"), 2);
    db_->update_document(kKey, "teams", "t1", {.data = {{"total", 40}}});
    db_->transact([&](db::Documents& docs) { recount_members(docs, "t1"); });
    EXPECT_EQ(int_of(require_team(*db_, kKey, "t1").data, "total"), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, TeamsTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace basalt::auth
