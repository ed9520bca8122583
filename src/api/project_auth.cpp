// The project's auth settings reachable with an API key (/v1/project/*): auth methods, policies,
// mock phones, SMTP, email templates and OAuth2 providers, one file each (project_*.cpp). Each
// write reads the stored settings, changes them and stores them in one step
// (Directory::update_settings), as Appwrite updates the project's `auths`, `smtp`, `templates`
// and `oAuthProviders` attributes.
//
// Response formats: clients sending X-Appwrite-Response-Format below 1.9.5 get the flat
// `project` model of the 1.9.3 spec (auth*, smtp*, serviceStatusFor* ...); newer ones get the
// Project model of Appwrite 1.9.5+ (authMethods, services, protocols), as Appwrite's own response
// filters do (project_model.cpp). Below 1.9.4 the OpenID Connect model spells tokenUrl and
// userInfoUrl (project_oauth2.cpp).
#include "api/project_settings_support.hpp"
#include "api/services.hpp"

namespace basalt::api {

void add_project_auth_endpoints(Api& api, const AuthServices& services) {
    project_settings::add_auth_method_endpoints(api, services);
    project_settings::add_policy_endpoints(api, services);
    project_settings::add_mock_phone_endpoints(api, services);
    project_settings::add_smtp_endpoints(api, services);
    project_settings::add_template_endpoints(api, services);
    project_settings::add_oauth2_settings_endpoints(api, services);
}

}  // namespace basalt::api
