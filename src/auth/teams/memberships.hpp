// Memberships: a user's place in a team, with roles.
//
// A confirmed membership gives its user the roles "team:T", "team:T/ROLE" per role and
// "member:M" (auth/roles.hpp reads them on every request, so a confirmation, role change or
// removal takes effect on the user's next request). A pending one (an invitation) carries the
// SHA-256 digest of the secret the invitation link holds.
//
// Permissions, as Appwrite sets them: the invitee and the team's owners may update and delete a
// membership (a member may leave, an owner may remove anyone); an invitation is readable by
// anyone (the invitee accepts it signed out), a creator's membership by the user and the team.
//
// Thread-safety: free functions over a thread-safe db::Database; nothing is cached.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/authorization.hpp"
#include "db/document.hpp"
#include "db/store.hpp"

namespace basalt::auth {

// A creator's membership: read by the user and the team, update/delete by the user and owners.
std::vector<std::string> creator_membership_permissions(std::string_view team_id,
                                                        std::string_view user_id);
// An invitation: read by anyone, update/delete by the invitee and owners.
std::vector<std::string> invitation_permissions(std::string_view team_id, std::string_view user_id);

struct MembershipInvite {
    std::string team_id;
    std::string user_id;
    std::vector<std::string> roles;
    // API keys add members at once: the membership is confirmed and no invitation is sent.
    bool confirm = false;
};

struct InvitedMembership {
    db::Document membership;
    std::string secret;  // in clear, for the invitation link; stored only as its digest
};

// Creates the invitee's membership, or renews a pending one (new secret and invitation time,
// roles unchanged, confirmed when `confirm`), then runs `deliver` (which queues the invitation)
// inside the same transaction, so a refused delivery leaves nothing behind. Confirming
// recounts the team. Throws kMembershipAlreadyConfirmed, and what `deliver` throws.
InvitedMembership invite_member(db::Database& db, const MembershipInvite& invite,
                                const std::function<void(const InvitedMembership&)>& deliver);

// The membership as `auth` may read it.
std::optional<db::Document> find_membership(db::Documents& docs, const db::Authorization& auth,
                                            std::string_view id);

// The membership `id` of team `team_id`. Throws kMembershipNotFound (absent or not readable),
// kTeamMembershipMismatch (of another team).
db::Document require_membership_of(db::Documents& docs, const db::Authorization& auth,
                                   std::string_view team_id, std::string_view id);

// The membership of `user_id` in `team_id`, if any (internal read).
std::optional<db::Document> membership_of_user(db::Documents& docs, std::string_view team_id,
                                               std::string_view user_id);

struct InvitationAnswer {
    std::string team_id;
    std::string membership_id;
    std::string user_id;
    std::string secret;
    // The caller's own user when it is signed in (the invitation must be its own); empty when
    // the invitee accepts signed out.
    std::string signed_in_user_id;
};

struct PendingInvitation {
    db::Document membership;
    db::Document team;
    db::Document user;
};

// Checks an invitation without changing anything, in Appwrite's order: the membership
// (kMembershipNotFound), the team (kTeamNotFound), that it is the team's (kTeamMembershipMismatch),
// the secret (kTeamInvalidSecret), the invitee (kTeamInviteMismatch: another user id, or another
// signed-in user), still pending (kMembershipAlreadyConfirmed). `auth` reads the membership.
PendingInvitation check_invitation(db::Database& db, const db::Authorization& auth,
                                   const InvitationAnswer& answer);

// Accepts a checked invitation in one transaction: the membership is confirmed (joined now,
// secret spent), the invitee's email counts as verified (the invitation reached it) and the
// team recounted. Throws kMembershipAlreadyConfirmed when it was confirmed meanwhile.
db::Document confirm_invitation(db::Database& db, const PendingInvitation& pending);

// Replaces the roles of membership `id`. Throws kMembershipNotFound.
db::Document update_member_roles(db::Database& db, std::string_view id,
                                 const std::vector<std::string>& roles);

// Deletes `membership` as `auth` may (its user, or an owner of the team; else kUserUnauthorized)
// and recounts the team when it was confirmed, in one transaction. Throws kMembershipNotFound
// when it is gone meanwhile.
void remove_membership(db::Database& db, const db::Authorization& auth,
                       const db::Document& membership);

}  // namespace basalt::auth
