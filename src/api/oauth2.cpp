// OAuth2 sign-in (the session and token flows, the provider's callback, the redirect route that
// finishes the sign-in) and identities, for Account and Users.
//
// The browser goes: GET /v1/account/sessions/oauth2/{provider} (301 to the provider) -> the
// provider -> GET or POST /v1/account/sessions/oauth2/callback/{provider}/{projectId} (301, so
// the project is known again) -> GET /v1/account/sessions/oauth2/{provider}/redirect, which
// signs the user in and sends the browser to `success` (or `failure` with the error).
#include "auth/oauth2/oauth2.hpp"

#include <fmt/format.h>

#include <boost/json/serialize.hpp>

#include "api/auth_models.hpp"
#include "api/auth_support.hpp"
#include "api/params.hpp"
#include "api/services.hpp"
#include "auth/oauth2_login.hpp"
#include "auth/records.hpp"
#include "auth/session_cookie.hpp"
#include "auth/sessions.hpp"
#include "auth/app_urls.hpp"
#include "core/error.hpp"
#include "core/net.hpp"
#include "core/time.hpp"
#include "outbound/http_client.hpp"

namespace basalt::api {
namespace {

namespace bj = boost::json;
namespace oauth2 = auth::oauth2;
using http::Method;
using namespace std::string_view_literals;

// Where Appwrite sends the browser when the app gave no success or failure URL: pages of its
// console that hand the session over to native apps.
constexpr std::string_view kDefaultSuccessPath = "/console/auth/oauth2/success";
constexpr std::string_view kDefaultFailurePath = "/console/auth/oauth2/failure";

// Appwrite's limits on the params of these routes.
constexpr std::size_t kMaxParamLength = 2048;  // code, state, error, error_description, URLs
constexpr std::size_t kMaxProjectIdLength = 1024;
constexpr std::size_t kMaxScopes = 100;
constexpr std::size_t kMaxScopeLength = 4096;

// The attributes identity queries may use (Appwrite's Identities validator).
constexpr std::array kIdentityQueryAttributes = {"userId"sv, "provider"sv, "providerUid"sv,
                                                 "providerEmail"sv, "providerAccessTokenExpiry"sv};

bj::object identity_model(const db::Document& identity) {
    auto model = meta_model(identity);
    const auto& d = identity.data;
    for (const char* key :
         {"userId", "provider", "providerUid", "providerEmail", "providerAccessToken"}) {
        model[key] = auth::text_of(d, key);
    }
    const auto expiry = auth::time_of(d, "providerAccessTokenExpiry");
    model["providerAccessTokenExpiry"] = expiry ? time::format_iso(*expiry) : std::string();
    model["providerRefreshToken"] = auth::text_of(d, "providerRefreshToken");
    return model;
}

// Where this API is reached, as the browser sees it: "http://127.0.0.1:8080".
std::string public_base(const Context& ctx) {
    const bool https = ctx.request.header("x-forwarded-proto").value_or("") == "https";
    return fmt::format("{}://{}", https ? "https" : "http",
                       ctx.request.header("host").value_or("localhost"));
}

std::string callback_url(const Context& ctx, std::string_view provider,
                         std::string_view project_id) {
    return fmt::format("{}/v1/account/sessions/oauth2/callback/{}/{}", public_base(ctx), provider,
                       project_id);
}

// Why `url` may not receive the browser, in Appwrite's words; nullopt when it may. As Appwrite:
// the project's web platforms, loopback hosts, the app schemes, and the API's own host (Appwrite
// allows its own domain, where the default success and failure pages live).
std::optional<std::string> redirect_refusal(const Context& ctx, std::string_view url) {
    const auto& project = ctx.require_project();
    if (auth::redirect_allowed(url, project.web_hostnames, project.id)) return std::nullopt;
    const auto parts = auth::url_parts(url);
    if (!parts || parts->scheme.empty()) return "Invalid URI.";
    const bool web = parts->scheme == "http" || parts->scheme == "https";
    const auto base = public_base(ctx);
    if (web && !parts->host.empty() && parts->host == net::url_host(base)) return std::nullopt;
    return fmt::format(
        "Invalid URI. Register your new client {}as a new {}platform on your project console "
        "dashboard",
        parts->host.empty() ? "" : "(" + parts->host + ") ", web ? "Web " : "");
}

// The `provider` path param: one of the providers, else Appwrite's whitelist error.
std::string provider_param(Context& ctx) {
    std::string provider(ctx.request.path_param("provider"));
    if (oauth2::is_provider(provider)) return provider;
    std::string names;
    for (const auto& p : oauth2::providers())
        names += (names.empty() ? "" : ", ") + std::string(p.id);
    throw Error(ErrorType::kGeneralArgumentInvalid,
                fmt::format("Invalid `provider` param: Value must be one of ({})", names));
}

http::Response redirect(std::string location) {
    http::Response response;
    response.status = 301;
    response.content_type.clear();
    response.headers.add("Location", std::move(location));
    response.headers.add("Cache-Control", "no-store, no-cache, must-revalidate, max-age=0");
    response.headers.add("Pragma", "no-cache");
    return response;
}

std::string text_param(const bj::value& value) {
    return value.is_string() ? std::string(value.get_string()) : bj::serialize(value);
}

// `url` with Appwrite's error fields: error={"message","type","code"}, and for the default
// failure page the project, which the page needs to hand the error to a native app.
std::string failure_location(std::string_view url, const Error& error,
                             std::string_view project_id) {
    const auto text = bj::serialize(bj::object{
        {"message", error.what()}, {"type", error.info().type}, {"code", error.status()}});
    std::vector<auth::QueryParam> params = {{"error", text}};
    if (url.find(kDefaultFailurePath) != std::string_view::npos)
        params.emplace_back("project", project_id);
    return auth::with_query(url, params);
}

// A provider that refused the code or could not be asked: Appwrite's provider failure, naming
// the provider's own error code (the part of "error: description" before the colon).
Error provider_failure(std::string_view provider, const Error& error) {
    const auto* p = oauth2::find_provider(provider);
    std::string_view detail = error.what();
    if (const auto colon = detail.find(": "); colon != std::string_view::npos)
        detail = detail.substr(0, colon);
    return Error(ErrorType::kUserOauth2ProviderFailure,
                 fmt::format("{} couldn't complete sign-in ({}). Please try again.",
                             p ? p->name : provider, detail));
}

bool is_provider_error(const Error& error) {
    const auto type = error.type();
    return type == ErrorType::kUserOauth2BadRequest || type == ErrorType::kUserOauth2Unauthorized ||
           type == ErrorType::kUserOauth2ProviderError;
}

class OAuth2Endpoints {
public:
    explicit OAuth2Endpoints(AuthServices services) : s_(services) {}

