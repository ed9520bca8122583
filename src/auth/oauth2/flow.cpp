// The authorization-code flow, read from the provider table: the authorize URL, the token
// requests and the user lookup.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <boost/json/parse.hpp>

#include "auth/oauth2/endpoints.hpp"
#include "auth/oauth2/json_path.hpp"
#include "auth/oauth2/jwt.hpp"
#include "auth/oauth2/oauth2.hpp"
#include "auth/oauth2/pkce.hpp"
#include "auth/oauth2/provider_http.hpp"
#include "auth/oauth2/quirks.hpp"
#include "auth/oauth2/requests.hpp"
#include "auth/oauth2/secret.hpp"
#include "auth/oauth2/state.hpp"
#include "auth/oauth2/user_mapping.hpp"
#include "core/error.hpp"

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;

const Provider& require_provider(std::string_view id) {
    const auto* provider = find_provider(id);
    if (!provider) throw Error(ErrorType::kProjectProviderUnsupported);
    return *provider;
}

// PayPal and Tradeshift refuse "localhost" in redirect URIs; 127.0.0.1 is the same callback.
std::string redirect_uri_for(const Provider& provider, std::string_view redirect_uri) {
    std::string uri(redirect_uri);
    const auto scheme_end = uri.find("://");
    if (!provider.loopback_as_ip || scheme_end == std::string::npos) return uri;
    const auto host = scheme_end + 3;
    const auto host_end = std::min(uri.find_first_of(":/?#", host), uri.size());
    if (std::string_view(uri).substr(host, host_end - host) == "localhost")
        uri.replace(host, 9, "127.0.0.1");
    return uri;
}

std::vector<std::string> scopes_for(const Provider& provider,
                                    const std::vector<std::string>& extra) {
    std::vector<std::string> scopes;
    auto add = [&](std::string_view scope) {
        if (!scope.empty() && std::find(scopes.begin(), scopes.end(), scope) == scopes.end()) {
            scopes.emplace_back(scope);
        }
    };
    for (std::string_view rest = provider.scopes; !rest.empty();) {
        const auto space = rest.find(' ');
        add(rest.substr(0, space));
        rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
    }
    for (const auto& scope : extra) add(scope);
    return scopes;
}

// Appwrite's prompt (a list, or one value) and maxAge from the secret, for Google and OIDC.
void add_prompt(const Provider& provider, const AppSecret& secret, FormFields& fields) {
    std::string prompt;
    if (const auto* value = secret.fields.if_contains("prompt")) {
        if (const auto* list = value->if_array()) {
            for (const auto& item : *list) {
                const auto text = scalar_text(item);
                if (text.empty()) continue;
                if (!prompt.empty()) prompt += ' ';
                prompt += text;
            }
        } else {
            prompt = scalar_text(*value);
        }
    }
    if (prompt.empty()) prompt = provider.default_prompt;
    if (!prompt.empty()) fields.emplace_back("prompt", prompt);
    if (const auto* max_age = secret.fields.if_contains("maxAge")) {
        auto text = scalar_text(*max_age);
        if (!text.empty()) fields.emplace_back("max_age", std::move(text));
    }
}

OAuth2Tokens request_tokens(const Provider& provider, const ProviderSettings& settings,
                            const AppSecret& secret, Endpoint endpoint, FormFields fields) {
    auto url =
        endpoint_url(provider, endpoint, {.fields = &secret.fields, .app_id = settings.app_id});
    const auto response = call_provider(
        provider, token_request(provider, settings, secret, std::move(url), std::move(fields)));
    return read_tokens(provider, response.status, response.body);
}

json::value user_document(const Provider& provider, const ProviderSettings& settings,
                          const OAuth2Tokens& tokens) {
    if (provider.user_source == UserSource::kIdToken) return id_token_claims(tokens.id_token);
    const auto secret = read_secret(provider, settings.secret);
    const std::string_view token = tokens.access_token;
    const TemplateValues values{.fields = &secret.fields,
                                .app_id = settings.app_id,
                                .client_secret = secret.client_secret,
                                .token_user_id = token.substr(0, token.find('.'))};
    auto document = fetch_json(
        provider,
        user_request(provider, endpoint_url(provider, Endpoint::kUser, values), values, token));
    apply_quirk(
        provider,
        [&](std::string_view url) {
            return fetch_json(provider, user_request(provider, std::string(url), values, token));
        },
        document);
    return document;
}

}  // namespace

