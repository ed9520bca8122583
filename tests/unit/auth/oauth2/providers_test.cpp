// The provider table: Appwrite's provider list, and an authorize URL for every provider that is
// well-formed and carries what the provider's row says.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "auth/oauth2/encoding.hpp"
#include "auth/oauth2/oauth2.hpp"
#include "core/error.hpp"

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;

// The OAuthProvider enum of GET /account/sessions/oauth2/{provider} in Appwrite 1.9.6's spec.
const std::vector<std::string> kSpecProviders = {
    "amazon",   "apple",       "auth0",   "authentik", "autodesk", "bitbucket",  "bitly",
    "box",      "dailymotion", "discord", "disqus",    "dropbox",  "etsy",       "facebook",
    "figma",    "fusionauth",  "github",  "gitlab",    "google",   "keycloak",   "kick",
    "linkedin", "microsoft",   "notion",  "oidc",      "okta",     "paypal",     "paypalSandbox",
    "podio",    "salesforce",  "slack",   "spotify",   "stripe",   "tradeshift", "tradeshiftBox",
    "twitch",   "wordpress",   "x",       "yahoo",     "yammer",   "yandex",     "zoho",
    "zoom"};

// Every field any provider's JSON secret names, so every template expands.
constexpr std::string_view kFullSecret = R"({
    "clientSecret": "the-secret", "auth0Domain": "tenant.eu.auth0.com",
    "authentikDomain": "sso.example.com", "fusionAuthDomain": "fa.example.com",
    "endpoint": "https://git.example.com", "keycloakDomain": "kc.example.com",
    "keycloakRealm": "main realm", "tenantID": "common", "oktaDomain": "dev-1.okta.com",
    "authorizationServerId": "aus1", "authorizationEndpoint": "https://op.example.com/authorize",
    "tokenEndpoint": "https://op.example.com/token", "userInfoEndpoint": "https://op.example.com/me",
    "p8": "unused here", "keyID": "KEY1", "teamID": "TEAM1"})";

std::vector<std::pair<std::string, std::string>> query_of(const std::string& url) {
    const auto mark = url.find('?');
    return mark == std::string::npos ? decltype(query_of(url)){}
                                     : form_decode(url.substr(mark + 1));
}

std::string field(const std::string& url, std::string_view name) {
    for (auto& [key, value] : query_of(url)) {
        if (key == name) return value;
    }
    return "<absent>";
}

ErrorType error_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const Error& e) {
        return e.type();
    }
    ADD_FAILURE() << "no basalt::Error thrown";
    return ErrorType::kGeneralUnknown;
}

TEST(OAuth2Providers, AreExactlyAppwritesProviderList) {
    std::vector<std::string> ids;
    for (const auto& provider : providers()) ids.emplace_back(provider.id);
    EXPECT_EQ(ids, kSpecProviders);
}

TEST(OAuth2Providers, MatchTheSpecFileWhenPresent) {
    const auto path = std::string(BASALT_TEST_SOURCE_DIR) +
                      "/../shared/appwrite-api/open-api3-latest-client.json";
    std::ifstream file(path);
    if (!file) GTEST_SKIP() << "no Appwrite spec at " << path;
    std::stringstream text;
    text << file.rdbuf();
    const auto spec = json::parse(text.str());
    const auto& parameters = spec.at("paths")
                                 .at("/account/sessions/oauth2/{provider}")
                                 .at("get")
                                 .at("parameters")
                                 .as_array();
    std::vector<std::string> spec_ids;
    for (const auto& parameter : parameters) {
        if (parameter.at("name") != "provider") continue;
        for (const auto& id : parameter.at("schema").at("enum").as_array())
            spec_ids.emplace_back(id.as_string());
    }
    std::vector<std::string> ids;
    for (const auto& provider : providers()) ids.emplace_back(provider.id);
    EXPECT_EQ(ids, spec_ids);
}

TEST(OAuth2Providers, AreFoundByExactId) {
    EXPECT_TRUE(is_provider("github"));
    EXPECT_TRUE(is_provider("paypalSandbox"));
    EXPECT_EQ(find_provider("zoom")->name, "Zoom");
    EXPECT_FALSE(is_provider("GitHub"));
    EXPECT_FALSE(is_provider("mock"));
    EXPECT_FALSE(is_provider("appwrite"));  // in Appwrite's config, not in its public enum
    EXPECT_FALSE(is_provider(""));
    EXPECT_FALSE(is_provider("zzz"));
}

TEST(OAuth2Providers, EveryRowIsComplete) {
    std::set<std::string_view> names;
    for (const auto& p : providers()) {
        SCOPED_TRACE(std::string(p.id));
        EXPECT_FALSE(p.name.empty());
        EXPECT_TRUE(names.insert(p.name).second) << "display names are distinct";
        EXPECT_FALSE(p.fields.id.empty());
        EXPECT_FALSE(p.fields.email.empty());
        if (p.discovery) continue;
        EXPECT_FALSE(p.authorize_url.empty());
        EXPECT_FALSE(p.token_url.empty());
        EXPECT_EQ(p.user_url.empty(), p.user_source == UserSource::kIdToken);
    }
}

