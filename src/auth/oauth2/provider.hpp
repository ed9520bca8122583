// What Basalt knows about one OAuth2 provider: endpoints, scopes, how the token request
// authenticates and where the user's fields are in its answers. The table of every provider is in
// providers.cpp; the flow that reads it is in flow.cpp.
#pragma once

#include <cstdint>
#include <string_view>

namespace basalt::auth::oauth2 {

// How the app secret stored for the project (Appwrite's `<provider>Secret`) is read.
enum class SecretFormat : std::uint8_t {
    kPlain,        // the client secret itself
    kJsonOrPlain,  // JSON {"clientSecret", ...}, or the client secret itself when not JSON (Google)
    kJson,         // JSON {"clientSecret", ...}; anything else is an invalid secret
    kAppleKey,     // JSON {"p8", "keyID", "teamID"}: the client secret is a JWT signed with p8
};

// How the client proves itself at the token endpoint.
enum class ClientAuth : std::uint8_t {
    kPost,       // client_id and client_secret in the form body (client_secret_post)
    kBasic,      // HTTP basic client_id:client_secret (client_secret_basic)
    kPublic,     // client_id only: a public client, the code is bound by PKCE (Etsy)
    kSecretKey,  // HTTP basic with the secret as user name: an API secret key (Stripe)
};

enum class TokenRequest : std::uint8_t {
    kPostForm,  // POST, form body (RFC 6749)
    kGetQuery,  // GET with the fields in the query (Facebook's Graph API)
};

enum class UserRequest : std::uint8_t {
    kGet,
    kPostNull,  // POST with the JSON body `null` (Dropbox RPC endpoints)
};

// Where the user-info request carries the access token.
enum class TokenPlacement : std::uint8_t {
    kBearer,  // Authorization: Bearer <token>
    kQuery,   // a query parameter named by Provider::user_token_param
};

enum class UserSource : std::uint8_t {
    kUserInfo,  // a request to user_url
    kIdToken,   // the claims of the id_token from the token endpoint (no user-info request)
};

// How the `state` parameter travels (Appwrite's choice per provider, kept so states interoperate
// with what each provider is known to echo back intact).
enum class StateEncoding : std::uint8_t {
    kJson,
    kUrlEncodedJson,  // JSON percent-encoded once more (Amazon)
    kBase64UrlJson,   // JSON in unpadded base64url (X)
};

// Steps where a provider deviates from plain OAuth2 in ways a field cannot describe; each is a
// function in quirks.cpp.
enum class Quirk : std::uint8_t {
    kNone,
    kGithubEmails,     // the verified primary address comes from a second call, /user/emails
    kBitbucketEmails,  // the first confirmed address comes from /2.0/user/emails
    kPodioProfile,     // the name comes from a second call, /user/profile
};

// Where the user's fields are in the user-info document (or id_token claims), after user_root.
// A path is JSON-pointer-like: "/a/b/0". A segment "name[flag]" picks, in the array `name`, the
// first element whose `flag` is true. `name` may list alternatives separated by '|', each the
// non-empty parts of '+'-joined paths separated by a space: "/name|/given_name+/family_name".
// An empty `verified` means the provider gives no verification signal: never verified.
struct UserFields {
    std::string_view id;
    std::string_view email;
    std::string_view name;
    std::string_view verified;
};

// One provider. URL and header templates expand `{field}` to a field of the project's JSON secret,
// `{%field}` to the same percent-encoded, `{field=default}` with a default for an absent or empty
// field, and the reserved names {app_id}, {client_secret} and {token_user_id} (the part of the
// access token before its first '.', Etsy's user id), all three percent-encoded.
struct Provider {
    std::string_view id;    // Appwrite's provider id, as in the API path
    std::string_view name;  // display name, for messages
    SecretFormat secret = SecretFormat::kPlain;
    // OpenID Connect discovery: endpoints from the secret's authorizationEndpoint, tokenEndpoint
    // and userInfoEndpoint, or else from the document at its wellKnownEndpoint.
    bool discovery = false;

    // Authorization request.
    std::string_view authorize_url;
    std::string_view scopes;  // default scopes, space separated
    char scope_separator = ' ';
    std::string_view scope_param = "scope";  // empty: the provider takes no scopes
    std::string_view authorize_params;       // fixed extra query fields, "a=b&c=d"
    bool send_redirect_uri = true;           // false: the provider uses the registered one
    bool loopback_as_ip = false;             // send "localhost" in redirect URIs as 127.0.0.1
    bool prompt_from_secret = false;         // the secret's prompt (and maxAge) go to the URL
    std::string_view default_prompt;         // prompt when the secret has none
    bool pkce = false;                       // S256 code challenge, verifier carried in the state
    StateEncoding state_encoding = StateEncoding::kJson;

    // Token request.
    std::string_view token_url;
    std::string_view refresh_url;  // empty: token_url
    ClientAuth client_auth = ClientAuth::kPost;
    TokenRequest token_request = TokenRequest::kPostForm;
    std::string_view token_root;  // where the tokens are in the answer ("/authed_user")

    // User request.
    UserSource user_source = UserSource::kUserInfo;
    std::string_view user_url;
    UserRequest user_request = UserRequest::kGet;
    TokenPlacement user_token = TokenPlacement::kBearer;
    std::string_view user_token_param = "access_token";
    std::string_view user_headers;  // extra headers, "Name: value" lines separated by '\n'
    std::string_view user_root;     // where the user is in the answer ("/data/0")
    UserFields fields;
    Quirk quirk = Quirk::kNone;
};

}  // namespace basalt::auth::oauth2
