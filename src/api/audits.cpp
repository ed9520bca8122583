#include "api/audits.hpp"

namespace basalt::api {
namespace {

using http::Method;
using S = AuditSubject;
using R = AuditResource;

constexpr AuditRule kRules[] = {
    {Method::kPost, "/v1/account", "user.create", S::kResponseId},
    {Method::kDelete, "/v1/account", "user.delete", S::kCaller},
    {Method::kDelete, "/v1/account/sessions", "session.delete", S::kCaller},
    {Method::kDelete, "/v1/account/sessions/{sessionId}", "session.delete", S::kCaller},
    {Method::kPatch, "/v1/account/sessions/{sessionId}", "session.update", S::kResponseUserId},
    {Method::kPost, "/v1/account/sessions/email", "session.create", S::kResponseUserId},
    {Method::kPost, "/v1/account/sessions", "session.create", S::kResponseUserId},
    {Method::kPost, "/v1/account/sessions/anonymous", "session.create", S::kResponseUserId},
    {Method::kPost, "/v1/account/sessions/token", "session.create", S::kResponseUserId},
    {Method::kPost, "/v1/account/tokens/magic-url", "session.create", S::kResponseUserId},
    {Method::kPost, "/v1/account/tokens/email", "session.create", S::kResponseUserId},
    {Method::kPut, "/v1/account/sessions/magic-url", "session.create", S::kResponseUserId},
    {Method::kPut, "/v1/account/sessions/phone", "session.create", S::kResponseUserId},
    {Method::kPost, "/v1/account/tokens/phone", "session.create", S::kResponseUserId},
    {Method::kPatch, "/v1/account/name", "user.update", S::kResponseId},
    {Method::kPatch, "/v1/account/password", "user.update", S::kResponseId},
    {Method::kPatch, "/v1/account/email", "user.update", S::kResponseId},
    {Method::kPatch, "/v1/account/phone", "user.update", S::kResponseId},
    {Method::kPatch, "/v1/account/prefs", "user.update", S::kCaller},
    {Method::kPatch, "/v1/account/status", "user.update", S::kResponseId},
    {Method::kPost, "/v1/account/recovery", "recovery.create", S::kResponseUserId},
    {Method::kPut, "/v1/account/recovery", "recovery.update", S::kResponseUserId},
    {Method::kPost, "/v1/account/verifications/email", "verification.create", S::kResponseUserId},
    {Method::kPut, "/v1/account/verifications/email", "verification.update", S::kResponseUserId},
    {Method::kPost, "/v1/account/verifications/phone", "verification.create", S::kResponseUserId},
    {Method::kPut, "/v1/account/verifications/phone", "verification.update", S::kResponseUserId},
    {Method::kDelete, "/v1/account/identities/{identityId}", "identity.delete", S::kCaller},
    {Method::kPost, "/v1/teams", "team.create", S::kCaller, R::kTeamResponse},
    {Method::kPut, "/v1/teams/{teamId}", "team.update", S::kCaller, R::kTeamParam},
    {Method::kPut, "/v1/teams/{teamId}/prefs", "team.update", S::kCaller, R::kTeamParam},
    {Method::kDelete, "/v1/teams/{teamId}", "team.delete", S::kCaller, R::kTeamParam},
    {Method::kPost, "/v1/teams/{teamId}/memberships", "membership.create", S::kCaller, R::kTeamParam},
    {Method::kPatch, "/v1/teams/{teamId}/memberships/{membershipId}", "membership.update", S::kCaller,
     R::kTeamParam},
    {Method::kPatch, "/v1/teams/{teamId}/memberships/{membershipId}/status", "membership.update",
     S::kResponseUserId, R::kTeamParam},
    {Method::kDelete, "/v1/teams/{teamId}/memberships/{membershipId}", "membership.delete", S::kCaller,
     R::kTeamParam},
};

}  // namespace

const AuditRule* find_audit_rule(http::Method method, std::string_view path) noexcept {
    for (const auto& rule : kRules) {
        if (rule.method == method && rule.path == path) return &rule;
    }
    return nullptr;
}

}  // namespace basalt::api
