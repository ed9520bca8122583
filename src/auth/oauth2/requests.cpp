#include "auth/oauth2/requests.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <chrono>

#include "auth/oauth2/encoding.hpp"
#include "auth/oauth2/json_path.hpp"
#include "auth/oauth2/jwt.hpp"
#include "auth/oauth2/provider_http.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;

std::string client_secret_for(const Provider& provider, const ProviderSettings& settings,
                              const AppSecret& secret) {
    if (provider.secret != SecretFormat::kAppleKey) return secret.client_secret;
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::system_clock::now().time_since_epoch());
    return apple_client_secret(settings.app_id, secret.fields, now.count());
}

std::string basic_credentials(std::string_view user, std::string_view password) {
    return "Basic " + crypto::base64_encode(fmt::format("{}:{}", user, password));
}

std::int64_t seconds_of(const json::value* value) {
    if (!value) return 0;
    if (const auto* n = value->if_int64()) return *n;
    if (const auto* n = value->if_uint64()) return static_cast<std::int64_t>(*n);
    if (const auto* n = value->if_double()) return static_cast<std::int64_t>(*n);
    const auto text = scalar_text(*value);  // some providers send "3600"
    std::int64_t seconds = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    return ec == std::errc() && end == text.data() + text.size() ? seconds : 0;
}

// Token answers are JSON; some (Bitly, GitHub without an Accept header) are form-encoded.
json::object parse_token_answer(std::string_view body) {
    boost::system::error_code ec;
    auto value = json::parse(body, ec);
    if (!ec && value.is_object()) return std::move(value.as_object());
    json::object fields;
    for (auto& [name, text] : form_decode(body)) fields[name] = text;
    return fields;
}

}  // namespace

std::string with_query(std::string url, std::string_view query) {
    if (query.empty()) return url;
    url += url.find('?') == std::string::npos ? '?' : '&';
    url += query;
    return url;
}

outbound::HttpRequest token_request(const Provider& provider, const ProviderSettings& settings,
                                    const AppSecret& secret, std::string url, FormFields fields) {
    outbound::HttpRequest request{.headers = {{"Accept", "application/json"}}};
    switch (provider.client_auth) {
        case ClientAuth::kPost:
            fields.emplace_back("client_id", settings.app_id);
            fields.emplace_back("client_secret", client_secret_for(provider, settings, secret));
            break;
        case ClientAuth::kBasic:
            request.headers.emplace_back("Authorization",
                                         basic_credentials(settings.app_id, secret.client_secret));
            break;
        case ClientAuth::kPublic:
            fields.emplace_back("client_id", settings.app_id);
            break;
        case ClientAuth::kSecretKey:
            request.headers.emplace_back("Authorization",
                                         basic_credentials(secret.client_secret, ""));
            break;
    }
    if (provider.token_request == TokenRequest::kGetQuery) {
        request.url = with_query(std::move(url), outbound::form_encode(fields));
        return request;
    }
    request.method = "POST";
    request.url = std::move(url);
    request.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    request.body = outbound::form_encode(fields);
    return request;
}

OAuth2Tokens read_tokens(const Provider& provider, long status, std::string_view body) {
    if (status >= 400) throw_refusal(provider, status, body);
    const json::value answer = parse_token_answer(body);
    // A 2xx carrying an error (GitHub, Slack) refuses the request.
    if (const auto* error = find_path(answer, "/error"); error && !error->is_null()) {
        throw_refusal(provider, 400, json::serialize(answer));  // form answers read as JSON
    }
    OAuth2Tokens tokens;
    if (const auto* found = find_path(answer, provider.token_root)) {
        tokens.access_token = text_at(*found, "/access_token");
        // Yammer nests the token: {"access_token": {"token": ...}}.
        if (tokens.access_token.empty())
            tokens.access_token = text_at(*found, "/access_token/token");
        tokens.refresh_token = text_at(*found, "/refresh_token");
        tokens.id_token = text_at(*found, "/id_token");
        tokens.expires_in = seconds_of(find_path(*found, "/expires_in"));
    }
    if (tokens.access_token.empty()) {
        throw Error(
            ErrorType::kUserOauth2BadRequest,
            fmt::format("access_token_missing: {} did not return an access token.", provider.name));
    }
    return tokens;
}

outbound::HttpRequest user_request(const Provider& provider, std::string url,
                                   const TemplateValues& values, std::string_view access_token) {
    outbound::HttpRequest request{.url = std::move(url),
                                  .headers = {{"Accept", "application/json"}}};
    if (provider.user_token == TokenPlacement::kQuery) {
        request.url = with_query(std::move(request.url),
                                 outbound::form_encode({{std::string(provider.user_token_param),
                                                         std::string(access_token)}}));
    } else {
        request.headers.emplace_back("Authorization", fmt::format("Bearer {}", access_token));
    }
    for (std::string_view rest = provider.user_headers; !rest.empty();) {
        const auto newline = rest.find('\n');
        const auto line = rest.substr(0, newline);
        rest = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
        const auto colon = line.find(": ");
        if (colon == std::string_view::npos) continue;
        request.headers.emplace_back(std::string(line.substr(0, colon)),
                                     expand(provider, line.substr(colon + 2), values));
    }
    if (provider.user_request == UserRequest::kPostNull) {
        request.method = "POST";
        request.headers.emplace_back("Content-Type", "application/json");
        request.body = "null";
    }
    return request;
}

}  // namespace basalt::auth::oauth2
