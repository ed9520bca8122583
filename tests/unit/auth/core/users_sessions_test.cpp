// The auth module's records on real backends: SQLite files always, PostgreSQL when
// BASALT_TEST_POSTGRES_URL names a server (make test starts one).
#include <algorithm>

#include "auth/records.hpp"
#include "auth/roles.hpp"
#include "auth/sessions.hpp"
#include "auth/users.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "support/backend_test.hpp"

namespace basalt::auth {
namespace {

using testing::error_type;

class AuthRecordsTest : public testing::ProjectDatabaseTest {
protected:

    db::Document user(std::string email, std::string phone = {}) {
        return create_user(*db_, settings_, {.id = ids::unique(), .email = std::move(email), .phone = std::move(phone)});
    }

    platform::AuthSettings settings_;
};

TEST_P(AuthRecordsTest, CreateUserMakesItsTargetsAndRefusesTakenIdsEmailsAndPhones) {
    const auto ann = user("ann@example.com", "+14155550100");
    const auto targets = documents_of_user(*db_, "targets", ann.id);
    ASSERT_EQ(targets.size(), 2u);
    EXPECT_EQ(error_type([&] { user("ann@example.com"); }), "user_already_exists");
    EXPECT_EQ(error_type([&] { user("other@example.com", "+14155550100"); }), "user_already_exists");
    EXPECT_EQ(error_type([&] { create_user(*db_, settings_, {.id = ann.id, .email = "x@example.com"}); }),
              "user_already_exists");
    // Nothing half-written: the refused users left no targets behind.
    const auto all = db_->count_documents(db::Authorization::internal(), "targets", {});
    EXPECT_EQ(all, 2);
}

TEST_P(AuthRecordsTest, UserLimitCountsExistingUsers) {
    settings_.user_limit = 2;
    user("a@example.com");
    user("b@example.com");
    EXPECT_EQ(error_type([&] { user("c@example.com"); }), "user_count_exceeded");
}

TEST_P(AuthRecordsTest, UpdatesKeepTargetsAndSearchInStepAndReportTakenEmails) {
    const auto ann = user("ann@example.com");
    user("bob@example.com");
    const auto updated = update_user(*db_, ann.id, {{"email", "ann2@example.com"}, {"name", "Ann"}});
    EXPECT_EQ(text_of(updated.data, "email"), "ann2@example.com");
    EXPECT_NE(text_of(updated.data, "search").find("ann2@example.com"), std::string::npos);
    const auto targets = documents_of_user(*db_, "targets", ann.id);
    ASSERT_EQ(targets.size(), 1u);
    EXPECT_EQ(text_of(targets[0].data, "identifier"), "ann2@example.com");
    EXPECT_EQ(error_type([&] { update_user(*db_, ann.id, {{"email", "bob@example.com"}}); }),
              "user_email_already_exists");
    EXPECT_EQ(error_type([&] { update_user(*db_, "missing", {{"name", "x"}}); }), "user_not_found");
}

TEST_P(AuthRecordsTest, SessionsAreFoundBySecretOnlyForTheirUserAndUntilTheyExpire) {
    const auto ann = user("ann@example.com");
    const auto bob = user("bob@example.com");
    const auto created = create_session(*db_, settings_, ann.id, {.provider = "email", .factors = {"password"}});
    EXPECT_EQ(created.secret.size(), 256u);
    EXPECT_NE(text_of(created.session.data, "secretHash"), created.secret);
    const auto now = time::now_ms();
    ASSERT_TRUE(find_session(*db_, ann.id, created.secret, now));
    EXPECT_FALSE(find_session(*db_, bob.id, created.secret, now));
    EXPECT_FALSE(find_session(*db_, ann.id, created.secret + "0", now));
    EXPECT_FALSE(find_session(*db_, ann.id, created.secret, now + settings_.session_duration * 1000 + 1000));
    EXPECT_TRUE(active_session(*db_, ann.id, created.session.id, now));
    EXPECT_FALSE(active_session(*db_, bob.id, created.session.id, now));
}

TEST_P(AuthRecordsTest, SessionLimitRemovesTheOldest) {
    settings_.max_sessions = 2;
    const auto ann = user("ann@example.com");
    const auto first = create_session(*db_, settings_, ann.id, {.provider = "email"});
    create_session(*db_, settings_, ann.id, {.provider = "email"});
    create_session(*db_, settings_, ann.id, {.provider = "email"});
    EXPECT_EQ(list_sessions(*db_, ann.id).size(), 2u);
    EXPECT_FALSE(find_session(*db_, ann.id, first.secret, time::now_ms()));
}

TEST_P(AuthRecordsTest, DeleteUserRemovesEverythingItOwnsAndTeamTotals) {
    const auto ann = user("ann@example.com", "+14155550100");
    const auto session = create_session(*db_, settings_, ann.id, {.provider = "email"});
    db::Document team;
    team.id = "t1";
    team.data = {{"name", "T"}, {"total", 1}, {"prefs", "{}"}};
    db_->create_document(db::Authorization::internal(), "teams", team);
    db::Document membership;
    membership.data = {{"userId", ann.id}, {"teamId", "t1"}, {"roles", boost::json::array{"owner"}}, {"confirm", true}};
    db_->create_document(db::Authorization::internal(), "memberships", membership);
    delete_user(*db_, ann.id);
    EXPECT_FALSE(get_user(*db_, ann.id));
    for (const char* collection : {"sessions", "targets", "memberships"}) {
        EXPECT_TRUE(documents_of_user(*db_, collection, ann.id).empty()) << collection;
    }
    EXPECT_EQ(int_of(db_->get_document(db::Authorization::internal(), "teams", "t1")->data, "total"), 0);
    EXPECT_EQ(error_type([&] { delete_user(*db_, ann.id); }), "user_not_found");
    EXPECT_FALSE(find_session(*db_, ann.id, session.secret, time::now_ms()));
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthRecordsTest, ::testing::Values("sqlite", "postgres"));

TEST(UserRoles, FromVerificationLabelsAndConfirmedMemberships) {
    db::Document user;
    user.id = "u1";
    user.data = {{"emailVerification", false}, {"phoneVerification", true}, {"labels", boost::json::array{"vip"}}};
    db::Document confirmed;
    confirmed.id = "m1";
    confirmed.data = {{"teamId", "t1"}, {"roles", boost::json::array{"owner", "editor"}}, {"confirm", true}};
    db::Document invited;
    invited.id = "m2";
    invited.data = {{"teamId", "t2"}, {"roles", boost::json::array{"owner"}}, {"confirm", false}};
    const std::vector<db::Document> memberships = {confirmed, invited};
    const auto roles = user_roles(user, memberships);
    const std::vector<std::string> expected = {"any", "users", "users/verified", "user:u1", "user:u1/verified",
                                               "label:vip", "team:t1", "team:t1/owner", "team:t1/editor",
                                               "member:m1"};
    EXPECT_EQ(roles, expected);
    user.data["phoneVerification"] = false;
    EXPECT_EQ(user_roles(user, {})[2], "users/unverified");
}

}  // namespace
}  // namespace basalt::auth

