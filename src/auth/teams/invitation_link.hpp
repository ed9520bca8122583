// The link a team invitation carries.
#pragma once

#include <string>
#include <string_view>

#include "auth/app_urls.hpp"

namespace basalt::auth {

// The invitation link: `url` with membershipId, userId, secret, teamId and teamName.
std::string invitation_link(std::string_view url, std::string_view membership_id,
                            std::string_view user_id, std::string_view secret,
                            std::string_view team_id, std::string_view team_name);

}  // namespace basalt::auth
