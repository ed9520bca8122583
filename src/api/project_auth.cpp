// The project's auth settings reachable with an API key (/v1/project/*): auth methods, policies,
// mock phones, SMTP, email templates and OAuth2 providers. Each write reads the stored settings,
// changes them and stores them in one step (Directory::update_settings), as Appwrite updates the
// project's `auths`, `smtp`, `templates` and `oAuthProviders` attributes.
//
// Response formats: clients sending X-Appwrite-Response-Format below 1.9.5 get the flat
// `project` model of the 1.9.3 spec (auth*, smtp*, serviceStatusFor* ...); newer ones get the
// Project model of Appwrite 1.9.5+ (authMethods, services, protocols), as Appwrite's own response
// filters do. Below 1.9.4 the OpenID Connect model spells tokenUrl and userInfoUrl.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <span>

#include "api/params.hpp"
#include "api/services.hpp"
#include "auth/emails/emails.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "db/query.hpp"
#include "outbound/smtp.hpp"
#include "platform/directory.hpp"
#include "platform/locale/locale_codes.hpp"

namespace basalt::api {
namespace {

namespace bj = boost::json;
using http::Method;
using platform::ProjectSettings;
using namespace std::string_view_literals;

constexpr int kFormatProjectModel = 10905;  // 1.9.5: Project model with authMethods/services
constexpr int kFormatOidcUrls = 10904;      // 1.9.4: tokenURL/userInfoURL
// Appwrite's APP_LIMIT_COUNT: the most mock numbers per project, and the top of the limit policies.
constexpr std::int64_t kLimitCount = 5000;

// ---------------------------------------------------------------------------------------------
// Parameters: Appwrite's nullable params (null or absent = keep the stored value).

const bj::value* given(Context& ctx, std::string_view name) {
    const auto* value = ctx.params().if_contains(name);
    return value && !value->is_null() ? value : nullptr;
}

[[noreturn]] void not_optional(std::string_view name) {
    throw Error(ErrorType::kGeneralArgumentInvalid,
                fmt::format("Param \"{}\" is not optional.", name));
}

[[noreturn]] void invalid(std::string_view name, std::string_view rule) {
    throw Error(ErrorType::kGeneralArgumentInvalid,
                fmt::format("Invalid `{}` param: {}", name, rule));
}

std::optional<std::string> nullable_text(Context& ctx, std::string_view name,
                                         std::size_t max_length, bool allow_empty = true) {
    if (!given(ctx, name)) return std::nullopt;
    return param::string(ctx, name, max_length, allow_empty);
}

std::optional<bool> nullable_bool(Context& ctx, std::string_view name) {
    if (!given(ctx, name)) return std::nullopt;
    return param::boolean(ctx, name, false);
}

bool required_bool(Context& ctx, std::string_view name) {
    if (!given(ctx, name)) not_optional(name);
    return param::boolean(ctx, name, false);
}

// A required param that may be null (Appwrite's Nullable validator without a default).
std::optional<std::int64_t> required_nullable_integer(Context& ctx, std::string_view name,
                                                      std::int64_t min, std::int64_t max) {
    const auto* value = ctx.params().if_contains(name);
    if (!value) not_optional(name);
    if (value->is_null()) return std::nullopt;
    return param::integer(ctx, name, 0, min, max);
}

// An email address, or "" to clear the stored one.
std::optional<std::string> nullable_email(Context& ctx, std::string_view name) {
    const auto* value = given(ctx, name);
    if (!value) return std::nullopt;
    if (value->is_string() && value->get_string().empty()) return std::string();
    return param::email(ctx, name);
}

// A light syntax check for host names and IP addresses (letters, digits, '-', '.'): Basalt does
// not resolve them here, and no library at hand validates the bare hostname form.
bool is_hostname(std::string_view host) {
    if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-')
        return false;
    return std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '.';
    });
}

// scheme "://" and something after it, no white space or control characters: the shape PHP's
// URL filter asks of Appwrite's URL params. Fetching is left to the OAuth2 flow's HTTP client,
// which parses the URL itself.
bool is_url(std::string_view url) {
    const auto colon = url.find("://");
    if (colon == std::string_view::npos || colon == 0 || colon + 3 >= url.size()) return false;
    const auto scheme = url.substr(0, colon);
    const bool scheme_ok =
        std::isalpha(static_cast<unsigned char>(scheme[0])) &&
        std::all_of(scheme.begin(), scheme.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
        });
    const bool rest_ok = std::none_of(url.begin(), url.end(), [](char c) {
        return static_cast<unsigned char>(c) <= ' ' || c == 0x7f;
    });
    return scheme_ok && rest_ok;
}

// `value` of param `name` when it is one of `allowed` (Appwrite's WhiteList validator).
template <typename Names>
std::string one_of(std::string_view name, const Names& allowed, std::string_view value) {
    for (const auto& candidate : allowed) {
        if (candidate == value) return std::string(value);
    }
    std::string list;
    for (const auto& candidate : allowed)
        list += (list.empty() ? "" : ", ") + std::string(candidate);
    invalid(name, fmt::format("Value must be one of ({})", list));
}

// local@domain.tld without white space: the items of POST /v1/project/smtp/tests `emails`
// (param::email checks single params; outbound::send_email refuses what it cannot address).
bool is_email_address(std::string_view email) {
    const auto at = email.rfind('@');
    const auto dot = email.rfind('.');
    return at != std::string_view::npos && at > 0 && dot != std::string_view::npos &&
           dot > at + 1 && dot + 1 < email.size() && email.size() <= 320 &&
           std::none_of(email.begin(), email.end(),
                        [](char c) { return static_cast<unsigned char>(c) <= ' '; });
}

// limit/offset of the list endpoints over settings (Appwrite allows no other query there).
struct Slice {
    std::size_t offset = 0;
    std::optional<std::size_t> limit;  // none: everything
    bool with_total = true;
};

Slice list_slice(Context& ctx) {
    const auto texts = param::queries(ctx);
    Slice slice;
    slice.with_total = param::boolean(ctx, "total", true);
    param::with_queries([&] {
        for (const auto& query : db::parse_queries(texts)) {
            if (query.method != db::QueryMethod::kLimit &&
                query.method != db::QueryMethod::kOffset) {
                throw Error(ErrorType::kGeneralQueryInvalid,
                            fmt::format("Invalid query: Query method not valid: {}",
                                        db::method_name(query.method)));
            }
            // parse_queries checked that limit and offset carry one non-negative integer.
            const auto n = static_cast<std::size_t>(query.values.at(0).to_number<std::int64_t>());
            if (query.method == db::QueryMethod::kLimit) {
                slice.limit = n;
            } else {
                slice.offset = n;
            }
        }
        return 0;
    });
    return slice;
}

