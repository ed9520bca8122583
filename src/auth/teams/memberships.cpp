#include "auth/teams/memberships.hpp"

#include "auth/credentials/codes.hpp"
#include "auth/records.hpp"
#include "auth/sessions.hpp"
#include "auth/teams/teams.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"

namespace basalt::auth {
namespace {

namespace json = boost::json;
const db::Authorization kInternal = db::Authorization::internal();

std::string permission(std::string_view type, std::string_view role) {
    return std::string(type) + "(\"" + std::string(role) + "\")";
}

}  // namespace

std::vector<std::string> creator_membership_permissions(std::string_view team_id,
                                                        std::string_view user_id) {
    const auto user = "user:" + std::string(user_id);
    const auto team = "team:" + std::string(team_id);
    const auto owners = team + "/" + std::string(kOwnerRole);
    return {permission("read", user),     permission("read", team),   permission("update", user),
            permission("update", owners), permission("delete", user), permission("delete", owners)};
}

std::vector<std::string> invitation_permissions(std::string_view team_id,
                                                std::string_view user_id) {
    const auto user = "user:" + std::string(user_id);
    const auto owners = "team:" + std::string(team_id) + "/" + std::string(kOwnerRole);
    return {permission("read", "any"), permission("update", user), permission("update", owners),
            permission("delete", user), permission("delete", owners)};
}

InvitedMembership invite_member(db::Database& db, const MembershipInvite& invite,
                                const std::function<void(const InvitedMembership&)>& deliver) {
    InvitedMembership out;
    if (!invite.confirm) out.secret = generate_token_secret(kInvitationSecretLength);
    const auto now = time::format_iso(time::now_ms());
    json::object fields{
        {"invited", now},
        {"secretHash",
         out.secret.empty() ? json::value(nullptr) : json::value(secret_digest(out.secret))}};
    if (invite.confirm) {
        fields["joined"] = now;
        fields["confirm"] = true;
    }
    db.transact([&](db::Documents& docs) {
        const auto existing = membership_of_user(docs, invite.team_id, invite.user_id);
        if (existing && bool_of(existing->data, "confirm"))
            throw Error(ErrorType::kMembershipAlreadyConfirmed);
        if (existing) {
            out.membership =
                docs.update_document(kInternal, "memberships", existing->id, {.data = fields});
        } else {
            db::Document doc;
            doc.id = ids::unique();
            doc.permissions = invitation_permissions(invite.team_id, invite.user_id);
            doc.data = fields;
            doc.data["userId"] = invite.user_id;
            doc.data["teamId"] = invite.team_id;
            doc.data["roles"] = string_array(invite.roles);
            if (!invite.confirm) {
                doc.data["joined"] = nullptr;
                doc.data["confirm"] = false;
            }
            doc.data["search"] = doc.id + " " + invite.user_id;
            out.membership = docs.create_document(kInternal, "memberships", std::move(doc));
        }
        if (invite.confirm) recount_members(docs, invite.team_id);
        deliver(out);
    });
    return out;
}

std::optional<db::Document> find_membership(db::Documents& docs, const db::Authorization& auth,
                                            std::string_view id) {
    return docs.get_document(auth, "memberships", id);
}

db::Document require_membership_of(db::Documents& docs, const db::Authorization& auth,
                                   std::string_view team_id, std::string_view id) {
    auto membership = find_membership(docs, auth, id);
    if (!membership || text_of(membership->data, "userId").empty())
        throw Error(ErrorType::kMembershipNotFound);
    if (text_of(membership->data, "teamId") != team_id)
        throw Error(ErrorType::kTeamMembershipMismatch);
    return std::move(*membership);
}

std::optional<db::Document> membership_of_user(db::Documents& docs, std::string_view team_id,
                                               std::string_view user_id) {
    const std::vector<db::Query> q = {
        db::Query::equal("teamId", json::array{json::string(team_id)}),
        db::Query::equal("userId", json::array{json::string(user_id)}), db::Query::limit(1)};
    auto found = docs.list_documents(kInternal, "memberships", q, {.with_total = false});
    if (found.documents.empty()) return std::nullopt;
    return std::move(found.documents.front());
}

PendingInvitation check_invitation(db::Database& db, const db::Authorization& auth,
                                   const InvitationAnswer& answer) {
    auto membership = find_membership(db, auth, answer.membership_id);
    if (!membership) throw Error(ErrorType::kMembershipNotFound);
    // The invitee is not a member yet, so the team is read past its permissions (as Appwrite).
    auto team = find_team(db, kInternal, answer.team_id);
    if (!team) throw Error(ErrorType::kTeamNotFound);
    if (text_of(membership->data, "teamId") != team->id)
        throw Error(ErrorType::kTeamMembershipMismatch);
    const auto stored = text_of(membership->data, "secretHash");
    if (stored.empty() || !crypto::equal_constant_time(stored, secret_digest(answer.secret))) {
        throw Error(ErrorType::kTeamInvalidSecret);
    }
    const auto invitee = text_of(membership->data, "userId");
    const bool other_signed_in =
        !answer.signed_in_user_id.empty() && answer.signed_in_user_id != invitee;
    if (answer.user_id != invitee || other_signed_in) {
        throw Error(ErrorType::kTeamInviteMismatch, "Invite does not belong to current user.");
    }
    auto user = db.get_document(kInternal, "users", invitee);
    if (!user)
        throw Error(ErrorType::kTeamInviteMismatch, "Invite does not belong to current user.");
    if (bool_of(membership->data, "confirm")) throw Error(ErrorType::kMembershipAlreadyConfirmed);
    return PendingInvitation{std::move(*membership), std::move(*team), std::move(*user)};
}

db::Document confirm_invitation(db::Database& db, const PendingInvitation& pending) {
    db::Document confirmed;
    db.transact([&](db::Documents& docs) {
        const auto current = docs.get_document(kInternal, "memberships", pending.membership.id);
        if (!current) throw Error(ErrorType::kMembershipNotFound);
        if (bool_of(current->data, "confirm")) throw Error(ErrorType::kMembershipAlreadyConfirmed);
        confirmed = docs.update_document(
            kInternal, "memberships", current->id,
            {.data = {{"joined", time::format_iso(time::now_ms())}, {"confirm", true}}});
        docs.update_document(kInternal, "users", pending.user.id,
                             {.data = {{"emailVerification", true}}});
        recount_members(docs, pending.team.id);
    });
    return confirmed;
}

db::Document update_member_roles(db::Database& db, std::string_view id,
                                 const std::vector<std::string>& roles) {
    if (!db.get_document(kInternal, "memberships", id)) throw Error(ErrorType::kMembershipNotFound);
    return db.update_document(kInternal, "memberships", id, {.data = {{"roles", string_array(roles)}}});
}

void remove_membership(db::Database& db, const db::Authorization& auth,
                       const db::Document& membership) {
    try {
        db.transact([&](db::Documents& docs) {
            docs.delete_document(auth, "memberships", membership.id);
            if (bool_of(membership.data, "confirm"))
                recount_members(docs, text_of(membership.data, "teamId"));
        });
    } catch (const Error& e) {
        if (e.type() == ErrorType::kDocumentNotFound) throw Error(ErrorType::kMembershipNotFound);
        throw;
    }
}

}  // namespace basalt::auth
