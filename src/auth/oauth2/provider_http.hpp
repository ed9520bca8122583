// Requests to a provider, and its refusals turned into Appwrite's OAuth2 errors.
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "auth/oauth2/provider.hpp"
#include "outbound/http_client.hpp"

namespace basalt::auth::oauth2 {

// Sends `request` with the flow's limits (15 s, 1 MiB). Any host is allowed, as in Appwrite:
// self-hosted providers (Keycloak, Authentik, GitLab, OIDC) often live on private networks and
// are configured by the project's administrators. A provider that cannot be reached throws
// Error(kUserOauth2ProviderError) naming it.
outbound::HttpResponse call_provider(const Provider& provider, outbound::HttpRequest request);

// Throws the error for a provider's refusal: status 400 is user_oauth2_bad_request, 401
// user_oauth2_unauthorized, anything else user_oauth2_provider_error; the message is the
// answer's "error: error_description" (or its text when it is not JSON), as in Appwrite.
[[noreturn]] void throw_refusal(const Provider& provider, long status, std::string_view body);

// call_provider, then the answer as JSON: a status of 400 or more is a refusal, a body that is
// not JSON throws Error(kUserOauth2ProviderError).
boost::json::value fetch_json(const Provider& provider, outbound::HttpRequest request);

}  // namespace basalt::auth::oauth2
