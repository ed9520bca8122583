// Memberships on real backends: invitations (secret digests, renewal, delivery inside the
// transaction), acceptance checks in Appwrite's order, confirmation, role changes, removal.
#include "auth/teams/memberships.hpp"

#include "auth/records.hpp"
#include "auth/sessions.hpp"
#include "auth/teams/teams.hpp"
#include "team_fixture.hpp"

namespace basalt::auth {
namespace {

namespace json = boost::json;
const db::Authorization kKey = db::Authorization::internal();

class MembershipsTest : public TeamFixture {
protected:
    void SetUp() override {
        TeamFixture::SetUp();
        if (IsSkipped()) return;
        owner_ = user("owner@example.com");
        invitee_ = user("invitee@example.com");
        create_team(*db_, "t1", "Alpha", TeamCreator{owner_.id, {}});
    }

    InvitedMembership invite(const std::string& user_id,
                             std::vector<std::string> roles = {"editor"}, bool confirm = false) {
        return invite_member(
            *db_,
            {.team_id = "t1", .user_id = user_id, .roles = std::move(roles), .confirm = confirm},
            [](const InvitedMembership&) {});
    }

    InvitationAnswer answer(const InvitedMembership& invited) {
        return {.team_id = "t1",
                .membership_id = invited.membership.id,
                .user_id = invitee_.id,
                .secret = invited.secret,
                .signed_in_user_id = {}};
    }

    std::int64_t total() { return int_of(require_team(*db_, kKey, "t1").data, "total"); }