    http::Response create_session(Context& ctx) { return start(ctx, false); }
    http::Response create_token(Context& ctx) { return start(ctx, true); }

    // Both flows start here: check the app's URLs and the project's provider, then send the
    // browser to the provider.
    http::Response start(Context& ctx, bool token) {
        const auto provider = provider_param(ctx);
        const auto& project = ctx.require_project();
        auto success = url_param(ctx, "success");
        auto failure = url_param(ctx, "failure");
        const auto scopes = param::strings(ctx, "scopes", false, kMaxScopes, kMaxScopeLength);
        const auto settings = auth::project_provider(project, provider);
        require_enabled(settings);
        if (settings.app_id.empty() || settings.secret.empty()) {
            throw Error(ErrorType::kProjectProviderDisabled,
                        "This provider is disabled. Please configure the provider app ID and app "
                        "secret key from your Basalt console to continue.");
        }
        if (success.empty()) success = public_base(ctx) + std::string(kDefaultSuccessPath);
        if (failure.empty()) failure = public_base(ctx) + std::string(kDefaultFailurePath);
        return redirect(oauth2::authorize_url(
            provider, {settings.app_id, settings.secret}, callback_url(ctx, provider, project.id),
            {.success = success, .failure = failure, .token = token}, scopes, project.jwt_secret));
    }

    // The provider's redirect (GET) or form post (POST, Apple) to the callback registered with it:
    // on to the redirect route with every param and the project, so that the request is the
    // project's again.
    http::Response callback(Context& ctx) {
        const auto provider = provider_param(ctx);
        const auto project_id = param::string(ctx, "projectId", kMaxProjectIdLength);
        for (const char* name : {"code", "error", "error_description"})
            param::optional_string(ctx, name, kMaxParamLength);
        state_param(ctx);
        std::vector<std::pair<std::string, std::string>> fields;
        for (const auto& [key, value] : ctx.params()) {
            if (key == "projectId" || key == "provider" || key == "project" || value.is_null())
                continue;
            fields.emplace_back(key, text_param(value));
        }
        fields.emplace_back("project", project_id);
        return redirect(fmt::format("{}/v1/account/sessions/oauth2/{}/redirect?{}",
                                    public_base(ctx), provider, outbound::form_encode(fields)));
    }

