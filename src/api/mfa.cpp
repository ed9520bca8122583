// Multi-factor authentication for the Account and Users services.
#include "api/services.hpp"

namespace basalt::api {

void add_mfa_endpoints(Api& api, const AuthServices& services) {
    (void)api;
    (void)services;
}

}  // namespace basalt::api
