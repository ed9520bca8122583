#include "auth/roles.hpp"

#include "auth/records.hpp"

namespace basalt::auth {

std::vector<std::string> user_roles(const db::Document& user, std::span<const db::Document> memberships) {
    const std::string dimension = is_verified(user) ? "verified" : "unverified";
    std::vector<std::string> roles = {"any", "users", "users/" + dimension, "user:" + user.id,
                                      "user:" + user.id + "/" + dimension};
    for (const auto& label : strings_of(user.data, "labels")) roles.push_back("label:" + label);
    for (const auto& membership : memberships) {
        if (!bool_of(membership.data, "confirm")) continue;
        const auto team = text_of(membership.data, "teamId");
        roles.push_back("team:" + team);
        for (const auto& role : strings_of(membership.data, "roles")) roles.push_back("team:" + team + "/" + role);
        roles.push_back("member:" + membership.id);
    }
    return roles;
}

}  // namespace basalt::auth