TEST(OAuth2Providers, EveryAuthorizeUrlIsWellFormed) {
    for (const auto& p : providers()) {
        SCOPED_TRACE(std::string(p.id));
        const bool json_secret = p.secret != SecretFormat::kPlain;
        const ProviderSettings settings{.app_id = "app id&1",
                                        .secret = json_secret ? std::string(kFullSecret) : "s"};
        const auto url = authorize_url(
            p.id, settings, "https://cloud.example.com/v1/account/sessions/oauth2/callback/x/p",
            {.success = "https://app.example.com/ok"}, {}, "state-key");
        EXPECT_TRUE(url.starts_with("https://")) << url;
        EXPECT_EQ(url.find_first_of(" {}\"<>"), std::string::npos) << url;
        EXPECT_EQ(std::count(url.begin(), url.end(), '?'), 1) << url;
        EXPECT_EQ(field(url, "client_id"), "app id&1");
        EXPECT_EQ(field(url, "response_type"), "code");
        EXPECT_NE(field(url, "state"), "<absent>");
        EXPECT_EQ(field(url, "redirect_uri") != "<absent>", p.send_redirect_uri);
        EXPECT_EQ(field(url, "code_challenge_method") == "S256", p.pkce);
        if (!p.scopes.empty() && !p.scope_param.empty()) {
            EXPECT_NE(field(url, p.scope_param), "<absent>");
        }
        // The state comes back as the same login state.
        const auto state = parse_state(p.id, field(url, "state"), "state-key");
        EXPECT_EQ(state.login.success, "https://app.example.com/ok");
        EXPECT_EQ(state.code_verifier.empty(), !p.pkce);
    }
}

TEST(OAuth2Providers, ExpandSecretFieldsIntoEndpoints) {
    const ProviderSettings full{.app_id = "a", .secret = std::string(kFullSecret)};
    const std::string callback = "https://c.example.com/cb";
    EXPECT_TRUE(authorize_url("auth0", full, callback, {}, {}, "k")
                    .starts_with("https://tenant.eu.auth0.com/authorize?"));
    EXPECT_TRUE(authorize_url("gitlab", full, callback, {}, {}, "k")
                    .starts_with("https://git.example.com/oauth/authorize?"));
    EXPECT_TRUE(
        authorize_url("keycloak", full, callback, {}, {}, "k")
            .starts_with(
                "https://kc.example.com/realms/main%20realm/protocol/openid-connect/auth?"));
    EXPECT_TRUE(
        authorize_url("microsoft", full, callback, {}, {}, "k")
            .starts_with("https://login.microsoftonline.com/common/oauth2/v2.0/authorize?"));
    EXPECT_TRUE(authorize_url("okta", full, callback, {}, {}, "k")
                    .starts_with("https://dev-1.okta.com/oauth2/aus1/v1/authorize?"));
    EXPECT_TRUE(authorize_url("oidc", full, callback, {}, {}, "k")
                    .starts_with("https://op.example.com/authorize?"));
    // Defaults for absent fields, as Appwrite: GitLab.com, Okta's "default" server.
    const ProviderSettings minimal{.app_id = "a",
                                   .secret = R"({"clientSecret":"s","oktaDomain":"o.okta.com"})"};
    EXPECT_TRUE(authorize_url("gitlab", minimal, callback, {}, {}, "k")
                    .starts_with("https://gitlab.com/oauth/authorize?"));
    EXPECT_TRUE(authorize_url("okta", minimal, callback, {}, {}, "k")
                    .starts_with("https://o.okta.com/oauth2/default/v1/authorize?"));
}

TEST(OAuth2Providers, RefuseUnknownProvidersAndMissingConfiguration) {
    const ProviderSettings settings{.app_id = "a", .secret = "{}"};
    EXPECT_EQ(error_of([&] { authorize_url("mock", settings, "https://c/cb", {}, {}, "k"); }),
              ErrorType::kProjectProviderUnsupported);
    EXPECT_EQ(error_of([&] { exchange_code("nope", settings, "https://c/cb", "code"); }),
              ErrorType::kProjectProviderUnsupported);
    EXPECT_EQ(error_of([&] { parse_state("nope", "{}", "k"); }),
              ErrorType::kProjectProviderUnsupported);
    for (std::string_view id :
         {"auth0", "authentik", "fusionauth", "keycloak", "microsoft", "okta", "oidc"}) {
        SCOPED_TRACE(std::string(id));
        EXPECT_EQ(error_of([&] { authorize_url(id, settings, "https://c/cb", {}, {}, "k"); }),
                  ErrorType::kProjectProviderDisabled);
        // An empty value is no value.
        EXPECT_EQ(error_of([&] {
                      authorize_url(
                          id, {.app_id = "a", .secret = R"({"auth0Domain":"","tenantID":""})"},
                          "https://c/cb", {}, {}, "k");
                  }),
                  ErrorType::kProjectProviderDisabled);
    }
}