template <typename Item, typename Render>
bj::object list_model(std::string_view field, const std::vector<Item>& items, const Slice& slice,
                      Render render) {
    bj::array out;
    const auto end =
        slice.limit ? std::min(items.size(), slice.offset + *slice.limit) : items.size();
    for (auto i = slice.offset; i < end; ++i) out.push_back(render(items[i]));
    return bj::object{{"total", slice.with_total ? static_cast<std::int64_t>(items.size()) : 0},
                      {field, std::move(out)}};
}

// ---------------------------------------------------------------------------------------------
// OAuth2 providers: the table of Appwrite's settings endpoints, one row per provider.

enum class FieldCheck { kText256, kText4096, kUrl, kDomain, kPrompt };

// A field of a provider whose secret Appwrite stores as JSON (beside `clientSecret`).
struct ExtraField {
    std::string_view param;     // request and model field
    std::string_view json_key;  // its key in the stored JSON secret
    FieldCheck check = FieldCheck::kText256;
    bool write_only = false;            // always "" in responses
    bool needed_to_enable = false;      // must be non-empty before the provider can be enabled
    std::string_view legacy_name = {};  // model field before format 1.9.4, also accepted as param
};

struct ProviderInfo {
    std::string_view id;                      // route, `$id` and the key in Project::oauth2
    std::string_view name;                    // display name (the legacy model's oAuthProviders)
    std::string_view client_id;               // param and model field of the app id
    std::string_view client_secret;           // param and model field of the secret; "" for Apple
    std::span<const ExtraField> extras = {};  // non-empty: the secret is stored as JSON
};

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

// In Appwrite's order (by id), which GET /v1/project/oauth2 keeps.
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

constexpr std::array kPromptValues = {"none"sv, "consent"sv, "select_account"sv};

const ProviderInfo* find_provider(std::string_view id) {
    for (const auto& provider : kProviders) {
        if (provider.id == id) return &provider;
    }
    return nullptr;
}

// The stored JSON secret of a JSON provider (a plain secret stored earlier counts as its
// clientSecret, as Appwrite reads Google's).
bj::object secret_object(const ProviderInfo& provider, const std::string& stored) {
    bj::object out;
    if (!stored.empty()) {
        boost::system::error_code ec;
        auto value = bj::parse(stored, ec);
        if (!ec && value.is_object()) {
            out = std::move(value.as_object());
        } else if (!provider.client_secret.empty()) {
            out["clientSecret"] = stored;
        }
    }
    return out;
}

