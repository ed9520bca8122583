// The project's auth settings (/v1/project/auth-methods, policies, mock phones, SMTP, templates, OAuth2 providers).
#include "api/services.hpp"

namespace basalt::api {

void add_project_auth_endpoints(Api& api, const AuthServices& services) {
    (void)api;
    (void)services;
}

}  // namespace basalt::api
