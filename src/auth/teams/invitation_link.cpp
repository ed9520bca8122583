#include "auth/teams/invitation_link.hpp"

namespace basalt::auth {

std::string invitation_link(std::string_view url, std::string_view membership_id,
                            std::string_view user_id, std::string_view secret,
                            std::string_view team_id, std::string_view team_name) {
    const QueryParam params[] = {{"membershipId", membership_id},
                                 {"userId", user_id},
                                 {"secret", secret},
                                 {"teamId", team_id},
                                 {"teamName", team_name}};
    return with_query(url, params);
}

}  // namespace basalt::auth
