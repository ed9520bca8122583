// The roles a signed-in user acts with, as permission strings use them.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "db/document.hpp"

namespace basalt::auth {

// "any", "users", "users/verified|unverified", "user:ID", "user:ID/verified|unverified",
// "label:L" per label, and per confirmed membership "team:T", "team:T/ROLE" per role and
// "member:M". Verified means a verified email or phone, as in Appwrite.
std::vector<std::string> user_roles(const db::Document& user, std::span<const db::Document> memberships);

}  // namespace basalt::auth
