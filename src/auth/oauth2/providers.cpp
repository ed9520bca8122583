// The OAuth2 providers of Appwrite 1.9.6 (the OAuthProvider enum of the API spec), as data.
//
// Sources: each provider's public OAuth2 documentation, and the facts Appwrite's adapters
// (src/Appwrite/Auth/OAuth2/*.php) rely on: default scopes, user fields, secret JSON fields.
// Where Appwrite's endpoint is retired or disagrees with the provider's current documentation the
// documentation wins; those rows say so. Sign-in scopes and fields are Appwrite's, so the same
// account maps to the same user on both servers.
#include <algorithm>
#include <array>

#include "auth/oauth2/oauth2.hpp"

namespace basalt::auth::oauth2 {
namespace {

// Where OpenID Connect providers put the user in their userinfo answer.
constexpr UserFields kOidcFields{
    .id = "/sub", .email = "/email", .name = "/name", .verified = "/email_verified"};

constexpr std::string_view kOidcScopes = "openid profile email";
constexpr std::string_view kOidcOfflineScopes = "openid profile email offline_access";

constexpr std::array kProviders = {
    Provider{
        .id = "amazon",
        .name = "Amazon",
        .authorize_url = "https://www.amazon.com/ap/oa",
        .scopes = "profile",
        .state_encoding = StateEncoding::kUrlEncodedJson,
        .token_url = "https://api.amazon.com/auth/o2/token",
        .user_url = "https://api.amazon.com/user/profile",
        .fields = {.id = "/user_id", .email = "/email", .name = "/name"},
    },
    Provider{
        // Sign in with Apple: the client secret is an ES256 JWT made from the p8 key, and the
        // user is in the id_token (Apple has no user-info endpoint).
        .id = "apple",
        .name = "Apple",
        .secret = SecretFormat::kAppleKey,
        .authorize_url = "https://appleid.apple.com/auth/authorize",
        .scopes = "name email",
        .authorize_params = "response_mode=form_post",
        .token_url = "https://appleid.apple.com/auth/token",
        .user_source = UserSource::kIdToken,
        .fields = {.id = "/sub", .email = "/email", .verified = "/email_verified"},
    },
    Provider{
        .id = "auth0",
        .name = "Auth0",
        .secret = SecretFormat::kJson,
        .authorize_url = "https://{auth0Domain}/authorize",
        .scopes = kOidcOfflineScopes,
        .token_url = "https://{auth0Domain}/oauth/token",
        .user_url = "https://{auth0Domain}/userinfo",
        .fields = kOidcFields,
    },
    Provider{
        .id = "authentik",
        .name = "Authentik",
        .secret = SecretFormat::kJson,
        .authorize_url = "https://{authentikDomain}/application/o/authorize/",
        .scopes = kOidcOfflineScopes,
        .token_url = "https://{authentikDomain}/application/o/token/",
        .user_url = "https://{authentikDomain}/application/o/userinfo/",
        .fields = kOidcFields,
    },
    Provider{
        // Autodesk retired Authentication API v1 (Appwrite's endpoints); v2 is OpenID Connect
        // with client_secret_basic and a standard userinfo endpoint.
        .id = "autodesk",
        .name = "Autodesk",
        .authorize_url = "https://developer.api.autodesk.com/authentication/v2/authorize",
        .scopes = "user-profile:read",
        .token_url = "https://developer.api.autodesk.com/authentication/v2/token",
        .client_auth = ClientAuth::kBasic,
        .user_url = "https://api.userprofile.autodesk.com/userinfo",
        .fields = kOidcFields,
    },
    Provider{
        // Bitbucket takes the callback registered with the consumer, not a redirect_uri.
        .id = "bitbucket",
        .name = "BitBucket",
        .authorize_url = "https://bitbucket.org/site/oauth2/authorize",
        .send_redirect_uri = false,
        .token_url = "https://bitbucket.org/site/oauth2/access_token",
        .client_auth = ClientAuth::kBasic,
        .user_url = "https://api.bitbucket.org/2.0/user",
        .fields = {.id = "/uuid",
                   .email = "/email",
                   .name = "/display_name",
                   .verified = "/is_confirmed"},
        .quirk = Quirk::kBitbucketEmails,
    },
    Provider{
        .id = "bitly",
        .name = "Bitly",
        .authorize_url = "https://bitly.com/oauth/authorize",
        .scope_param = "",
        .token_url = "https://api-ssl.bitly.com/oauth/access_token",
        .user_url = "https://api-ssl.bitly.com/v4/user",
        .fields = {.id = "/login",
                   .email = "/emails[is_verified]/email",
                   .name = "/name",
                   .verified = "/emails[is_verified]/is_verified"},
    },
    Provider{
        // Token and user endpoints as in Box's API reference (api.box.com/oauth2/token,
        // /2.0/users/me).
        .id = "box",
        .name = "Box",
        .authorize_url = "https://account.box.com/api/oauth2/authorize",
        .scopes = "manage_app_users",
        .scope_separator = ',',
        .token_url = "https://api.box.com/oauth2/token",
        .user_url = "https://api.box.com/2.0/users/me",
        .fields = {.id = "/id", .email = "/login", .name = "/name"},
    },
    Provider{
        .id = "dailymotion",
        .name = "Dailymotion",
        .authorize_url = "https://www.dailymotion.com/oauth/authorize",
        .scopes = "userinfo email",
        .token_url = "https://api.dailymotion.com/oauth/token",
        .user_url = "https://api.dailymotion.com/user/me?fields=email,id,fullname,verified",
        .fields = {.id = "/id", .email = "/email", .name = "/fullname", .verified = "/verified"},
    },
    Provider{
        // discord.com, the current host of what Appwrite calls at discordapp.com.
        .id = "discord",
        .name = "Discord",
        .authorize_url = "https://discord.com/oauth2/authorize",
        .scopes = "identify email",
        .token_url = "https://discord.com/api/oauth2/token",
        .user_url = "https://discord.com/api/users/@me",
        .fields = {.id = "/id", .email = "/email", .name = "/username", .verified = "/verified"},
    },
    Provider{
        // Disqus authenticates API calls with the application's key and secret in the query.
        .id = "disqus",
        .name = "Disqus",
        .authorize_url = "https://disqus.com/api/oauth/2.0/authorize/",
        .scopes = "read email",
        .scope_separator = ',',
        .token_url = "https://disqus.com/api/oauth/2.0/access_token/",
        .user_url = "https://disqus.com/api/3.0/users/details.json"
                    "?api_key={app_id}&api_secret={client_secret}",
        .user_token = TokenPlacement::kQuery,
        .user_root = "/response",
        .fields = {.id = "/id", .email = "/email", .name = "/name"},
    },
    Provider{
        .id = "dropbox",
        .name = "Dropbox",
        .authorize_url = "https://www.dropbox.com/oauth2/authorize",
        .token_url = "https://api.dropboxapi.com/oauth2/token",
        .user_url = "https://api.dropboxapi.com/2/users/get_current_account",
        .user_request = UserRequest::kPostNull,
        .fields = {.id = "/account_id",
                   .email = "/email",
                   .name = "/name/display_name",
                   .verified = "/email_verified"},
    },
    Provider{
        // Etsy: a public client with PKCE; the access token starts with the user's id, and
        // every API call carries the app's key in x-api-key. Authorize URL as in Etsy's docs.
        .id = "etsy",
        .name = "Etsy",
        .authorize_url = "https://www.etsy.com/oauth/connect",
        .scopes = "email_r profile_r",
        .pkce = true,
        .token_url = "https://api.etsy.com/v3/public/oauth/token",
        .client_auth = ClientAuth::kPublic,
        .user_url = "https://api.etsy.com/v3/application/users/{token_user_id}",
        .user_headers = "x-api-key: {app_id}",
        .fields = {.id = "/user_id",
                   .email = "/primary_email",
                   .name = "/login_name|/first_name+/last_name"},
    },
    Provider{
        .id = "facebook",
        .name = "Facebook",
        .authorize_url = "https://www.facebook.com/v2.8/dialog/oauth",
        .scopes = "email",
        .token_url = "https://graph.facebook.com/v2.8/oauth/access_token",
        .token_request = TokenRequest::kGetQuery,
        .user_url = "https://graph.facebook.com/v2.8/me?fields=email,name",
        .user_token = TokenPlacement::kQuery,
        .fields = {.id = "/id", .email = "/email", .name = "/name"},
    },
    Provider{
        .id = "figma",
        .name = "Figma",
        .authorize_url = "https://www.figma.com/oauth",
        .scopes = "current_user:read",
        .token_url = "https://api.figma.com/v1/oauth/token",
        .refresh_url = "https://api.figma.com/v1/oauth/refresh",
        .client_auth = ClientAuth::kBasic,
        .user_url = "https://api.figma.com/v1/me",
        .fields = {.id = "/id", .email = "/email", .name = "/handle"},
    },
    Provider{
        .id = "fusionauth",
        .name = "FusionAuth",
        .secret = SecretFormat::kJson,
        .authorize_url = "https://{fusionAuthDomain}/oauth2/authorize",
        .scopes = kOidcOfflineScopes,
        .token_url = "https://{fusionAuthDomain}/oauth2/token",
        .user_url = "https://{fusionAuthDomain}/oauth2/userinfo",
        .fields = kOidcFields,
    },
    Provider{
        .id = "github",
        .name = "GitHub",
        .authorize_url = "https://github.com/login/oauth/authorize",
        .scopes = "user:email",
        .token_url = "https://github.com/login/oauth/access_token",
        .user_url = "https://api.github.com/user",
        .user_headers = "Accept: application/vnd.github+json",
        .fields = {.id = "/id", .email = "/email", .name = "/name", .verified = "/verified"},
        .quirk = Quirk::kGithubEmails,
    },
    Provider{
        .id = "gitlab",
        .name = "GitLab",
        .secret = SecretFormat::kJson,
        .authorize_url = "{endpoint=https://gitlab.com}/oauth/authorize",
        .scopes = "read_user",
        .token_url = "{endpoint=https://gitlab.com}/oauth/token",
        .user_url = "{endpoint=https://gitlab.com}/api/v4/user",
        .fields = {.id = "/id", .email = "/email", .name = "/name", .verified = "/confirmed_at"},
    },
    Provider{
        // Google: the secret may be plain or JSON with a prompt list (default "consent").
        .id = "google",
        .name = "Google",
        .secret = SecretFormat::kJsonOrPlain,
        .authorize_url = "https://accounts.google.com/o/oauth2/v2/auth",
        .scopes = "https://www.googleapis.com/auth/userinfo.email "
                  "https://www.googleapis.com/auth/userinfo.profile openid",
        .authorize_params = "access_type=offline",
        .prompt_from_secret = true,
        .default_prompt = "consent",
        .token_url = "https://oauth2.googleapis.com/token",
        .user_url = "https://www.googleapis.com/oauth2/v3/userinfo",
        .fields = kOidcFields,
    },
    Provider{
        .id = "keycloak",
        .name = "Keycloak",
        .secret = SecretFormat::kJson,
        .authorize_url =
            "https://{keycloakDomain}/realms/{%keycloakRealm}/protocol/openid-connect/auth",
        .scopes = kOidcOfflineScopes,
        .token_url =
            "https://{keycloakDomain}/realms/{%keycloakRealm}/protocol/openid-connect/token",
        .user_url =
            "https://{keycloakDomain}/realms/{%keycloakRealm}/protocol/openid-connect/userinfo",
        .fields = kOidcFields,
    },
    Provider{
        .id = "kick",
        .name = "Kick",
        .authorize_url = "https://id.kick.com/oauth/authorize",
        .scopes = "user:read",
        .pkce = true,
        .token_url = "https://id.kick.com/oauth/token",
        .user_url = "https://api.kick.com/public/v1/users",
        .user_root = "/data/0",
        .fields = {.id = "/user_id", .email = "/email", .name = "/name"},
    },
    Provider{
        .id = "linkedin",
        .name = "LinkedIn",
        .authorize_url = "https://www.linkedin.com/oauth/v2/authorization",
        .scopes = kOidcScopes,
        .token_url = "https://www.linkedin.com/oauth/v2/accessToken",
        .user_url = "https://api.linkedin.com/v2/userinfo",
        .fields = {.id = "/sub",
                   .email = "/email",
                   .name = "/name|/given_name+/family_name",
                   .verified = "/email_verified"},
    },
    Provider{
        // Microsoft Graph's /me says nothing about verification: never verified.
        .id = "microsoft",
        .name = "Microsoft",
        .secret = SecretFormat::kJson,
        .authorize_url = "https://login.microsoftonline.com/{tenantID}/oauth2/v2.0/authorize",
        .scopes = "offline_access user.read",
        .authorize_params = "response_mode=query",
        .token_url = "https://login.microsoftonline.com/{tenantID}/oauth2/v2.0/token",
        .user_url = "https://graph.microsoft.com/v1.0/me",
        .fields = {.id = "/id", .email = "/userPrincipalName", .name = "/displayName"},
    },
    Provider{
        .id = "notion",
        .name = "Notion",
        .authorize_url = "https://api.notion.com/v1/oauth/authorize",
        .scope_param = "",
        .authorize_params = "owner=user",
        .token_url = "https://api.notion.com/v1/oauth/token",
        .client_auth = ClientAuth::kBasic,
        .user_url = "https://api.notion.com/v1/users/me",
        .user_headers = "Notion-Version: 2021-08-16",
        .fields = {.id = "/bot/owner/user/id",
                   .email = "/bot/owner/user/person/email",
                   .name = "/bot/owner/user/name"},
    },
    Provider{
        .id = "oidc",
        .name = "OpenID Connect",
        .secret = SecretFormat::kJson,
        .discovery = true,
        .scopes = kOidcScopes,
        .prompt_from_secret = true,
        .fields = kOidcFields,
    },
    Provider{
        .id = "okta",
        .name = "Okta",
        .secret = SecretFormat::kJson,
        .authorize_url = "https://{oktaDomain}/oauth2/{authorizationServerId=default}/v1/authorize",
        .scopes = kOidcOfflineScopes,
        .token_url = "https://{oktaDomain}/oauth2/{authorizationServerId=default}/v1/token",
        .user_url = "https://{oktaDomain}/oauth2/{authorizationServerId=default}/v1/userinfo",
        .fields = kOidcFields,
    },
    Provider{
        .id = "paypal",
        .name = "PayPal",
        .authorize_url = "https://www.paypal.com/connect/",
        .scopes = kOidcScopes,
        .authorize_params = "flowEntry=static",
        .loopback_as_ip = true,
        .token_url = "https://api.paypal.com/v1/oauth2/token",
        .client_auth = ClientAuth::kBasic,
        .user_url = "https://api.paypal.com/v1/identity/oauth2/userinfo?schema=paypalv1.1",
        .fields = {.id = "/payer_id",
                   .email = "/emails[primary]/value",
                   .name = "/name",
                   .verified = "/verified_account"},
    },
    Provider{
        .id = "paypalSandbox",
        .name = "PayPal Sandbox",
        .authorize_url = "https://www.sandbox.paypal.com/connect/",
        .scopes = kOidcScopes,
        .authorize_params = "flowEntry=static",
        .loopback_as_ip = true,
        .token_url = "https://api.sandbox.paypal.com/v1/oauth2/token",
        .client_auth = ClientAuth::kBasic,
        .user_url = "https://api.sandbox.paypal.com/v1/identity/oauth2/userinfo?schema=paypalv1.1",
        .fields = {.id = "/payer_id",
                   .email = "/emails[primary]/value",
                   .name = "/name",
                   .verified = "/verified_account"},
    },
    Provider{
        .id = "podio",
        .name = "Podio",
        .authorize_url = "https://podio.com/oauth/authorize",
        .scope_param = "",
        .token_url = "https://api.podio.com/oauth/token",
        .user_url = "https://api.podio.com/user",
        .fields =
            {.id = "/user_id", .email = "/mail", .name = "/name", .verified = "/mail_verified"},
        .quirk = Quirk::kPodioProfile,
    },
    Provider{
        .id = "salesforce",
        .name = "Salesforce",
        .authorize_url = "https://login.salesforce.com/services/oauth2/authorize",
        .scopes = "openid",
        .token_url = "https://login.salesforce.com/services/oauth2/token",
        .client_auth = ClientAuth::kBasic,
        .user_url = "https://login.salesforce.com/services/oauth2/userinfo",
        .fields =
            {.id = "/user_id", .email = "/email", .name = "/name", .verified = "/email_verified"},
    },
    Provider{
        // Slack v2: user scopes go in user_scope, the user's tokens come under authed_user.
        .id = "slack",
        .name = "Slack",
        .authorize_url = "https://slack.com/oauth/v2/authorize",
        .scopes = "openid email profile",
        .scope_param = "user_scope",
        .token_url = "https://slack.com/api/oauth.v2.access",
        .token_root = "/authed_user",
        .user_url = "https://slack.com/api/users.identity",
        .fields = {.id = "/user/id", .email = "/user/email", .name = "/user/name"},
    },
    Provider{
        .id = "spotify",
        .name = "Spotify",
        .authorize_url = "https://accounts.spotify.com/authorize",
        .scopes = "user-read-email",
        .token_url = "https://accounts.spotify.com/api/token",
        .client_auth = ClientAuth::kBasic,
        .user_url = "https://api.spotify.com/v1/me",
        .fields = {.id = "/id", .email = "/email", .name = "/display_name"},
    },
    Provider{
        // Stripe Connect: the platform's secret API key authenticates the token request, and
        // the connected account is read with its own access token (/v1/account).
        .id = "stripe",
        .name = "Stripe",
        .authorize_url = "https://connect.stripe.com/oauth/authorize",
        .scopes = "read_write",
        .token_url = "https://connect.stripe.com/oauth/token",
        .client_auth = ClientAuth::kSecretKey,
        .user_url = "https://api.stripe.com/v1/account",
        .fields = {.id = "/id",
                   .email = "/email",
                   .name = "/business_profile/name|/settings/dashboard/display_name"},
    },
    Provider{
        .id = "tradeshift",
        .name = "Tradeshift",
        .authorize_url = "https://api.tradeshift.com/tradeshift/auth/login",
        .scopes = "openid offline",
        .loopback_as_ip = true,
        .token_url = "https://api.tradeshift.com/tradeshift/auth/token",
        .client_auth = ClientAuth::kBasic,
        .user_url = "https://api.tradeshift.com/tradeshift/rest/external/account/info/user",
        .user_headers = "Accept: application/json",
        .fields = {.id = "/Id", .email = "/Username", .name = "/FirstName+/LastName"},
    },
    Provider{
        .id = "tradeshiftBox",
        .name = "Tradeshift Sandbox",
        .authorize_url = "https://api-sandbox.tradeshift.com/tradeshift/auth/login",
        .scopes = "openid offline",
        .loopback_as_ip = true,
        .token_url = "https://api-sandbox.tradeshift.com/tradeshift/auth/token",
        .client_auth = ClientAuth::kBasic,
        .user_url = "https://api-sandbox.tradeshift.com/tradeshift/rest/external/account/info/user",
        .user_headers = "Accept: application/json",
        .fields = {.id = "/Id", .email = "/Username", .name = "/FirstName+/LastName"},
    },
    Provider{
        // Twitch's Helix API wants the app's client id beside the token.
        .id = "twitch",
        .name = "Twitch",
        .authorize_url = "https://id.twitch.tv/oauth2/authorize",
        .scopes = "user:read:email",
        .authorize_params = "force_verify=true",
        .token_url = "https://id.twitch.tv/oauth2/token",
        .user_url = "https://api.twitch.tv/helix/users",
        .user_headers = "Client-Id: {app_id}",
        .user_root = "/data/0",
        .fields = {.id = "/id", .email = "/email", .name = "/display_name"},
    },
    Provider{
        .id = "wordpress",
        .name = "WordPress",
        .authorize_url = "https://public-api.wordpress.com/oauth2/authorize",
        .scopes = "auth",
        .token_url = "https://public-api.wordpress.com/oauth2/token",
        .user_url = "https://public-api.wordpress.com/rest/v1/me",
        .fields =
            {.id = "/ID", .email = "/email", .name = "/username", .verified = "/email_verified"},
    },
    Provider{
        // X: PKCE, state in base64url, and confirmed_email only present once confirmed.
        .id = "x",
        .name = "X",
        .authorize_url = "https://x.com/i/oauth2/authorize",
        .scopes = "tweet.read users.read users.email offline.access",
        .pkce = true,
        .state_encoding = StateEncoding::kBase64UrlJson,
        .token_url = "https://api.x.com/2/oauth2/token",
        .client_auth = ClientAuth::kBasic,
        .user_url = "https://api.x.com/2/users/me?user.fields=confirmed_email",
        .fields = {.id = "/data/id",
                   .email = "/data/confirmed_email",
                   .name = "/data/name",
                   .verified = "/data/confirmed_email"},
    },
    Provider{
        .id = "yahoo",
        .name = "Yahoo",
        .authorize_url = "https://api.login.yahoo.com/oauth2/request_auth",
        .scopes = kOidcScopes,
        .token_url = "https://api.login.yahoo.com/oauth2/get_token",
        .client_auth = ClientAuth::kBasic,
        .user_url = "https://api.login.yahoo.com/openid/v1/userinfo",
        .fields = kOidcFields,
    },
    Provider{
        // Paths as in Yammer's OAuth2 documentation (www.yammer.com/oauth2/...).
        .id = "yammer",
        .name = "Yammer",
        .authorize_url = "https://www.yammer.com/oauth2/authorize",
        .scope_param = "",
        .token_url = "https://www.yammer.com/oauth2/access_token",
        .user_url = "https://www.yammer.com/api/v1/users/current.json",
        .fields = {.id = "/id", .email = "/email", .name = "/full_name"},
    },
    Provider{
        // Yandex takes the registered callback and reads the token as oauth_token.
        .id = "yandex",
        .name = "Yandex",
        .authorize_url = "https://oauth.yandex.com/authorize",
        .send_redirect_uri = false,
        .token_url = "https://oauth.yandex.com/token",
        .client_auth = ClientAuth::kBasic,
        .user_url = "https://login.yandex.ru/info?format=json",
        .user_token = TokenPlacement::kQuery,
        .user_token_param = "oauth_token",
        .fields = {.id = "/id", .email = "/default_email", .name = "/display_name"},
    },
    Provider{
        // Zoho: the user is in the id_token, which Zoho issues for the openid scope (added to
        // Appwrite's "email profile", which alone yields no id_token).
        .id = "zoho",
        .name = "Zoho",
        .authorize_url = "https://accounts.zoho.com/oauth/v2/auth",
        .scopes = "openid email profile",
        .token_url = "https://accounts.zoho.com/oauth/v2/token",
        .user_source = UserSource::kIdToken,
        .fields = kOidcFields,
    },
    Provider{
        .id = "zoom",
        .name = "Zoom",
        .authorize_url = "https://zoom.us/oauth/authorize",
        .scopes = "user_info:read",
        .token_url = "https://zoom.us/oauth/token",
        .client_auth = ClientAuth::kBasic,
        .user_url = "https://api.zoom.us/v2/users/me",
        .fields = {.id = "/id",
                   .email = "/email",
                   .name = "/first_name+/last_name",
                   .verified = "/verified"},
    },
};

constexpr bool ordered_by_id() {
    for (std::size_t i = 1; i < kProviders.size(); ++i) {
        if (!(kProviders[i - 1].id < kProviders[i].id)) return false;
    }
    return true;
}
static_assert(ordered_by_id(), "keep kProviders ordered by id: find_provider searches it");

}  // namespace

std::span<const Provider> providers() noexcept { return kProviders; }

const Provider* find_provider(std::string_view id) noexcept {
    const auto* it =
        std::lower_bound(kProviders.begin(), kProviders.end(), id,
                         [](const Provider& p, std::string_view key) { return p.id < key; });
    return it != kProviders.end() && it->id == id ? &*it : nullptr;
}

bool is_provider(std::string_view id) noexcept { return find_provider(id) != nullptr; }

}  // namespace basalt::auth::oauth2