    // Finishes the sign-in. Errors before the failure URL is known and checked are answered here;
    // later ones send the browser to `failure` with the error when the app gave one.
    http::Response finish(Context& ctx) {
        const auto provider = provider_param(ctx);
        const auto code = param::optional_string(ctx, "code", kMaxParamLength);
        const auto state_text = state_param(ctx);
        const auto error = param::optional_string(ctx, "error", kMaxParamLength);
        const auto error_description =
            param::optional_string(ctx, "error_description", kMaxParamLength);
        const auto& project = ctx.require_project();
        oauth2::CallbackState state;
        if (!state_text.empty())
            state = oauth2::parse_state(provider, state_text, project.jwt_secret);
        if (redirect_refusal(ctx, state.login.success))
            throw Error(ErrorType::kProjectInvalidSuccessUrl);
        const auto& failure = state.login.failure;
        if (!failure.empty() && redirect_refusal(ctx, failure))
            throw Error(ErrorType::kProjectInvalidFailureUrl);
        try {
            require_enabled(auth::project_provider(project, provider));
            const auto* p = oauth2::find_provider(provider);
            if (!error.empty()) {
                throw Error(
                    ErrorType::kUserOauth2ProviderError,
                    fmt::format("The {} OAuth2 provider returned an error: {}{}{}", p->name, error,
                                error_description.empty() ? "" : ": ", error_description));
            }
            return sign_in(ctx, provider, code, state);
        } catch (const Error& e) {
            if (failure.empty()) throw;
            return redirect(failure_location(failure, e, project.id));
        }
    }

    http::Response list_account_identities(Context& ctx) {
        const auto& user = signed_in_user(ctx);
        return identity_list(ctx, {db::Query::equal("userId", bj::array{bj::string(user.id)})},
                             false);
    }

    http::Response delete_account_identity(Context& ctx) {
        return delete_identity(ctx, signed_in_user(ctx).id);
    }

    http::Response list_identities(Context& ctx) { return identity_list(ctx, {}, true); }

    http::Response delete_any_identity(Context& ctx) { return delete_identity(ctx, {}); }

private:
    static void require_enabled(const platform::OAuth2ProviderSettings& settings) {
        if (settings.enabled) return;
        throw Error(ErrorType::kProjectProviderDisabled,
                    "This provider is disabled. Please enable the provider from your Basalt "
                    "console to continue.");
    }

    // success / failure: empty when not given, else an allowed redirect target.
    std::string url_param(Context& ctx, std::string_view name) {
        auto url = param::optional_string(ctx, name, kMaxParamLength);
        if (url.empty()) return url;
        if (const auto refusal = redirect_refusal(ctx, url)) {
            throw Error(ErrorType::kGeneralArgumentInvalid,
                        fmt::format("Invalid `{}` param: {}", name, *refusal));
        }
        return url;
    }

    static std::string state_param(Context& ctx) {
        return param::optional_string(ctx, "state", kMaxParamLength);
    }