std::string text_in(const bj::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

bj::value prompt_or_default(const bj::object& secret) {
    const auto* value = secret.if_contains("prompt");
    if (value && value->is_array()) return *value;
    return bj::array{"consent"};
}

// Models oAuth2<Provider>: secrets are write-only ("").
bj::object provider_model(const Context& ctx, const ProviderInfo& provider,
                          const platform::Project& project) {
    const auto found = project.oauth2.find(provider.id);
    const platform::OAuth2ProviderSettings none;
    const auto& stored = found == project.oauth2.end() ? none : found->second;
    bj::object model{
        {"$id", provider.id}, {"enabled", stored.enabled}, {provider.client_id, stored.app_id}};
    if (!provider.client_secret.empty()) model[provider.client_secret] = "";
    const auto secret = secret_object(provider, stored.secret);
    for (const auto& field : provider.extras) {
        const bool legacy = !field.legacy_name.empty() && ctx.response_format < kFormatOidcUrls;
        const auto name = legacy ? field.legacy_name : field.param;
        if (field.check == FieldCheck::kPrompt) {
            model[name] = prompt_or_default(secret);
        } else {
            model[name] = field.write_only ? std::string() : text_in(secret, field.json_key);
        }
    }
    return model;
}

// ---------------------------------------------------------------------------------------------
// The project model.

// Appwrite's optional services and protocols; Basalt does not switch them off yet.
constexpr std::array kServices = {
    "account"sv,   "avatars"sv, "databases"sv, "tablesdb"sv,   "locale"sv,    "health"sv,
    "project"sv,   "storage"sv, "teams"sv,     "users"sv,      "vcs"sv,       "sites"sv,
    "functions"sv, "proxy"sv,   "graphql"sv,   "migrations"sv, "messaging"sv, "advisor"sv};
constexpr std::array kLegacyServices = {
    "Account"sv,   "Avatars"sv, "Databases"sv, "Tablesdb"sv,   "Locale"sv,   "Health"sv,
    "Project"sv,   "Storage"sv, "Teams"sv,     "Users"sv,      "Vcs"sv,      "Sites"sv,
    "Functions"sv, "Proxy"sv,   "Graphql"sv,   "Migrations"sv, "Messaging"sv};
constexpr std::array kProtocols = {"rest"sv, "graphql"sv, "websocket"sv};

std::string iso(std::int64_t ms) { return time::format_iso(ms); }

bj::object mock_number_model(const platform::MockNumber& number) {
    return bj::object{{"number", number.phone},
                      {"otp", number.otp},
                      {"$createdAt", iso(number.created_at)},
                      {"$updatedAt", iso(number.updated_at)}};
}

void add_smtp_fields(bj::object& model, const outbound::SmtpSettings& smtp) {
    model["smtpEnabled"] = smtp.enabled;
    model["smtpSenderName"] = smtp.sender_name;
    model["smtpSenderEmail"] = smtp.sender_email;
    model["smtpReplyToName"] = smtp.reply_to_name;
    model["smtpReplyToEmail"] = smtp.reply_to_email;
    model["smtpHost"] = smtp.host;
    model["smtpPort"] = smtp.port;
    model["smtpUsername"] = smtp.username;
    model["smtpPassword"] = "";  // write-only
    model["smtpSecure"] = smtp.secure;
}

bj::array id_enabled_list(std::span<const std::string_view> ids) {
    bj::array out;
    for (const auto id : ids) out.push_back(bj::object{{"$id", id}, {"enabled", true}});
    return out;
}

// Appwrite 1.9.5+ `Project`. Dev keys, labels, pings and blocks are not kept by Basalt: their
// defaults are shown.
bj::object current_project_model(const platform::Project& project) {
    bj::object model{{"$id", project.id},
                     {"$createdAt", iso(project.created_at)},
                     {"$updatedAt", iso(project.updated_at)},
                     {"name", project.name},
                     {"teamId", ""},
                     {"region", "default"},
                     {"devKeys", bj::array{}}};
    add_smtp_fields(model, project.smtp);
    model["pingCount"] = 0;
    model["pingedAt"] = "";
    model["labels"] = bj::array{};
    model["status"] = "active";
    bj::array methods;
    for (const auto& method : platform::auth_methods()) {
        methods.push_back(
            bj::object{{"$id", method.id}, {"enabled", project.auth.method_enabled(method.key)}});
    }
    model["authMethods"] = std::move(methods);
    model["services"] = id_enabled_list(kServices);
    model["protocols"] = id_enabled_list(kProtocols);
    model["blocks"] = bj::array{};
    model["consoleAccessedAt"] = "";
    return model;
}

// The flat `project` model of the 1.9.3 spec, for older response formats. Platforms, keys and
// webhooks are listed by their own endpoints; here they are left empty.
bj::object legacy_project_model(const platform::Project& project) {
    const auto& auth = project.auth;
    bj::object model{{"$id", project.id},
                     {"$createdAt", iso(project.created_at)},
                     {"$updatedAt", iso(project.updated_at)},
                     {"name", project.name}};
    for (const auto* empty : {"description", "teamId", "logo", "url", "legalName", "legalCountry",
                              "legalState", "legalCity", "legalAddress", "legalTaxId"}) {
        model[empty] = "";
    }
    model["authDuration"] = auth.session_duration;
    model["authLimit"] = auth.user_limit;
    model["authSessionsLimit"] = auth.max_sessions;
    model["authPasswordHistory"] = auth.password_history;
    model["authPasswordDictionary"] = auth.password_dictionary;
    model["authPersonalDataCheck"] = auth.personal_data_check;
    model["authDisposableEmails"] = false;
    model["authCanonicalEmails"] = false;
    model["authFreeEmails"] = false;
    bj::array numbers;
    for (const auto& number : auth.mock_numbers) numbers.push_back(mock_number_model(number));
    model["authMockNumbers"] = std::move(numbers);
    model["authSessionAlerts"] = auth.session_alerts;
    model["authMembershipsUserName"] = auth.memberships_user_name;
    model["authMembershipsUserEmail"] = auth.memberships_user_email;
    model["authMembershipsMfa"] = auth.memberships_mfa;
    model["authMembershipsUserId"] = auth.memberships_user_id;
    model["authMembershipsUserPhone"] = auth.memberships_user_phone;
    model["authInvalidateSessions"] = auth.invalidate_sessions;
    bj::array providers;
    for (const auto& provider : kProviders) {
        const auto found = project.oauth2.find(provider.id);
        const bool known = found != project.oauth2.end();
        providers.push_back(bj::object{{"key", provider.id},
                                       {"name", provider.name},
                                       {"appId", known ? found->second.app_id : std::string()},
                                       {"secret", ""},
                                       {"enabled", known && found->second.enabled}});
    }
    model["oAuthProviders"] = std::move(providers);
    for (const auto* empty : {"platforms", "webhooks", "keys", "devKeys"})
        model[empty] = bj::array{};
    add_smtp_fields(model, project.smtp);
    model["pingCount"] = 0;
    model["pingedAt"] = "";
    model["labels"] = bj::array{};
    model["status"] = "active";
    for (const auto& method : platform::auth_methods()) {
        auto key = std::string(method.key);
        key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
        model["auth" + key] = auth.method_enabled(method.key);
    }
    for (const auto service : kLegacyServices)
        model["serviceStatusFor" + std::string(service)] = true;
    for (const auto protocol : {"Rest", "Graphql", "Websocket"})
        model["protocolStatusFor" + std::string(protocol)] = true;
    return model;
}

bj::object project_model(const Context& ctx, const platform::Project& project) {
    return ctx.response_format >= kFormatProjectModel ? current_project_model(project)
                                                      : legacy_project_model(project);
}

// Applies `change` to the stored settings and answers with the project model.
http::Response update_project(Context& ctx, const AuthServices& services,
                              const std::function<void(ProjectSettings&)>& change) {
    const auto project = services.directory.update_settings(ctx.require_project(), change);
    return json(200, project_model(ctx, *project));
}

// ---------------------------------------------------------------------------------------------
// Auth methods.

void add_auth_method_endpoints(Api& api, const AuthServices& services) {
    api.add({Method::kPatch, "/v1/project/auth-methods/{methodId}", "project.write",
             http::Execution::kBlocking, [services](Context& ctx) {
                 const auto id = ctx.request.path_param("methodId");
                 const auto* method = platform::find_auth_method(id);
                 if (!method) {
                     std::vector<std::string_view> ids;
                     for (const auto& known : platform::auth_methods()) ids.push_back(known.id);
                     one_of("methodId", ids, id);
                 }
                 const bool enabled = required_bool(ctx, "enabled");
                 return update_project(ctx, services, [&](ProjectSettings& settings) {
                     auto& disabled = settings.auth.disabled_methods;
                     disabled.erase(std::remove(disabled.begin(), disabled.end(), method->key),
                                    disabled.end());
                     if (!enabled) disabled.emplace_back(method->key);
                 });
             }});
}

// ---------------------------------------------------------------------------------------------
// Policies.

bj::object password_strength_model(const platform::PasswordStrength& strength) {
    return bj::object{{"$id", "password-strength"},      {"min", strength.min_length},
                      {"uppercase", strength.uppercase}, {"lowercase", strength.lowercase},
                      {"number", strength.number},       {"symbols", strength.symbols}};
}

// Models policy<Name>, by policy id.
bj::object policy_model(std::string_view id, const platform::AuthSettings& auth) {
    const auto flag = [&](bool enabled) { return bj::object{{"$id", id}, {"enabled", enabled}}; };
    const auto total = [&](std::int64_t n) { return bj::object{{"$id", id}, {"total", n}}; };
    if (id == "password-dictionary") return flag(auth.password_dictionary);
    if (id == "password-history") return total(auth.password_history);
    if (id == "password-strength") return password_strength_model(auth.password_strength);
    if (id == "password-personal-data") return flag(auth.personal_data_check);
    if (id == "session-alert") return flag(auth.session_alerts);
    if (id == "session-duration")
        return bj::object{{"$id", id}, {"duration", auth.session_duration}};
    if (id == "session-invalidation") return flag(auth.invalidate_sessions);
    if (id == "session-limit") return total(auth.max_sessions);
    if (id == "user-limit") return total(auth.user_limit);
    return bj::object{{"$id", id},
                      {"userId", auth.memberships_user_id},
                      {"userEmail", auth.memberships_user_email},
                      {"userPhone", auth.memberships_user_phone},
                      {"userName", auth.memberships_user_name},
                      {"userMFA", auth.memberships_mfa},
                      {"userAccessedAt", auth.memberships_user_accessed_at}};
}

// In Appwrite's order (GET /v1/project/policies).
constexpr std::array kPolicyIds = {"password-dictionary"sv,  "password-history"sv,
                                   "password-strength"sv,    "password-personal-data"sv,
                                   "session-alert"sv,        "session-duration"sv,
                                   "session-invalidation"sv, "session-limit"sv,
                                   "user-limit"sv,           "membership-privacy"sv};

// The policies switched by one `enabled` flag: route id and the setting it switches.
struct FlagPolicy {
    std::string_view id;
    bool platform::AuthSettings::*flag;
};
constexpr FlagPolicy kFlagPolicies[] = {
    {"password-dictionary", &platform::AuthSettings::password_dictionary},
    {"password-personal-data", &platform::AuthSettings::personal_data_check},
    {"session-alert", &platform::AuthSettings::session_alerts},
    {"session-invalidation", &platform::AuthSettings::invalidate_sessions},
};

// The policies set by one nullable `total` (1..5000; null = 0, no limit).
struct TotalPolicy {
    std::string_view id;
    std::int64_t platform::AuthSettings::*total;
};
constexpr TotalPolicy kTotalPolicies[] = {
    {"password-history", &platform::AuthSettings::password_history},
    {"session-limit", &platform::AuthSettings::max_sessions},
    {"user-limit", &platform::AuthSettings::user_limit},
};

void add_policy_update_endpoints(Api& api, const AuthServices& services) {
    const auto path = [](std::string_view id) {
        return fmt::format("/v1/project/policies/{}", id);
    };
    for (const auto& policy : kFlagPolicies) {
        api.add({Method::kPatch, path(policy.id), "policies.write", http::Execution::kBlocking,
                 [services, policy](Context& ctx) {
                     const bool enabled = required_bool(ctx, "enabled");
                     return update_project(
                         ctx, services, [&](ProjectSettings& s) { s.auth.*policy.flag = enabled; });
                 }});
    }
    for (const auto& policy : kTotalPolicies) {
        api.add({Method::kPatch, path(policy.id), "policies.write", http::Execution::kBlocking,
                 [services, policy](Context& ctx) {
                     const auto total =
                         required_nullable_integer(ctx, "total", 1, kLimitCount).value_or(0);
                     return update_project(
                         ctx, services, [&](ProjectSettings& s) { s.auth.*policy.total = total; });
                 }});
    }
    api.add({Method::kPatch, path("session-duration"), "policies.write", http::Execution::kBlocking,
             [services](Context& ctx) {
                 if (!given(ctx, "duration")) not_optional("duration");
                 const auto duration = param::integer(ctx, "duration", 0, 5, 31'536'000);
                 return update_project(ctx, services, [&](ProjectSettings& s) {
                     s.auth.session_duration = duration;
                 });
             }});
    api.add({Method::kPatch, path("membership-privacy"), "policies.write",
             http::Execution::kBlocking, [services](Context& ctx) {
                 const std::pair<const char*, bool platform::AuthSettings::*> fields[] = {
                     {"userId", &platform::AuthSettings::memberships_user_id},
                     {"userEmail", &platform::AuthSettings::memberships_user_email},
                     {"userPhone", &platform::AuthSettings::memberships_user_phone},
                     {"userName", &platform::AuthSettings::memberships_user_name},
                     {"userMFA", &platform::AuthSettings::memberships_mfa},
                     {"userAccessedAt", &platform::AuthSettings::memberships_user_accessed_at},
                 };
                 std::vector<std::pair<bool platform::AuthSettings::*, bool>> changes;
                 for (const auto& [name, member] : fields) {
                     if (const auto value = nullable_bool(ctx, name))
                         changes.emplace_back(member, *value);
                 }
                 return update_project(ctx, services, [&](ProjectSettings& s) {
                     for (const auto& [member, value] : changes) s.auth.*member = value;
                 });
             }});
    // Not in the 1.9.3 spec; node-appwrite calls it and Appwrite 1.9.6 answers with the policy.
    api.add({Method::kPatch, path("password-strength"), "policies.write",
             http::Execution::kBlocking, [services](Context& ctx) {
                 std::optional<std::int64_t> min;
                 if (given(ctx, "min")) min = param::integer(ctx, "min", 8, 8, 256);
                 const auto uppercase = nullable_bool(ctx, "uppercase");
                 const auto lowercase = nullable_bool(ctx, "lowercase");
                 const auto number = nullable_bool(ctx, "number");
                 const auto symbols = nullable_bool(ctx, "symbols");
                 const auto project = services.directory.update_settings(
                     ctx.require_project(), [&](ProjectSettings& s) {
                         auto& strength = s.auth.password_strength;
                         strength.min_length = min.value_or(strength.min_length);
                         strength.uppercase = uppercase.value_or(strength.uppercase);
                         strength.lowercase = lowercase.value_or(strength.lowercase);
                         strength.number = number.value_or(strength.number);
                         strength.symbols = symbols.value_or(strength.symbols);
                     });
                 return json(200, password_strength_model(project->auth.password_strength));
             }});
}

void add_policy_endpoints(Api& api, const AuthServices& services) {
    api.add({Method::kGet, "/v1/project/policies", "policies.read", http::Execution::kBlocking,
             [](Context& ctx) {
                 const auto slice = list_slice(ctx);
                 const std::vector<std::string_view> ids(kPolicyIds.begin(), kPolicyIds.end());
                 const auto& auth = ctx.require_project().auth;
                 return json(200, list_model("policies", ids, slice, [&](std::string_view id) {
                                 return policy_model(id, auth);
                             }));
             }});
    api.add({Method::kGet, "/v1/project/policies/{policyId}", "policies.read",
             http::Execution::kBlocking, [](Context& ctx) {
                 const auto id = one_of("policyId", kPolicyIds, ctx.request.path_param("policyId"));
                 return json(200, policy_model(id, ctx.require_project().auth));
             }});
    add_policy_update_endpoints(api, services);
}

// ---------------------------------------------------------------------------------------------
// Mock phones.

std::string mock_otp(Context& ctx) {
    const auto otp = param::string(ctx, "otp", 6, true);
    if (otp.size() != 6 || otp.find_first_not_of("0123456789") != std::string::npos) {
        invalid("otp", "Value must be a valid string and exactly 6 digits");
    }
    return otp;
}

// Mock number errors. TODO: error_types.hpp lacks Appwrite's mock_number_not_found (404),
// mock_number_already_exists (409) and mock_number_limit_exceeded (400); until the integrator
// adds them, the nearest types with the same status stand in (picked at compile time).
template <typename E = ErrorType>
ErrorType mock_number_not_found() {
    if constexpr (requires { E::kMockNumberNotFound; }) {
        return E::kMockNumberNotFound;
    } else {
        return E::kGeneralRouteNotFound;
    }
}
template <typename E = ErrorType>
ErrorType mock_number_already_exists() {
    if constexpr (requires { E::kMockNumberAlreadyExists; }) {
        return E::kMockNumberAlreadyExists;
    } else {
        return E::kGeneralResourceLocked;
    }
}
template <typename E = ErrorType>
ErrorType mock_number_limit_exceeded() {
    if constexpr (requires { E::kMockNumberLimitExceeded; }) {
        return E::kMockNumberLimitExceeded;
    } else {
        return E::kGeneralArgumentInvalid;
    }
}

// The mock number `phone` in `numbers` (const or not), or Error(mock_number_not_found).
template <typename Numbers>
auto stored_number(Numbers& numbers, std::string_view phone) {
    const auto it = std::find_if(numbers.begin(), numbers.end(),
                                 [&](const auto& n) { return n.phone == phone; });
    if (it == numbers.end()) {
        throw Error(mock_number_not_found(),
                    fmt::format("No mock number {} in this project.", phone));
    }
    return it;
}

void add_mock_phone_endpoints(Api& api, const AuthServices& services) {
    api.add({Method::kGet, "/v1/project/mock-phones", "mocks.read", http::Execution::kBlocking,
             [](Context& ctx) {
                 const auto slice = list_slice(ctx);
                 return json(200, list_model("mockNumbers", ctx.require_project().auth.mock_numbers,
                                             slice, mock_number_model));
             }});
    api.add({Method::kPost, "/v1/project/mock-phones", "mocks.write", http::Execution::kBlocking,
             [services](Context& ctx) {
                 const auto phone = param::phone(ctx, "number");
                 const auto otp = mock_otp(ctx);
                 const auto now = time::now_ms();
                 services.directory.update_settings(ctx.require_project(), [&](ProjectSettings& s) {
                     auto& numbers = s.auth.mock_numbers;
                     if (numbers.size() >= static_cast<std::size_t>(kLimitCount)) {
                         throw Error(
                             mock_number_limit_exceeded(),
                             fmt::format("A project holds at most {} mock numbers.", kLimitCount));
                     }
                     if (std::any_of(numbers.begin(), numbers.end(),
                                     [&](const auto& n) { return n.phone == phone; })) {
                         throw Error(
                             mock_number_already_exists(),
                             fmt::format("{} is a mock number already; update its code instead.",
                                         phone));
                     }
                     numbers.push_back(
                         {.phone = phone, .otp = otp, .created_at = now, .updated_at = now});
                 });
                 return json(
                     201, mock_number_model(
                              {.phone = phone, .otp = otp, .created_at = now, .updated_at = now}));
             }});
    api.add({Method::kGet, "/v1/project/mock-phones/{number}", "mocks.read",
             http::Execution::kBlocking, [](Context& ctx) {
                 const auto phone = param::phone(ctx, "number");
                 const auto& numbers = ctx.require_project().auth.mock_numbers;
                 return json(200, mock_number_model(*stored_number(numbers, phone)));
             }});
    api.add({Method::kPut, "/v1/project/mock-phones/{number}", "mocks.write",
             http::Execution::kBlocking, [services](Context& ctx) {
                 const auto phone = param::phone(ctx, "number");
                 const auto otp = mock_otp(ctx);
                 platform::MockNumber updated;
                 services.directory.update_settings(ctx.require_project(), [&](ProjectSettings& s) {
                     const auto number = stored_number(s.auth.mock_numbers, phone);
                     number->otp = otp;
                     number->updated_at = time::now_ms();
                     updated = *number;
                 });
                 return json(200, mock_number_model(updated));
             }});
    api.add({Method::kDelete, "/v1/project/mock-phones/{number}", "mocks.write",
             http::Execution::kBlocking, [services](Context& ctx) {
                 const auto phone = param::phone(ctx, "number");
                 services.directory.update_settings(ctx.require_project(), [&](ProjectSettings& s) {
                     s.auth.mock_numbers.erase(stored_number(s.auth.mock_numbers, phone));
                 });
                 return http::Response::no_content();
             }});
}

// ---------------------------------------------------------------------------------------------
// SMTP.

std::optional<std::string> nullable_host(Context& ctx, std::string_view name) {
    auto host = nullable_text(ctx, name, 256);
    if (host && !host->empty() && !is_hostname(*host)) {
        invalid(name, "Value must be a valid hostname without path, port and protocol.");
    }
    return host;
}

std::optional<std::string> nullable_secure(Context& ctx) {
    auto secure = nullable_text(ctx, "secure", 3);
    // "" (no encryption) is accepted besides Appwrite's tls and ssl, as its description invites.
    if (secure && !secure->empty()) one_of("secure", std::array{"tls"sv, "ssl"sv}, *secure);
    return secure;
}

struct SmtpChanges {
    std::optional<std::string> host, username, password, sender_email, sender_name, reply_to_email,
        reply_to_name, secure;
    std::optional<std::int64_t> port;
    std::optional<bool> enabled;
};

SmtpChanges smtp_changes(Context& ctx) {
    SmtpChanges changes;
    changes.host = nullable_host(ctx, "host");
    if (given(ctx, "port")) changes.port = param::integer(ctx, "port", 0, 0, 65535);
    changes.username = nullable_text(ctx, "username", 256);
    changes.password = nullable_text(ctx, "password", 256);
    changes.sender_email = nullable_email(ctx, "senderEmail");
    changes.sender_name = nullable_text(ctx, "senderName", 256);
    changes.reply_to_email = nullable_email(ctx, "replyToEmail");
    changes.reply_to_name = nullable_text(ctx, "replyToName", 256);
    changes.secure = nullable_secure(ctx);
    changes.enabled = nullable_bool(ctx, "enabled");
    return changes;
}

void apply_smtp(const SmtpChanges& changes, outbound::SmtpSettings& smtp) {
    const auto set = [](const std::optional<std::string>& value, std::string& to) {
        if (value) to = *value;
    };
    set(changes.host, smtp.host);
    if (changes.port) smtp.port = static_cast<int>(*changes.port);
    set(changes.username, smtp.username);
    set(changes.password, smtp.password);
    set(changes.sender_email, smtp.sender_email);
    set(changes.sender_name, smtp.sender_name);
    set(changes.reply_to_email, smtp.reply_to_email);
    set(changes.reply_to_name, smtp.reply_to_name);
    set(changes.secure, smtp.secure);
    if (changes.enabled) smtp.enabled = *changes.enabled;
    const bool complete = !smtp.host.empty() && smtp.port != 0 && !smtp.sender_email.empty();
    if (smtp.enabled && !complete) {
        const auto* missing = smtp.host.empty() ? "host" : smtp.port == 0 ? "port" : "senderEmail";
        not_optional(missing);
    }
    // Appwrite switches SMTP on when `enabled` is not given and a test connection succeeds.
    // Basalt does not probe the server here: complete settings switch it on.
    if (!changes.enabled && complete) smtp.enabled = true;
}

// The test email: text only, in our words; the subject is Appwrite's.
outbound::Email smtp_test_email(const outbound::SmtpSettings& smtp, const std::string& to) {
    const auto& reply_email = smtp.reply_to_email.empty() ? smtp.sender_email : smtp.reply_to_email;
    const auto& reply_name = smtp.reply_to_name.empty() ? smtp.sender_name : smtp.reply_to_name;
    auto text = fmt::format(
        "Hello,\n\nThis message was sent to check the project's custom SMTP settings. It arrived, "
        "so "
        "the server accepted them.\n\nFrom: {} ({})\nReply-To: {} ({})\n\nIf it landed in a spam "
        "folder, check the sender domain's DNS records (SPF, DKIM, DMARC) and your provider's "
        "requirements.\n",
        smtp.sender_name, smtp.sender_email, reply_name, reply_email);
    return outbound::Email{.to_email = to,
                           .to_name = "",
                           .subject = "Custom SMTP email sample",
                           .html = "",
                           .text = std::move(text)};
}

// The deprecated inline settings of POST /v1/project/smtp/tests (Appwrite 1.9.1 clients).
outbound::SmtpSettings inline_smtp(Context& ctx) {
    outbound::SmtpSettings smtp;
    smtp.host = *nullable_host(ctx, "host");
    smtp.port = static_cast<int>(param::integer(ctx, "port", 0, 0, 65535));
    smtp.username = param::optional_string(ctx, "username", 256);
    smtp.password = param::optional_string(ctx, "password", 256);
    smtp.sender_name = param::optional_string(ctx, "senderName", 256);
    smtp.sender_email = nullable_email(ctx, "senderEmail").value_or("");
    smtp.reply_to_email = nullable_email(ctx, "replyTo").value_or("");
    smtp.secure = nullable_secure(ctx).value_or("");
    smtp.enabled = true;
    return smtp;
}

void add_smtp_endpoints(Api& api, const AuthServices& services) {
    api.add({Method::kPatch, "/v1/project/smtp", "project.write", http::Execution::kBlocking,
             [services](Context& ctx) {
                 const auto changes = smtp_changes(ctx);
                 return update_project(ctx, services,
                                       [&](ProjectSettings& s) { apply_smtp(changes, s.smtp); });
             }});
    api.add({Method::kPost, "/v1/project/smtp/tests", "project.write", http::Execution::kBlocking,
             [](Context& ctx) {
                 const auto emails = param::strings(ctx, "emails", true, 10, 320);
                 for (const auto& email : emails) {
                     if (!is_email_address(email)) {
                         invalid("emails",
                                 "Value must a valid array no longer than 10 items and Value must "
                                 "be a valid email address");
                     }
                 }
                 // A non-empty `host` means the deprecated inline settings, as in Appwrite.
                 const auto* host = given(ctx, "host");
                 const bool inline_settings =
                     host && !(host->is_string() && host->get_string().empty());
                 const auto smtp = inline_settings ? inline_smtp(ctx) : ctx.require_project().smtp;
                 if (!smtp.enabled) {
                     throw Error(
                         ErrorType::kGeneralArgumentInvalid,
                         "Test emails go through the project's SMTP settings: enable them first.");
                 }
                 for (const auto& [missing, name] :
                      {std::pair{smtp.sender_email.empty(), "sender email"},
                       std::pair{smtp.host.empty(), "host"}, std::pair{smtp.port == 0, "port"}}) {
                     if (missing) {
                         throw Error(
                             ErrorType::kGeneralArgumentInvalid,
                             fmt::format("Set the SMTP {} before sending a test email.", name));
                     }
                 }
                 // Synchronously, unlike the auth emails: the caller wants to know whether it
                 // works.
                 for (const auto& email : emails)
                     outbound::send_email(smtp, smtp_test_email(smtp, email));
                 return http::Response::no_content();
             }});
}

// ---------------------------------------------------------------------------------------------
// Email templates.

constexpr std::array kTemplateIds = {"verification"sv, "magicSession"sv, "recovery"sv,
                                     "invitation"sv,   "mfaChallenge"sv, "sessionAlert"sv,
                                     "otpSession"sv};

bj::object template_model(const platform::EmailTemplate& entry) {
    return bj::object{{"templateId", entry.template_id},    {"locale", entry.locale},
                      {"message", entry.message},           {"senderName", entry.sender_name},
                      {"senderEmail", entry.sender_email},  {"replyToEmail", entry.reply_to_email},
                      {"replyToName", entry.reply_to_name}, {"subject", entry.subject}};
}

// `locale`: one of Appwrite's locale codes, or "" for "en".
std::string template_locale(Context& ctx) {
    auto locale = param::optional_string(ctx, "locale", 16);
    if (locale.empty()) return "en";
    if (!platform::find_locale_code(locale)) {
        std::vector<std::string_view> codes;
        for (const auto& code : platform::locale_codes()) codes.push_back(code.code);
        one_of("locale", codes, locale);
    }
    return locale;
}

// Basalt's own email for `template_id` with Appwrite's placeholders left in, as GET shows a
// template that was never customised.
platform::EmailTemplate default_template(std::string_view template_id, const std::string& locale) {
    const auto kind = auth::email_kind_from_id(template_id);
    const auth::EmailParams placeholders{.user = "{{user}}",
                                         .project = "{{project}}",
                                         .redirect = "{{redirect}}",
                                         .otp = "{{otp}}",
                                         .team = "{{team}}",
                                         .owner = "{{owner}}",
                                         .agent_client = "{{agentClient}}",
                                         .agent_device = "{{agentDevice}}",
                                         .agent_os = "{{agentOs}}",
                                         .phrase = "",
                                         .device = "{{device}}",
                                         .ip_address = "{{ipAddress}}",
                                         .country = "{{country}}",
                                         .session_time_ms = 0};
    const auto rendered = auth::render_email(*kind, locale, placeholders);
    return platform::EmailTemplate{.template_id = std::string(template_id),
                                   .locale = locale,
                                   .subject = rendered.subject,
                                   .message = rendered.html,
                                   .sender_name = "",
                                   .sender_email = "",
                                   .reply_to_email = "",
                                   .reply_to_name = ""};
}

void add_template_endpoints(Api& api, const AuthServices& services) {
    api.add({Method::kGet, "/v1/project/templates/email", "templates.read",
             http::Execution::kBlocking, [](Context& ctx) {
                 const auto slice = list_slice(ctx);
                 return json(200, list_model("templates", ctx.require_project().email_templates,
                                             slice, template_model));
             }});
    api.add({Method::kGet, "/v1/project/templates/email/{templateId}", "templates.read",
             http::Execution::kBlocking, [](Context& ctx) {
                 const auto id =
                     one_of("templateId", kTemplateIds, ctx.request.path_param("templateId"));
                 const auto locale = template_locale(ctx);
                 const auto& project = ctx.require_project();
                 for (const auto& entry : project.email_templates) {
                     if (entry.template_id == id && entry.locale == locale)
                         return json(200, template_model(entry));
                 }
                 return json(200, template_model(default_template(id, locale)));
             }});
    api.add(
        {Method::kPatch, "/v1/project/templates/email", "templates.write",
         http::Execution::kBlocking, [services](Context& ctx) {
             const auto id =
                 one_of("templateId", kTemplateIds, param::string(ctx, "templateId", 32));
             const auto locale = template_locale(ctx);
             const auto subject = nullable_text(ctx, "subject", 255, false);
             const auto message = nullable_text(ctx, "message", 10'485'760, false);
             const auto sender_name = nullable_text(ctx, "senderName", 255);
             const auto sender_email = nullable_email(ctx, "senderEmail");
             const auto reply_to_email = nullable_email(ctx, "replyToEmail");
             const auto reply_to_name = nullable_text(ctx, "replyToName", 255);
             platform::EmailTemplate saved;
             services.directory.update_settings(ctx.require_project(), [&](ProjectSettings& s) {
                 if (!s.smtp.enabled) {
                     throw Error(
                         ErrorType::kGeneralArgumentInvalid,
                         "Custom email templates need the project's own SMTP: enable it first.");
                 }
                 auto& templates = s.email_templates;
                 auto it = std::find_if(templates.begin(), templates.end(), [&](const auto& entry) {
                     return entry.template_id == id && entry.locale == locale;
                 });
                 platform::EmailTemplate entry;
                 if (it != templates.end()) entry = *it;
                 entry.template_id = id;
                 entry.locale = locale;
                 entry.subject = subject.value_or(entry.subject);
                 entry.message = message.value_or(entry.message);
                 entry.sender_name = sender_name.value_or(entry.sender_name);
                 entry.sender_email = sender_email.value_or(entry.sender_email);
                 entry.reply_to_email = reply_to_email.value_or(entry.reply_to_email);
                 entry.reply_to_name = reply_to_name.value_or(entry.reply_to_name);
                 if (entry.subject.empty()) not_optional("subject");
                 if (entry.message.empty()) not_optional("message");
                 if (it != templates.end()) {
                     *it = entry;
                 } else {
                     templates.push_back(entry);
                 }
                 saved = entry;
             });
             return json(200, template_model(saved));
         }});
}

// ---------------------------------------------------------------------------------------------
// OAuth2 provider settings.

// The value of `field` in the request, validated; nullopt when not given.
std::optional<bj::value> extra_param(Context& ctx, const ExtraField& field) {
    auto name = field.param;
    if (!given(ctx, name) && !field.legacy_name.empty() && given(ctx, field.legacy_name))
        name = field.legacy_name;
    if (!given(ctx, name)) return std::nullopt;
    switch (field.check) {
        case FieldCheck::kText256:
            return bj::value(param::string(ctx, name, 256, true));
        case FieldCheck::kText4096:
            return bj::value(param::string(ctx, name, 4096, true));
        case FieldCheck::kUrl: {
            auto url = param::string(ctx, name, 2048, true);
            if (!url.empty() && !is_url(url)) invalid(name, "Value must be a valid URL");
            return bj::value(url);
        }
        case FieldCheck::kDomain: {
            auto domain = param::string(ctx, name, 256, true);
            if (!domain.empty() &&
                (!is_hostname(domain) || domain.find('.') == std::string::npos)) {
                invalid(name, "Value must be a valid domain");
            }
            return bj::value(domain);
        }
        case FieldCheck::kPrompt: {
            const auto values = param::strings(ctx, name, false, 3, 32);
            bj::array prompt;
            for (const auto& value : values)
                prompt.emplace_back(one_of(name, kPromptValues, value));
            if (prompt.empty()) invalid(name, "Give at least one prompt value.");
            if (prompt.size() > 1 &&
                std::find(values.begin(), values.end(), "none") != values.end()) {
                invalid(name, "\"none\" cannot be combined with other prompt values.");
            }
            return bj::value(std::move(prompt));
        }
    }
    return std::nullopt;
}

struct ProviderChanges {
    std::optional<std::string> app_id;
    std::optional<std::string> client_secret;
    std::vector<std::pair<const ExtraField*, bj::value>> extras;
    std::optional<bool> enabled;
};

ProviderChanges provider_changes(Context& ctx, const ProviderInfo& provider) {
    ProviderChanges changes;
    changes.app_id = nullable_text(ctx, provider.client_id, 256);
    if (!provider.client_secret.empty())
        changes.client_secret = nullable_text(ctx, provider.client_secret, 512);
    for (const auto& field : provider.extras) {
        if (auto value = extra_param(ctx, field))
            changes.extras.emplace_back(&field, std::move(*value));
    }
    changes.enabled = nullable_bool(ctx, "enabled");
    return changes;
}

// Why the provider cannot be enabled with `settings`; empty when it can.
std::string enable_problem(const ProviderInfo& provider,
                           const platform::OAuth2ProviderSettings& settings) {
    const auto secret =
        provider.extras.empty() ? bj::object{} : secret_object(provider, settings.secret);
    const auto client_secret =
        provider.extras.empty() ? settings.secret : text_in(secret, "clientSecret");
    if (settings.app_id.empty())
        return fmt::format("{} cannot be enabled without its {}.", provider.name,
                           provider.client_id);
    if (!provider.client_secret.empty() && client_secret.empty()) {
        return fmt::format("{} cannot be enabled without its {}.", provider.name,
                           provider.client_secret);
    }
    for (const auto& field : provider.extras) {
        if (field.needed_to_enable && text_in(secret, field.json_key).empty()) {
            return fmt::format("{} cannot be enabled without its {}.", provider.name, field.param);
        }
    }
    if (provider.id == "oidc") {
        const bool discovery = !text_in(secret, "authorizationEndpoint").empty() &&
                               !text_in(secret, "tokenEndpoint").empty() &&
                               !text_in(secret, "userInfoEndpoint").empty();
        if (text_in(secret, "wellKnownEndpoint").empty() && !discovery) {
            return "OpenID Connect cannot be enabled without wellKnownURL, or else "
                   "authorizationURL, tokenURL and "
                   "userInfoURL.";
        }
    }
    return {};
}

void apply_provider(const ProviderInfo& provider, const ProviderChanges& changes,
                    platform::OAuth2ProviderSettings& settings) {
    if (changes.app_id) settings.app_id = *changes.app_id;
    if (provider.extras.empty()) {
        if (changes.client_secret) settings.secret = *changes.client_secret;
    } else if (changes.client_secret || !changes.extras.empty()) {
        // Appwrite's JSON shape: every field present, given values over the stored ones.
        const auto stored = secret_object(provider, settings.secret);
        bj::object secret;
        if (!provider.client_secret.empty())
            secret["clientSecret"] =
                changes.client_secret.value_or(text_in(stored, "clientSecret"));
        for (const auto& field : provider.extras) {
            const auto given_value =
                std::find_if(changes.extras.begin(), changes.extras.end(),
                             [&](const auto& change) { return change.first == &field; });
            if (given_value != changes.extras.end()) {
                secret[field.json_key] = given_value->second;
            } else if (field.check == FieldCheck::kPrompt) {
                secret[field.json_key] = prompt_or_default(stored);
            } else {
                secret[field.json_key] = text_in(stored, field.json_key);
            }
        }
        settings.secret = bj::serialize(secret);
    }
    if (changes.enabled) settings.enabled = *changes.enabled;
    if (changes.enabled == false) return;
    // Appwrite checks the credentials with the provider before enabling (for a few providers)
    // and enables complete settings when `enabled` is not given; Basalt checks completeness only.
    const auto problem = enable_problem(provider, settings);
    if (problem.empty()) {
        settings.enabled = true;
    } else if (changes.enabled == true) {
        throw Error(ErrorType::kGeneralArgumentInvalid, problem);
    }
}

void add_oauth2_settings_endpoints(Api& api, const AuthServices& services) {
    api.add({Method::kGet, "/v1/project/oauth2", "oauth2.read", http::Execution::kBlocking,
             [](Context& ctx) {
                 const auto slice = list_slice(ctx);
                 const std::vector<const ProviderInfo*> providers = [] {
                     std::vector<const ProviderInfo*> all;
                     for (const auto& provider : kProviders) all.push_back(&provider);
                     return all;
                 }();
                 const auto& project = ctx.require_project();
                 return json(200, list_model("providers", providers, slice,
                                             [&](const ProviderInfo* provider) {
                                                 return provider_model(ctx, *provider, project);
                                             }));
             }});
    api.add({Method::kGet, "/v1/project/oauth2/{provider}", "oauth2.read",
             http::Execution::kBlocking, [](Context& ctx) {
                 const auto id = ctx.request.path_param("provider");
                 const auto* provider = find_provider(id);
                 if (!provider) {
                     std::vector<std::string_view> ids;
                     for (const auto& known : kProviders) ids.push_back(known.id);
                     one_of("providerId", ids, id);
                 }
                 return json(200, provider_model(ctx, *provider, ctx.require_project()));
             }});
    for (const auto& provider : kProviders) {
        api.add({Method::kPatch, fmt::format("/v1/project/oauth2/{}", provider.id), "oauth2.write",
                 http::Execution::kBlocking, [services, &provider](Context& ctx) {
                     const auto changes = provider_changes(ctx, provider);
                     const auto project = services.directory.update_settings(
                         ctx.require_project(), [&](ProjectSettings& s) {
                             apply_provider(provider, changes, s.oauth2[std::string(provider.id)]);
                         });
                     return json(200, provider_model(ctx, provider, *project));
                 }});
    }
}

}  // namespace

void add_project_auth_endpoints(Api& api, const AuthServices& services) {
    add_auth_method_endpoints(api, services);
    add_policy_endpoints(api, services);
    add_mock_phone_endpoints(api, services);
    add_smtp_endpoints(api, services);
    add_template_endpoints(api, services);
    add_oauth2_settings_endpoints(api, services);
}

}  // namespace basalt::api
