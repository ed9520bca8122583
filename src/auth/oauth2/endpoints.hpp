// A provider's endpoint URLs for a project: the table's templates expanded with the app secret,
// or, for OpenID Connect, the secret's URLs or else the discovery document's.
#pragma once

#include <string>

#include "auth/oauth2/secret.hpp"

namespace basalt::auth::oauth2 {

enum class Endpoint { kAuthorize, kToken, kRefresh, kUser };

// Throws Error(kProjectProviderDisabled) when the secret lacks what the URL needs, and the
// errors of fetch_json (provider_http.hpp) when the discovery document cannot be had;
// a discovery document without the endpoint throws Error(kUserOauth2ProviderError).
std::string endpoint_url(const Provider& provider, Endpoint endpoint, const TemplateValues& values);

}  // namespace basalt::auth::oauth2