namespace basalt::auth {
namespace {

// The roles of real users, from their stored memberships, against document permissions in
// the engine: what every permission check of the Databases API relies on.
TEST_P(AuthRecordsTest, DocumentPermissionsSeeTheRolesOfUsersAndTheirTeamMemberships) {
    db_->create_collection({.id = "notes",
                            .attributes = {{.key = "title", .type = db::AttributeType::kString, .size = 64}},
                            .indexes = {},
                            .permissions = {},
                            .document_security = true});
    const auto ann = user("ann@example.com");
    const auto bob = user("bob@example.com");
    const auto eve = user("eve@example.com");
    const auto add_member = [&](const db::Document& member, std::vector<std::string> roles, bool confirm) {
        boost::json::array stored;
        for (auto& role : roles) stored.push_back(boost::json::string(role));
        db::Document membership;
        membership.data = {{"userId", member.id}, {"teamId", "t1"}, {"roles", stored}, {"confirm", confirm}};
        db_->create_document(db::Authorization::internal(), "memberships", membership);
    };
    add_member(bob, {"editor"}, true);
    add_member(eve, {"viewer"}, true);
    add_member(ann, {"editor"}, false);  // invited, not joined: no team roles yet
    const auto note = [&](std::string id, std::string role) {
        db::Document doc;
        doc.id = std::move(id);
        doc.data = {{"title", doc.id}};
        doc.permissions = {"read(\"" + role + "\")"};
        db_->create_document(db::Authorization::internal(), "notes", doc);
    };
    note("for-ann", "user:" + ann.id);
    note("for-editors", "team:t1/editor");
    note("for-team", "team:t1");
    note("for-verified", "users/verified");
    const auto visible = [&](const db::Document& who) {
        const db::Authorization auth{user_roles(*get_user(*db_, who.id), documents_of_user(*db_, "memberships", who.id)),
                                     false};
        std::vector<std::string> ids;
        for (const auto& doc : db_->list_documents(auth, "notes", {}).documents) ids.push_back(doc.id);
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    EXPECT_EQ(visible(ann), (std::vector<std::string>{"for-ann"}));
    EXPECT_EQ(visible(bob), (std::vector<std::string>{"for-editors", "for-team"}));
    EXPECT_EQ(visible(eve), (std::vector<std::string>{"for-team"}));
    update_user(*db_, eve.id, {{"emailVerification", true}});
    EXPECT_EQ(visible(eve), (std::vector<std::string>{"for-team", "for-verified"}));
    EXPECT_EQ(db_->count_documents(db::Authorization{user_roles(ann, {}), false}, "notes", {}), 1);
}

}  // namespace
}  // namespace basalt::auth
