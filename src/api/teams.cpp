// The Teams service (/v1/teams*): teams, memberships, invitations.
#include "api/services.hpp"

namespace basalt::api {

void add_teams_endpoints(Api& api, const AuthServices& services) {
    (void)api;
    (void)services;
}

}  // namespace basalt::api