    db::Document owner_;
    db::Document invitee_;
};

TEST_P(MembershipsTest, AnInvitationIsPendingAndStoresOnlyTheSecretsDigest) {
    const auto invited = invite(invitee_.id);
    EXPECT_EQ(invited.secret.size(), 256u);
    const auto& d = invited.membership.data;
    EXPECT_FALSE(bool_of(d, "confirm"));
    EXPECT_TRUE(d.at("joined").is_null());
    EXPECT_TRUE(time_of(d, "invited"));
    EXPECT_EQ(text_of(d, "secretHash"), secret_digest(invited.secret));
    EXPECT_EQ(strings_of(d, "roles"), (std::vector<std::string>{"editor"}));
    EXPECT_EQ(invited.membership.permissions, invitation_permissions("t1", invitee_.id));
    EXPECT_EQ(total(), 1) << "pending invitations do not count";
    EXPECT_FALSE(has_role(invitee_.id, "team:t1"));
    EXPECT_FALSE(find_team(*db_, as(invitee_.id), "t1")) << "not a member yet";
}

TEST_P(MembershipsTest, ARefusedDeliveryLeavesNothingBehind) {
    EXPECT_EQ(error_type([&] {
                  invite_member(
                      *db_,
                      {.team_id = "t1", .user_id = invitee_.id, .roles = {}, .confirm = false},
                      [](const InvitedMembership& m) {
                          EXPECT_FALSE(m.secret.empty());
                          throw Error(ErrorType::kGeneralSmtpDisabled);
                      });
              }),
              "general_smtp_disabled");
    db_->transact(
        [&](db::Documents& docs) { EXPECT_FALSE(membership_of_user(docs, "t1", invitee_.id)); });
}

TEST_P(MembershipsTest, InvitingAgainRenewsTheSecretButNotTheRoles) {
    const auto first = invite(invitee_.id, {"editor"});
    const auto second = invite(invitee_.id, {"admin"});
    EXPECT_EQ(second.membership.id, first.membership.id);
    EXPECT_NE(second.secret, first.secret);
    EXPECT_EQ(strings_of(second.membership.data, "roles"), (std::vector<std::string>{"editor"}));
    EXPECT_EQ(error_type([&] { check_invitation(*db_, kKey, answer(first)); }),
              "team_invalid_secret");
    EXPECT_NO_THROW(check_invitation(*db_, kKey, answer(second)));
}

TEST_P(MembershipsTest, AKeyAddsAConfirmedMemberAndCountsIt) {
    const auto added = invite(invitee_.id, {"viewer"}, true);
    EXPECT_TRUE(added.secret.empty());
    EXPECT_TRUE(bool_of(added.membership.data, "confirm"));
    EXPECT_TRUE(time_of(added.membership.data, "joined"));
    EXPECT_EQ(total(), 2);
    EXPECT_TRUE(has_role(invitee_.id, "team:t1/viewer"));
    EXPECT_EQ(error_type([&] { invite(invitee_.id); }), "membership_already_confirmed");
    EXPECT_EQ(error_type([&] { invite(owner_.id); }), "membership_already_confirmed");
}

TEST_P(MembershipsTest, AKeyConfirmsAPendingInvitation) {
    const auto pending = invite(invitee_.id, {"editor"});
    const auto added = invite(invitee_.id, {"ignored"}, true);
    EXPECT_EQ(added.membership.id, pending.membership.id);
    EXPECT_TRUE(bool_of(added.membership.data, "confirm"));
    EXPECT_EQ(total(), 2);
}

TEST_P(MembershipsTest, CheckingAnInvitationRefusesWhatAppwriteRefuses) {
    const auto invited = invite(invitee_.id);
    create_team(*db_, "t2", "Beta", std::nullopt);
    const auto eve = user("eve@example.com");
    const auto with = [&](auto change) {
        auto a = answer(invited);
        change(a);
        return error_type([&] { check_invitation(*db_, db::Authorization::guest(), a); });
    };
    EXPECT_EQ(with([](InvitationAnswer& a) { a.membership_id = "unknown"; }),
              "membership_not_found");
    EXPECT_EQ(with([](InvitationAnswer& a) { a.team_id = "unknown"; }), "team_not_found");
    EXPECT_EQ(with([](InvitationAnswer& a) { a.team_id = "t2"; }), "team_membership_mismatch");
    EXPECT_EQ(with([](InvitationAnswer& a) { a.secret = "wrong"; }), "team_invalid_secret");
    EXPECT_EQ(with([](InvitationAnswer& a) { a.secret = ""; }), "team_invalid_secret");
    EXPECT_EQ(with([&](InvitationAnswer& a) { a.user_id = eve.id; }), "team_invite_mismatch");
    EXPECT_EQ(with([&](InvitationAnswer& a) { a.signed_in_user_id = eve.id; }),
              "team_invite_mismatch");
    EXPECT_EQ(with([&](InvitationAnswer& a) { a.signed_in_user_id = invitee_.id; }), "none");
    EXPECT_EQ(with([](InvitationAnswer&) {}), "none")
        << "guests may accept: invitations are readable by anyone";
    // The creator's own membership is not readable by outsiders.
    const auto own = membership_of_user(*db_, "t1", owner_.id);
    ASSERT_TRUE(own);
    EXPECT_EQ(with([&](InvitationAnswer& a) { a.membership_id = own->id; }),
              "membership_not_found");
}

TEST_P(MembershipsTest, AcceptingConfirmsVerifiesTheEmailAndGrantsTheRoles) {
    const auto invited = invite(invitee_.id, {"editor"});
    const auto pending = check_invitation(*db_, kKey, answer(invited));
    EXPECT_EQ(pending.user.id, invitee_.id);
    EXPECT_EQ(pending.team.id, "t1");
    const auto confirmed = confirm_invitation(*db_, pending);
    EXPECT_TRUE(bool_of(confirmed.data, "confirm"));
    EXPECT_TRUE(time_of(confirmed.data, "joined"));
    EXPECT_TRUE(bool_of(require_user(*db_, invitee_.id).data, "emailVerification"));
    EXPECT_EQ(total(), 2);
    EXPECT_TRUE(has_role(invitee_.id, "team:t1"));
    EXPECT_TRUE(has_role(invitee_.id, "team:t1/editor"));
    EXPECT_TRUE(has_role(invitee_.id, "member:" + confirmed.id));
    EXPECT_TRUE(find_team(*db_, as(invitee_.id), "t1"));
    EXPECT_EQ(error_type([&] { check_invitation(*db_, kKey, answer(invited)); }),
              "membership_already_confirmed");
    EXPECT_EQ(error_type([&] { confirm_invitation(*db_, pending); }),
              "membership_already_confirmed");
    EXPECT_EQ(total(), 2) << "no double count";
}

TEST_P(MembershipsTest, MembershipsAreFoundOnlyInTheirTeam) {
    const auto invited = invite(invitee_.id);
    EXPECT_EQ(require_membership_of(*db_, kKey, "t1", invited.membership.id).id,
              invited.membership.id);
    EXPECT_EQ(error_type([&] { require_membership_of(*db_, kKey, "t2", invited.membership.id); }),
              "team_membership_mismatch");
    EXPECT_EQ(error_type([&] { require_membership_of(*db_, kKey, "t1", "nope"); }),
              "membership_not_found");
}

TEST_P(MembershipsTest, RolesAreReplaced) {
    const auto added = invite(invitee_.id, {"a", "b"}, true);
    const auto updated = update_member_roles(*db_, added.membership.id, {"c"});
    EXPECT_EQ(strings_of(updated.data, "roles"), (std::vector<std::string>{"c"}));
    EXPECT_TRUE(has_role(invitee_.id, "team:t1/c"));
    EXPECT_FALSE(has_role(invitee_.id, "team:t1/a"));
    EXPECT_EQ(error_type([&] { update_member_roles(*db_, "nope", {"c"}); }),
              "membership_not_found");
}

TEST_P(MembershipsTest, MembersLeaveOwnersRemoveOthersCannot) {
    const auto bob = user("bob@example.com");
    const auto invitee_membership = invite(invitee_.id, {}, true).membership;
    const auto bob_membership = invite(bob.id, {}, true).membership;
    EXPECT_EQ(total(), 3);
    // A plain member cannot remove another member; nothing changes.
    EXPECT_EQ(error_type([&] { remove_membership(*db_, as(bob.id), invitee_membership); }),
              "user_unauthorized");
    EXPECT_EQ(total(), 3);
    EXPECT_TRUE(has_role(invitee_.id, "team:t1"));
    // A member leaves.
    remove_membership(*db_, as(bob.id), bob_membership);
    EXPECT_EQ(total(), 2);
    EXPECT_FALSE(has_role(bob.id, "team:t1"));
    // An owner removes a member.
    remove_membership(*db_, as(owner_.id), invitee_membership);
    EXPECT_EQ(total(), 1);
    EXPECT_FALSE(has_role(invitee_.id, "team:t1"));
    EXPECT_EQ(error_type([&] { remove_membership(*db_, kKey, invitee_membership); }),
              "membership_not_found");
}

TEST_P(MembershipsTest, RemovingAPendingInvitationKeepsTheCount) {
    const auto invited = invite(invitee_.id);
    remove_membership(*db_, as(invitee_.id), invited.membership);  // the invitee declines
    EXPECT_EQ(total(), 1);
    db_->transact(
        [&](db::Documents& docs) { EXPECT_FALSE(membership_of_user(docs, "t1", invitee_.id)); });
}

INSTANTIATE_TEST_SUITE_P(Backends, MembershipsTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace basalt::auth
