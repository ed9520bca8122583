#include "auth/oauth2/endpoints.hpp"

#include <fmt/format.h>

#include "auth/oauth2/json_path.hpp"
#include "auth/oauth2/provider_http.hpp"
#include "core/error.hpp"

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;

std::string secret_text(const TemplateValues& values, std::string_view name) {
    if (!values.fields) return {};
    const auto* value = values.fields->if_contains(name);
    return value ? scalar_text(*value) : std::string();
}

// Appwrite's OIDC fields; userinfoEndpoint is the spelling older configurations stored, read
// only when the current one is absent.
std::string configured_oidc_url(const TemplateValues& values, Endpoint endpoint) {
    switch (endpoint) {
        case Endpoint::kAuthorize:
            return secret_text(values, "authorizationEndpoint");
        case Endpoint::kToken:
        case Endpoint::kRefresh:
            return secret_text(values, "tokenEndpoint");
        case Endpoint::kUser: {
            const bool current = values.fields && values.fields->if_contains("userInfoEndpoint") &&
                                 !values.fields->at("userInfoEndpoint").is_null();
            return secret_text(values, current ? "userInfoEndpoint" : "userinfoEndpoint");
        }
    }
    return {};
}

std::string_view discovery_field(Endpoint endpoint) {
    switch (endpoint) {
        case Endpoint::kAuthorize:
            return "/authorization_endpoint";
        case Endpoint::kToken:
        case Endpoint::kRefresh:
            return "/token_endpoint";
        case Endpoint::kUser:
            return "/userinfo_endpoint";
    }
    return {};
}

std::string discovered_url(const Provider& provider, const TemplateValues& values,
                           Endpoint endpoint) {
    const auto well_known = secret_text(values, "wellKnownEndpoint");
    if (well_known.empty()) {
        throw Error(
            ErrorType::kProjectProviderDisabled,
            fmt::format("This provider is not configured: the {} OAuth2 app secret needs a "
                        "wellKnownEndpoint or the endpoint URLs. Please configure the provider "
                        "from your console to continue.",
                        provider.name));
    }
    const auto document =
        fetch_json(provider, {.url = well_known, .headers = {{"Accept", "application/json"}}});
    auto url = text_at(document, discovery_field(endpoint));
    if (url.empty()) {
        throw Error(ErrorType::kUserOauth2ProviderError,
                    fmt::format("Invalid well-known configuration: no {} at {}",
                                discovery_field(endpoint).substr(1), well_known));
    }
    return url;
}

std::string_view url_template(const Provider& provider, Endpoint endpoint) {
    switch (endpoint) {
        case Endpoint::kAuthorize:
            return provider.authorize_url;
        case Endpoint::kToken:
            return provider.token_url;
        case Endpoint::kRefresh:
            return provider.refresh_url.empty() ? provider.token_url : provider.refresh_url;
        case Endpoint::kUser:
            return provider.user_url;
    }
    return {};
}

}  // namespace

std::string endpoint_url(const Provider& provider, Endpoint endpoint,
                         const TemplateValues& values) {
    if (!provider.discovery) return expand(provider, url_template(provider, endpoint), values);
    auto configured = configured_oidc_url(values, endpoint);
    return configured.empty() ? discovered_url(provider, values, endpoint) : configured;
}

}  // namespace basalt::auth::oauth2
