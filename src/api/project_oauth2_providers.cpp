#include "api/project_oauth2_providers.hpp"

namespace basalt::api::project_settings {
namespace {

constexpr ExtraField kAppleFields[] = {
    {"keyId", "keyID", FieldCheck::kText256, false, true},
    {"teamId", "teamID", FieldCheck::kText256, false, true},
    {"p8File", "p8", FieldCheck::kText4096, true, true},
};
constexpr ExtraField kAuth0Fields[] = {{"endpoint", "auth0Domain"}};
constexpr ExtraField kAuthentikFields[] = {{"endpoint", "authentikDomain"}};
constexpr ExtraField kFusionAuthFields[] = {{"endpoint", "fusionAuthDomain"}};
constexpr ExtraField kGitlabFields[] = {{"endpoint", "endpoint", FieldCheck::kUrl}};
constexpr ExtraField kGoogleFields[] = {{"prompt", "prompt", FieldCheck::kPrompt}};
constexpr ExtraField kKeycloakFields[] = {{"endpoint", "keycloakDomain"},
                                          {"realmName", "keycloakRealm"}};
constexpr ExtraField kMicrosoftFields[] = {{"tenant", "tenantID"}};
constexpr ExtraField kOidcFields[] = {
    {"wellKnownURL", "wellKnownEndpoint", FieldCheck::kUrl},
    {"authorizationURL", "authorizationEndpoint", FieldCheck::kUrl},
    {"tokenURL", "tokenEndpoint", FieldCheck::kUrl, false, false, "tokenUrl"},
    {"userInfoURL", "userInfoEndpoint", FieldCheck::kUrl, false, false, "userInfoUrl"},
};
constexpr ExtraField kOktaFields[] = {
    {"domain", "oktaDomain", FieldCheck::kDomain, false, true},
    {"authorizationServerId", "authorizationServerId"},
};

constexpr ProviderInfo kProviders[] = {
    {"amazon", "Amazon", "clientId", "clientSecret"},
    {"apple", "Apple", "serviceId", "", kAppleFields},
    {"auth0", "Auth0", "clientId", "clientSecret", kAuth0Fields},
    {"authentik", "Authentik", "clientId", "clientSecret", kAuthentikFields},
    {"autodesk", "Autodesk", "clientId", "clientSecret"},
    {"bitbucket", "BitBucket", "key", "secret"},
    {"bitly", "Bitly", "clientId", "clientSecret"},
    {"box", "Box", "clientId", "clientSecret"},
    {"dailymotion", "Dailymotion", "apiKey", "apiSecret"},
    {"discord", "Discord", "clientId", "clientSecret"},
    {"disqus", "Disqus", "publicKey", "secretKey"},
    {"dropbox", "Dropbox", "appKey", "appSecret"},
    {"etsy", "Etsy", "keyString", "sharedSecret"},
    {"facebook", "Facebook", "appId", "appSecret"},
    {"figma", "Figma", "clientId", "clientSecret"},
    {"fusionauth", "FusionAuth", "clientId", "clientSecret", kFusionAuthFields},
    {"github", "GitHub", "clientId", "clientSecret"},
    {"gitlab", "GitLab", "applicationId", "secret", kGitlabFields},
    {"google", "Google", "clientId", "clientSecret", kGoogleFields},
    {"keycloak", "Keycloak", "clientId", "clientSecret", kKeycloakFields},
    {"kick", "Kick", "clientId", "clientSecret"},
    {"linkedin", "LinkedIn", "clientId", "primaryClientSecret"},
    {"microsoft", "Microsoft", "applicationId", "applicationSecret", kMicrosoftFields},
    {"notion", "Notion", "oauthClientId", "oauthClientSecret"},
    {"oidc", "OpenID Connect", "clientId", "clientSecret", kOidcFields},
    {"okta", "Okta", "clientId", "clientSecret", kOktaFields},
    {"paypal", "PayPal", "clientId", "secretKey"},
    {"paypalSandbox", "PayPal Sandbox", "clientId", "secretKey"},
    {"podio", "Podio", "clientId", "clientSecret"},
    {"salesforce", "Salesforce", "customerKey", "customerSecret"},
    {"slack", "Slack", "clientId", "clientSecret"},
    {"spotify", "Spotify", "clientId", "clientSecret"},
    {"stripe", "Stripe", "clientId", "apiSecretKey"},
    {"tradeshift", "Tradeshift", "oauth2ClientId", "oauth2ClientSecret"},
    {"tradeshiftBox", "Tradeshift Sandbox", "oauth2ClientId", "oauth2ClientSecret"},
    {"twitch", "Twitch", "clientId", "clientSecret"},
    {"wordpress", "WordPress", "clientId", "clientSecret"},
    {"x", "X", "customerKey", "secretKey"},
    {"yahoo", "Yahoo", "clientId", "clientSecret"},
    {"yandex", "Yandex", "clientId", "clientSecret"},
    {"zoho", "Zoho", "clientId", "clientSecret"},
    {"zoom", "Zoom", "clientId", "clientSecret"},
};

}  // namespace

std::span<const ProviderInfo> oauth2_providers() noexcept { return kProviders; }

const ProviderInfo* find_oauth2_provider(std::string_view id) noexcept {
    for (const auto& provider : kProviders) {
        if (provider.id == id) return &provider;
    }
    return nullptr;
}

}  // namespace basalt::api::project_settings