TEST(OAuth2Providers, RefuseSecretsThatAreNotTheJsonTheyNeed) {
    for (std::string_view secret :
         {"plain-secret", "[1,2]", "\"text\"", "{\"unterminated\":", ""}) {
        SCOPED_TRACE(std::string(secret));
        EXPECT_EQ(
            error_of([&] {
                authorize_url("auth0", {"a", std::string(secret)}, "https://c/cb", {}, {}, "k");
            }),
            ErrorType::kGeneralServerError);
        EXPECT_EQ(error_of([&] {
                      exchange_code("apple", {"a", std::string(secret)}, "https://c/cb", "code");
                  }),
                  ErrorType::kGeneralServerError);
    }
}

TEST(OAuth2Providers, AddExtraScopesOnceWithTheProvidersSeparator) {
    const ProviderSettings plain{.app_id = "a", .secret = "s"};
    EXPECT_EQ(field(authorize_url("github", plain, "https://c/cb", {},
                                  {"repo", "user:email", "repo"}, "k"),
                    "scope"),
              "user:email repo");
    EXPECT_EQ(
        field(authorize_url("box", plain, "https://c/cb", {}, {"root_readwrite"}, "k"), "scope"),
        "manage_app_users,root_readwrite");
    EXPECT_EQ(field(authorize_url("slack", plain, "https://c/cb", {}, {}, "k"), "user_scope"),
              "openid email profile");
    EXPECT_EQ(field(authorize_url("slack", plain, "https://c/cb", {}, {}, "k"), "scope"),
              "<absent>");
    EXPECT_EQ(field(authorize_url("bitly", plain, "https://c/cb", {}, {"x"}, "k"), "scope"),
              "<absent>");
    EXPECT_EQ(field(authorize_url("dropbox", plain, "https://c/cb", {}, {}, "k"), "scope"),
              "<absent>");
    EXPECT_EQ(
        field(authorize_url("dropbox", plain, "https://c/cb", {}, {"files.content.read", ""}, "k"),
              "scope"),
        "files.content.read");
}

TEST(OAuth2Providers, CarryProviderSpecificAuthorizeFields) {
    const ProviderSettings plain{.app_id = "a", .secret = "s"};
    const auto google = authorize_url("google", plain, "https://c/cb", {}, {}, "k");
    EXPECT_EQ(field(google, "access_type"), "offline");
    EXPECT_EQ(field(google, "prompt"), "consent");
    const auto google_json = authorize_url(
        "google",
        {.app_id = "a", .secret = R"({"clientSecret":"s","prompt":["select_account","consent"]})"},
        "https://c/cb", {}, {}, "k");
    EXPECT_EQ(field(google_json, "prompt"), "select_account consent");
    const auto oidc = authorize_url(
        "oidc",
        {.app_id = "a",
         .secret = R"({"authorizationEndpoint":"https://op/a?x=1","prompt":"login","maxAge":300})"},
        "https://c/cb", {}, {}, "k");
    EXPECT_TRUE(oidc.starts_with("https://op/a?x=1&client_id=a&")) << oidc;
    EXPECT_EQ(field(oidc, "prompt"), "login");
    EXPECT_EQ(field(oidc, "max_age"), "300");
    EXPECT_EQ(
        field(authorize_url(
                  "oidc", {.app_id = "a", .secret = R"({"authorizationEndpoint":"https://op/a"})"},
                  "https://c/cb", {}, {}, "k"),
              "prompt"),
        "<absent>");
    EXPECT_EQ(field(authorize_url(
                        "apple", {.app_id = "a", .secret = R"({"p8":"","keyID":"K","teamID":"T"})"},
                        "https://c/cb", {}, {}, "k"),
                    "response_mode"),
              "form_post");
    EXPECT_EQ(field(authorize_url("notion", plain, "https://c/cb", {}, {}, "k"), "owner"), "user");
    EXPECT_EQ(field(authorize_url("paypal", plain, "http://localhost:8080/cb", {}, {}, "k"),
                    "redirect_uri"),
              "http://127.0.0.1:8080/cb");
    EXPECT_EQ(field(authorize_url("paypal", plain, "http://localhost.example.com/cb", {}, {}, "k"),
                    "redirect_uri"),
              "http://localhost.example.com/cb");
    EXPECT_EQ(field(authorize_url("github", plain, "http://localhost:8080/cb", {}, {}, "k"),
                    "redirect_uri"),
              "http://localhost:8080/cb");
}

}  // namespace
}  // namespace basalt::auth::oauth2