    http::Response sign_in(Context& ctx, const std::string& provider, const std::string& code,
                           const oauth2::CallbackState& state) {
        const auto& project = ctx.require_project();
        const auto config = auth::project_provider(project, provider);
        if (code.empty()) throw Error(ErrorType::kUserOauth2ProviderError, "Missing OAuth2 code.");
        const oauth2::ProviderSettings settings{config.app_id, config.secret};
        const auto redirect_uri = callback_url(ctx, provider, project.id);
        auth::OAuth2SignIn login{
            .provider = provider, .user = {}, .tokens = {}, .fallback_name = {}};
        try {
            login.tokens =
                oauth2::exchange_code(provider, settings, redirect_uri, code, state.code_verifier);
        } catch (const Error& e) {
            if (is_provider_error(e)) throw provider_failure(provider, e);
            throw;
        }
        login.user = fetch_user(provider, settings, login.tokens);
        if (const auto* user_param = ctx.params().if_contains("user");
            user_param && user_param->is_string()) {
            login.fallback_name = oauth2::name_from_user_param(user_param->get_string());
        }
        auto db = s_.db(ctx);
        const auto* signed_in = ctx.caller.is_user() ? ctx.caller.user.get() : nullptr;
        const auto user = auth::sign_in_user(*db, project.auth, login, signed_in);
        // The new session replaces the one the browser came with.
        if (ctx.caller.session)
            db->delete_document(db::Authorization::internal(), "sessions", ctx.caller.session->id);
        const auto client = client_details(ctx, s_);
        if (state.login.token) {
            const auto secret = auth::create_oauth2_token(*db, project.auth, user.id, client);
            const auto sealed = auth::seal_token_secret(secret, provider, project.jwt_secret,
                                                        time::now_ms() / 1000);
            const std::vector<auth::QueryParam> params = {{"secret", sealed}, {"userId", user.id}};
            return redirect(auth::with_query(state.login.success, params));
        }
        const auto created =
            auth::create_session(*db, project.auth, user.id, auth::oauth2_session(login, client));
        const auto value = auth::encode_session_cookie({user.id, created.secret});
        auto location = state.login.success;
        // Appwrite's default success page hands the session to native apps through its query.
        if (location.find(kDefaultSuccessPath) != std::string::npos) {
            const auto key = auth::session_cookie_name(project.id);
            const auto domain = cookie_domain(ctx);
            std::vector<auth::QueryParam> params = {{"project", project.id}};
            if (!domain.empty()) params.emplace_back("domain", domain);
            params.emplace_back("key", key);
            params.emplace_back("secret", value);
            location = auth::with_query(location, params);
        }
        auto response = redirect(std::move(location));
        set_session_cookies(ctx, response, value,
                            auth::time_of(created.session.data, "expire").value_or(0));
        alert_new_session(ctx, s_, user, created.session);
        return response;
    }

    // The provider's user; a user without an id is Appwrite's user_missing_id.
    static oauth2::OAuth2User fetch_user(const std::string& provider,
                                         const oauth2::ProviderSettings& settings,
                                         const oauth2::OAuth2Tokens& tokens) {
        try {
            return oauth2::fetch_user(provider, settings, tokens);
        } catch (const Error& e) {
            if (std::string_view(e.what()).starts_with("Missing ID from OAuth2 provider")) {
                throw Error(ErrorType::kUserMissingId);
            }
            throw;
        }
    }

    http::Response identity_list(Context& ctx, std::vector<db::Query> filters, bool searchable) {
        const auto page = list_internal(ctx, *s_.db(ctx),
                                        {.collection = "identities",
                                         .allowed = kIdentityQueryAttributes,
                                         .filters = std::move(filters),
                                         .searchable = searchable});
        bj::array identities;
        for (const auto& identity : page.documents) identities.push_back(identity_model(identity));
        return json(200, bj::object{{"total", page.total}, {"identities", std::move(identities)}});
    }

    // `owner` empty: any user's identity (API keys).
    http::Response delete_identity(Context& ctx, std::string_view owner) {
        const auto id = param::path_id(ctx, "identityId");
        auto db = s_.db(ctx);
        if (!auth::find_identity(*db, id, owner)) throw Error(ErrorType::kUserIdentityNotFound);
        db->delete_document(db::Authorization::internal(), "identities", id);
        return http::Response::no_content();
    }

    AuthServices s_;
};

}  // namespace

void add_oauth2_endpoints(Api& api, const AuthServices& services) {
    using E = OAuth2Endpoints;
    const Routes<E> route(api, std::make_shared<E>(services));
    route(Method::kGet, "/v1/account/sessions/oauth2/{provider}", "sessions.write",
          &E::create_session);
    route(Method::kGet, "/v1/account/tokens/oauth2/{provider}", "sessions.write", &E::create_token);
    route(Method::kGet, "/v1/account/sessions/oauth2/callback/{provider}/{projectId}", "public",
          &E::callback);
    // Apple posts its answer from its own origin (response_mode=form_post).
    route(Method::kPost, "/v1/account/sessions/oauth2/callback/{provider}/{projectId}", "public",
          &E::callback, {.any_origin = true});
    route(Method::kGet, "/v1/account/sessions/oauth2/{provider}/redirect", "public", &E::finish);
    route(Method::kGet, "/v1/account/identities", "account", &E::list_account_identities);
    route(Method::kDelete, "/v1/account/identities/{identityId}", "account",
          &E::delete_account_identity);
    route(Method::kGet, "/v1/users/identities", "users.read", &E::list_identities);
    route(Method::kDelete, "/v1/users/identities/{identityId}", "users.write",
          &E::delete_any_identity);
}

}  // namespace basalt::api
