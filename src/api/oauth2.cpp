// OAuth2 sign-in (redirect and token flows, callbacks) and identities.
#include "api/services.hpp"

namespace basalt::api {

void add_oauth2_endpoints(Api& api, const AuthServices& services) {
    (void)api;
    (void)services;
}

}  // namespace basalt::api
