// Who is asking: the role set a request acts with.
#pragma once

#include <string>
#include <vector>

namespace basalt::db {

// Roles as in permission strings: "any", "guests", "users", "users/verified", "user:ID",
// "user:ID/verified", "team:T", "team:T/ROLE", "member:M", "label:L".
struct Authorization {
    std::vector<std::string> roles;
    bool skip = false;  // API keys and internal callers: permissions are not checked

    static Authorization internal() { return Authorization{{}, true}; }
    static Authorization guest() { return Authorization{{"any", "guests"}, false}; }
};

}  // namespace basalt::db