std::string authorize_url(std::string_view provider_id, const ProviderSettings& settings,
                          std::string_view redirect_uri, const LoginState& state,
                          const std::vector<std::string>& extra_scopes,
                          std::string_view state_key) {
    const auto& provider = require_provider(provider_id);
    const auto secret = read_secret(provider, settings.secret);
    const TemplateValues values{.fields = &secret.fields, .app_id = settings.app_id};
    const auto url = endpoint_url(provider, Endpoint::kAuthorize, values);
    const auto verifier = provider.pkce ? make_code_verifier() : std::string();

    FormFields fields{{"client_id", settings.app_id}};
    if (provider.send_redirect_uri)
        fields.emplace_back("redirect_uri", redirect_uri_for(provider, redirect_uri));
    fields.emplace_back("response_type", "code");
    const auto scopes = scopes_for(provider, extra_scopes);
    if (!provider.scope_param.empty() && !scopes.empty()) {
        fields.emplace_back(
            provider.scope_param,
            fmt::format("{}", fmt::join(scopes, std::string(1, provider.scope_separator))));
    }
    fields.emplace_back("state", encode_state(provider, state, verifier, state_key));
    if (provider.pkce) {
        fields.emplace_back("code_challenge", code_challenge(verifier));
        fields.emplace_back("code_challenge_method", "S256");
    }
    if (provider.prompt_from_secret) add_prompt(provider, secret, fields);
    auto query = outbound::form_encode(fields);
    if (!provider.authorize_params.empty()) query += fmt::format("&{}", provider.authorize_params);
    return with_query(url, query);
}

CallbackState parse_state(std::string_view provider, std::string_view state,
                          std::string_view state_key) {
    return decode_state(require_provider(provider), state, state_key);
}

OAuth2Tokens exchange_code(std::string_view provider_id, const ProviderSettings& settings,
                           std::string_view redirect_uri, std::string_view code,
                           std::string_view code_verifier) {
    const auto& provider = require_provider(provider_id);
    const auto secret = read_secret(provider, settings.secret);
    FormFields fields{{"grant_type", "authorization_code"}, {"code", std::string(code)}};
    if (provider.send_redirect_uri)
        fields.emplace_back("redirect_uri", redirect_uri_for(provider, redirect_uri));
    if (!code_verifier.empty()) fields.emplace_back("code_verifier", std::string(code_verifier));
    return request_tokens(provider, settings, secret, Endpoint::kToken, std::move(fields));
}

OAuth2Tokens refresh_tokens(std::string_view provider_id, const ProviderSettings& settings,
                            std::string_view refresh_token) {
    const auto& provider = require_provider(provider_id);
    const auto secret = read_secret(provider, settings.secret);
    auto tokens = request_tokens(
        provider, settings, secret, Endpoint::kRefresh,
        {{"grant_type", "refresh_token"}, {"refresh_token", std::string(refresh_token)}});
    if (tokens.refresh_token.empty()) tokens.refresh_token = refresh_token;
    return tokens;
}

OAuth2User fetch_user(std::string_view provider_id, const ProviderSettings& settings,
                      const OAuth2Tokens& tokens) {
    const auto& provider = require_provider(provider_id);
    auto user = map_user(provider, user_document(provider, settings, tokens));
    if (user.id.empty()) {
        throw Error(
            ErrorType::kUserOauth2ProviderError,
            fmt::format("Missing ID from OAuth2 provider: {} returned no user id.", provider.name));
    }
    return user;
}

std::string name_from_user_param(std::string_view user_param) {
    boost::system::error_code ec;
    const auto user = json::parse(user_param, ec);
    if (ec) return {};
    const auto first = text_at(user, "/name/firstName");
    const auto last = text_at(user, "/name/lastName");
    if (!find_path(user, "/name/firstName") || !find_path(user, "/name/lastName")) return {};
    return fmt::format("{} {}", first, last);
}

}  // namespace basalt::auth::oauth2
