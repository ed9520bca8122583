// The requests the flow sends to a provider and the reading of its token answers, as pure
// functions of the provider's row (flow.cpp sends them).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/oauth2/oauth2.hpp"
#include "auth/oauth2/secret.hpp"
#include "outbound/http_client.hpp"

namespace basalt::auth::oauth2 {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// `url` with `query` appended after '?' or, when it has a query already, '&'.
std::string with_query(std::string url, std::string_view query);

// A token request to `url` with `fields` (grant_type and its fields), authenticated as the
// provider's client_auth says. Apple's client secret is signed here (may throw as
// apple_client_secret does).
outbound::HttpRequest token_request(const Provider& provider, const ProviderSettings& settings,
                                    const AppSecret& secret, std::string url, FormFields fields);

// The tokens in a token endpoint's answer. A status of 400 or more is a refusal (throw_refusal);
// so is a 2xx with an `error` field (as user_oauth2_bad_request); an answer without an access
// token throws Error(kUserOauth2BadRequest, "access_token_missing: ...").
OAuth2Tokens read_tokens(const Provider& provider, long status, std::string_view body);

// The user-info request (or a quirk's second request) to `url` with the access token placed as
// the provider's row says, its extra headers expanded with `values`.
outbound::HttpRequest user_request(const Provider& provider, std::string url,
                                   const TemplateValues& values, std::string_view access_token);

}  // namespace basalt::auth::oauth2
