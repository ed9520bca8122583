// Appwrite's audit log: which routes record an event, for whom, as data (the `audits.*` route
// labels of Appwrite 1.9.6). The middleware writes the entry after a successful response.
#pragma once

#include <string_view>

#include "http/message.hpp"

namespace basalt::api {

// Who acted, for the entry's user (the log a user's events go to).
enum class AuditSubject {
    kCaller,          // the signed-in caller ({user.$id}); none for an API key
    kResponseId,      // the response's `$id` (a user model)
    kResponseUserId,  // the response's `userId` (a session, token or membership model)
};

// What the event is about: its `resource`, which team logs are listed by.
enum class AuditResource {
    kSubject,       // user/{subject}
    kTeamParam,     // team/{teamId of the path}
    kTeamResponse,  // team/{response.$id}
};

struct AuditRule {
    http::Method method;
    std::string_view path;   // as registered
    std::string_view event;  // "session.create"
    AuditSubject subject;
    AuditResource resource = AuditResource::kSubject;
};

// The rule for a route, or nullptr when it records nothing.
const AuditRule* find_audit_rule(http::Method method, std::string_view path) noexcept;

}  // namespace basalt::api
