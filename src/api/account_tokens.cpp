// Token sign-in (magic URL, email and phone OTP, custom tokens), email and phone verification,
// password recovery: the Account and Users endpoints that issue one-time tokens and take them
// back. Token records live in auth/tokens; delivery goes through the courier, never in the
// request thread.
#include <fmt/format.h>

#include <array>
#include <boost/json/array.hpp>
#include <functional>

#include "api/auth_models.hpp"
#include "api/auth_support.hpp"
#include "api/params.hpp"
#include "api/services.hpp"
#include "auth/credentials/codes.hpp"
#include "auth/credentials/password_hash.hpp"
#include "auth/oauth2_login.hpp"
#include "auth/records.hpp"
#include "auth/session_cookie.hpp"
#include "auth/sessions.hpp"
#include "auth/app_urls.hpp"
#include "auth/tokens/phrase.hpp"
#include "auth/tokens/tokens.hpp"
#include "auth/users.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "platform/locale/locale_catalog.hpp"

namespace basalt::api {
namespace {

namespace bj = boost::json;
using auth::TokenType;
using http::Method;

// Model `token`. The secret is shown only where Appwrite shows it (to API keys, right after
// creation); `phrase` only when the client asked for one.
bj::object token_model(const db::Document& token, std::string_view secret = {},
                       std::string_view phrase = {}) {
    return bj::object{{"$id", token.id},
                      {"$createdAt", time::format_iso(token.created_at)},
                      {"userId", auth::text_of(token.data, "userId")},
                      {"secret", secret},
                      {"expire", auth::text_of(token.data, "expire")},
                      {"phrase", phrase}};
}

// An existing user's ID (Appwrite's UID validator: no "unique()").
std::string uid(Context& ctx, std::string_view name) {
    auto value = param::string(ctx, name, ids::kMaxLength);
    if (!ids::is_valid(value)) {
        throw Error(
            ErrorType::kGeneralArgumentInvalid,
            fmt::format(
                "Invalid `{}` param: UID must contain at most 36 chars. Valid chars are a-z, A-Z, "
                "0-9, period, hyphen, and underscore. Can't start with a special char",
                name));
    }
    return value;
}

// The platform Appwrite's refusal asks to register, by the URL's scheme.
constexpr std::pair<std::string_view, std::string_view> kPlatformNames[] = {
    {"http", "Web"},
    {"https", "Web"},
    {"chrome-extension", "Web (Chrome Extension)"},
    {"moz-extension", "Web (Firefox Extension)"},
    {"safari-web-extension", "Web (Safari Extension)"},
    {"ms-browser-extension", "Web (Edge Extension)"},
    {"tauri", "Web (Tauri)"},
};

// Why Appwrite refuses `url` as a redirect target, in its words.
std::string redirect_refusal(std::string_view url) {
    const auto parts = auth::url_parts(url);
    if (!parts || (parts->scheme.empty() && parts->host.empty())) return "Invalid URI.";
    std::string reason = "Invalid URI. Register your new client ";
    if (!parts->host.empty()) reason += "(" + parts->host + ") ";
    reason += "as a new ";
    for (const auto& [scheme, platform] : kPlatformNames) {
        if (scheme == parts->scheme) reason += std::string(platform) + " ";
    }
    return reason + "platform on your project console dashboard";
}

// The `url` a link in an email points to: a web platform of the project, a loopback host or an
// app scheme (auth::redirect_allowed). Empty when optional and not given.
std::string redirect_url(Context& ctx, bool required) {
    auto url =
        required ? param::string(ctx, "url", 2048) : param::optional_string(ctx, "url", 2048);
    if (url.empty() && !required) return url;
    const auto& project = ctx.require_project();
    if (!auth::redirect_allowed(url, project.web_hostnames, project.id)) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    "Invalid `url` param: " + redirect_refusal(url));
    }
    return url;
}

// Where a magic URL leads when the client gave no `url`: the console's magic URL page on this
// server, as Appwrite does.
std::string console_magic_url(const Context& ctx) {
    const auto scheme =
        ctx.request.header("x-forwarded-proto").value_or("http") == "https" ? "https" : "http";
    return fmt::format("{}://{}/console/auth/magic-url", scheme,
                       ctx.request.header("host").value_or("localhost"));
}

// The fixed code of a project's mock number, if `phone` is one.
std::optional<std::string> mock_code(const platform::Project& project, std::string_view phone) {
    for (const auto& mock : project.auth.mock_numbers) {
        if (mock.phone == phone) return mock.otp;
    }
    return std::nullopt;
}

struct Delivery {
    std::string link_base;      // the `url` to put the token's parameters on; empty: no link
    bool with_project = false;  // the link names the project too (magic URL)
    std::function<void(const std::string& link)> send;  // queues the message; may throw
};

// The handlers; one instance per server, shared by the routes.
class TokenEndpoints {
public:
    explicit TokenEndpoints(AuthServices services) : s_(services) {}

    // --- Sign-in tokens -------------------------------------------------------------------

    http::Response magic_url_token(Context& ctx) {
        require_auth_method(ctx, "magic-url");
        const auto user_id = param::id(ctx, "userId");
        const auto email = param::email(ctx, "email");
        auto url = redirect_url(ctx, false);
        if (url.empty()) url = console_magic_url(ctx);
        const auto phrase =
            param::boolean(ctx, "phrase", false) ? auth::generate_phrase() : std::string();
        return email_sign_in_token(ctx, user_id, email, TokenType::kMagicUrl, phrase, url,
                                   ErrorType::kUserEmailAlreadyExists);
    }

    http::Response email_token(Context& ctx) {
        require_auth_method(ctx, "email-otp");
        const auto user_id = param::id(ctx, "userId");
        const auto email = param::email(ctx, "email");
        const auto phrase =
            param::boolean(ctx, "phrase", false) ? auth::generate_phrase() : std::string();
        // Appwrite answers a plain bad request here so as not to reveal accounts.
        return email_sign_in_token(ctx, user_id, email, TokenType::kEmail, phrase, "",
                                   ErrorType::kGeneralBadRequest);
    }

    http::Response phone_token(Context& ctx) {
        require_auth_method(ctx, "phone");
        const auto user_id = param::id(ctx, "userId");
        const auto phone = param::phone(ctx, "phone");
        // As Appwrite: without an SMS gateway even mock numbers are refused.
        if (!s_.courier.has_sms())
            throw Error(ErrorType::kGeneralPhoneDisabled, "Phone provider not configured");
        const auto& project = ctx.require_project();
        auto db = s_.db(ctx);
        auto [user, created] =
            find_or_create(*db, project, "phone", phone, {.id = user_id, .phone = phone}, {});
        const auto mock = mock_code(project, phone);
        const auto secret = mock.value_or(auth::generate_numeric_code());
        const auto token = undo_user_on_failure(*db, user.id, created, [&] {
            return issue(ctx, *db,
                         {.user_id = user.id,
                          .type = TokenType::kPhone,
                          .secret = secret,
                          .lifetime_seconds = auth::kOtpTokenLifetime,
                          .client = client_details(ctx, s_)},
                         sms_delivery(phone, secret, mock.has_value()));
        });
        // Appwrite shows keys the phone token's secret as a session cookie value.
        const auto shown =
            ctx.caller.is_key() ? auth::encode_session_cookie({user.id, secret}) : std::string();
        return json(201, token_model(token, shown));
    }

    http::Response custom_token(Context& ctx) {
        const auto user_id = param::path_id(ctx, "userId");
        const auto length = param::integer(
            ctx, "length", static_cast<std::int64_t>(auth::kCustomTokenDefaultLength),
            static_cast<std::int64_t>(auth::kCustomTokenMinLength),
            static_cast<std::int64_t>(auth::kCustomTokenMaxLength));
        const auto lifetime =
            param::integer(ctx, "expire", auth::kGenericTokenLifetime,
                           auth::kGenericTokenMinLifetime, auth::kGenericTokenMaxLifetime);
        auto db = s_.db(ctx);
        const auto user = auth::require_user(*db, user_id);
        const auto secret = auth::generate_token_secret(static_cast<std::size_t>(length));
        db::Document token;
        db->transact([&](db::Documents& docs) {
            token = auth::create_token(docs, {.user_id = user.id,
                                              .type = TokenType::kGeneric,
                                              .secret = secret,
                                              .lifetime_seconds = lifetime,
                                              .client = client_details(ctx, s_)});
        });
        return json(201, token_model(token, secret));
    }

    // Exchanges a sign-in token for a session (POST /v1/account/sessions/token and the deprecated
    // PUT /v1/account/sessions/magic-url and /phone).
    http::Response token_session(Context& ctx) {
        require_signed_out(ctx);
        const auto user_id = uid(ctx, "userId");
        const auto text = param::string(ctx, "secret", 256);
        const auto& project = ctx.require_project();
        // The OAuth2 token flow hands its secret out inside a JWT that names the provider.
        const auto oauth2 = auth::open_token_secret(text, project.jwt_secret, time::now_ms() / 1000);
        const auto secret = oauth2 ? oauth2->secret : text;
        auto db = s_.db(ctx);
        const auto user = auth::get_user(*db, user_id);
        std::optional<db::Document> token;
        if (user) token = auth::find_token(*db, user->id, secret, {}, time::now_ms());
        if (token && auth::type_of(*token) == auth::TokenType::kOAuth2) {
            if (!oauth2) throw Error(ErrorType::kUserInvalidToken);
            if (!auth::bool_of(user->data, "status")) throw Error(ErrorType::kUserBlocked);
            auto session = auth::oauth2_token_session(*db, user->id, oauth2->provider, client_details(ctx, s_));
            auth::consume_token(*db, *token, {});
            const auto created = auth::create_session(*db, project.auth, user->id, std::move(session));
            return new_session_response(ctx, s_, *user, created);
        }
        const auto sign_in = token ? auth::sign_in_of(auth::type_of(*token)) : std::nullopt;
        // Guessing is bounded by the route's abuse limit (api/rate_limits.cpp: ten tries an hour
        // per address and user, reset by a successful exchange).
        if (!sign_in) throw Error(ErrorType::kUserInvalidToken);
        // Appwrite would open a session that no request can use; Basalt refuses as email sign-in
        // does.
        if (!auth::bool_of(user->data, "status")) throw Error(ErrorType::kUserBlocked);
        bj::object verified;
        if (!sign_in->verifies.empty()) verified[sign_in->verifies] = true;
        auth::consume_token(*db, *token, verified);
        const auto created = auth::create_session(*db, project.auth, user->id,
                                                  {.provider = std::string(sign_in->provider),
                                                   .factors = {std::string(sign_in->factor)},
                                                   .client = client_details(ctx, s_)});
        return new_session_response(ctx, s_, *user, created);
    }

    // --- Verification ---------------------------------------------------------------------

    http::Response email_verification(Context& ctx) {
        const auto& user = signed_in_user(ctx);
        const auto url = redirect_url(ctx, true);
        const auto email = auth::text_of(user.data, "email");
        if (email.empty()) throw Error(ErrorType::kUserEmailNotFound);
        if (auth::bool_of(user.data, "emailVerification"))
            throw Error(ErrorType::kUserEmailAlreadyVerified);
        const auto secret = auth::generate_token_secret(auth::kVerificationSecretLength);
        auto db = s_.db(ctx);
        const auto token =
            issue(ctx, *db,
                  {.user_id = user.id,
                   .type = TokenType::kVerification,
                   .secret = secret,
                   .lifetime_seconds = auth::kConfirmTokenLifetime,
                   .client = client_details(ctx, s_)},
                  email_delivery(ctx, auth::EmailKind::kVerification, user, email, url, "", ""));
        return json(201, token_model(token, ctx.caller.is_key() ? secret : ""));
    }

    http::Response confirm_email_verification(Context& ctx) {
        return confirm(ctx, TokenType::kVerification, "emailVerification");
    }

    http::Response phone_verification(Context& ctx) {
        require_auth_method(ctx, "phone");
        const auto& user = signed_in_user(ctx);
        if (!s_.courier.has_sms())
            throw Error(ErrorType::kGeneralPhoneDisabled, "Phone provider not configured");
        const auto phone = auth::text_of(user.data, "phone");
        if (phone.empty()) throw Error(ErrorType::kUserPhoneNotFound);
        if (auth::bool_of(user.data, "phoneVerification"))
            throw Error(ErrorType::kUserPhoneAlreadyVerified);
        const auto mock = mock_code(ctx.require_project(), phone);
        const auto secret = mock.value_or(auth::generate_numeric_code());
        auto db = s_.db(ctx);
        const auto token = issue(ctx, *db,
                                 {.user_id = user.id,
                                  .type = TokenType::kPhone,
                                  .secret = secret,
                                  .lifetime_seconds = auth::kConfirmTokenLifetime,
                                  .client = client_details(ctx, s_)},
                                 sms_delivery(phone, secret, mock.has_value()));
        return json(201, token_model(token, ctx.caller.is_key() ? secret : ""));
    }

    http::Response confirm_phone_verification(Context& ctx) {
        return confirm(ctx, TokenType::kPhone, "phoneVerification");
    }

    // --- Password recovery ----------------------------------------------------------------

    http::Response recovery(Context& ctx) {
        const auto email = param::email(ctx, "email");
        const auto url = redirect_url(ctx, true);
        auto db = s_.db(ctx);
        // Appwrite says so when the email is unknown; it does not hide it.
        const auto user = auth::find_user_by(*db, "email", email);
        if (!user) throw Error(ErrorType::kUserNotFound);
        if (!auth::bool_of(user->data, "status")) throw Error(ErrorType::kUserBlocked);
        const auto secret = auth::generate_token_secret(auth::kRecoverySecretLength);
        const auto token =
            issue(ctx, *db,
                  {.user_id = user->id,
                   .type = TokenType::kRecovery,
                   .secret = secret,
                   .lifetime_seconds = auth::kRecoveryTokenLifetime,
                   .client = client_details(ctx, s_)},
                  email_delivery(ctx, auth::EmailKind::kRecovery, *user, email, url, "", ""));
        return json(201, token_model(token, ctx.caller.is_key() ? secret : ""));
    }

    http::Response complete_recovery(Context& ctx) {
        const auto user_id = uid(ctx, "userId");
        const auto secret = param::string(ctx, "secret", 256);
        const auto password = param::password(ctx, "password");
        const auto& settings = ctx.require_project().auth;
        auto db = s_.db(ctx);
        const auto user = auth::require_user(*db, user_id);
        const std::array types = {TokenType::kRecovery};
        const auto token = auth::find_token(*db, user.id, secret, types, time::now_ms());
        if (!token) throw Error(ErrorType::kUserInvalidToken);
        param::check_password_policy(
            settings, password, &user, user.id, auth::text_of(user.data, "email"),
            auth::text_of(user.data, "name"), auth::text_of(user.data, "phone"));
        const auto hash = auth::hash_password(password, auth::kArgon2Account);
        auto changes = password_attributes(hash);
        if (settings.password_history > 0)
            changes["passwordHistory"] = auth::password_history_with(user, hash.hash, settings.password_history);
        // Following the link proves the address, as Appwrite records.
        changes["emailVerification"] = true;
        auth::consume_token(*db, *token, changes, settings.invalidate_sessions);
        return json(200, token_model(*token));
    }

private:
    // Finds the user whose `attribute` is `value`, or creates `fresh` (with Appwrite's checks for
    // a new email: not taken by an OAuth2 identity, else `identity_error`). Says whether it
    // created.
    std::pair<db::Document, bool> find_or_create(db::Database& db, const platform::Project& project,
                                                 std::string_view attribute, std::string_view value,
                                                 const auth::NewUser& fresh,
                                                 std::optional<ErrorType> identity_error) {
        if (auto user = auth::find_user_by(db, attribute, value)) return {std::move(*user), false};
        if (identity_error) {
            const std::vector<db::Query> q = {
                db::Query::equal("providerEmail", bj::array{bj::string(value)}),
                db::Query::limit(1)};
            if (!db.list_documents(db::Authorization::internal(), "identities", q,
                                   {.with_total = false})
                     .documents.empty()) {
                throw Error(*identity_error);
            }
        }
        return {auth::create_user(db, project.auth, fresh), true};
    }

    // Runs `issue_token`; when it fails, a user this request created goes again, so a refused
    // request leaves nothing behind.
    template <typename Issue>
    static db::Document undo_user_on_failure(db::Database& db, const std::string& user_id,
                                             bool created, Issue&& issue_token) {
        try {
            return issue_token();
        } catch (...) {
            if (created) auth::delete_user(db, user_id);
            throw;
        }
    }

    http::Response email_sign_in_token(Context& ctx, const std::string& user_id,
                                       const std::string& email, TokenType type,
                                       const std::string& phrase, const std::string& url,
                                       ErrorType identity_error) {
        const auto& project = ctx.require_project();
        auto db = s_.db(ctx);
        auto [user, created] = find_or_create(*db, project, "email", email,
                                              {.id = user_id, .email = email}, identity_error);
        const bool magic = type == TokenType::kMagicUrl;
        const auto secret = magic ? auth::generate_token_secret(auth::kMagicUrlSecretLength)
                                  : auth::generate_numeric_code();
        auto delivery = magic ? email_delivery(ctx, auth::EmailKind::kMagicSession, user, email,
                                               url, "", phrase)
                              : email_delivery(ctx, auth::EmailKind::kOtpSession, user, email, "",
                                               secret, phrase);
        delivery.with_project = magic;
        const auto token = undo_user_on_failure(*db, user.id, created, [&] {
            return issue(
                ctx, *db,
                {.user_id = user.id,
                 .type = type,
                 .secret = secret,
                 .lifetime_seconds = magic ? auth::kConfirmTokenLifetime : auth::kOtpTokenLifetime,
                 .client = client_details(ctx, s_),
                 .phrase = phrase},
                delivery);
        });
        return json(201, token_model(token, ctx.caller.is_key() ? secret : "", phrase));
    }

    // Stores the token and queues its message in one transaction: a message that cannot be
    // queued (no SMTP server, no SMS gateway, a full queue) leaves no token behind. The link
    // carries the token's expiry, so it is made from the stored token.
    static db::Document issue(Context& ctx, db::Database& db, const auth::NewToken& input,
                              const Delivery& delivery) {
        db::Document token;
        db.transact([&](db::Documents& docs) {
            token = auth::create_token(docs, input);
            std::string link;
            if (!delivery.link_base.empty()) {
                const auto expire = auth::text_of(token.data, "expire");
                std::vector<auth::QueryParam> params = {
                    {"userId", input.user_id}, {"secret", input.secret}, {"expire", expire}};
                if (delivery.with_project) params.emplace_back("project", ctx.require_project().id);
                link = auth::with_query(delivery.link_base, params);
            }
            if (delivery.send) delivery.send(link);
        });
        return token;
    }

    Delivery email_delivery(const Context& ctx, auth::EmailKind kind, const db::Document& user,
                            const std::string& email, const std::string& url,
                            const std::string& otp, const std::string& phrase) const {
        const auto client = client_details(ctx, s_);
        // Appwrite writes UNKNOWN for what the detector could not tell.
        const auto agent = [&](const char* key) {
            auto value = auth::text_of(client, key);
            return value.empty() ? std::string("UNKNOWN") : value;
        };
        auth::EmailParams params{.user = auth::text_of(user.data, "name"),
                                 .project = ctx.require_project().name,
                                 .otp = otp,
                                 .phrase = phrase};
        if (kind == auth::EmailKind::kMagicSession || kind == auth::EmailKind::kOtpSession) {
            params.agent_client = agent("clientName");
            params.agent_device = agent("deviceBrand");
            params.agent_os = agent("osName");
        }
        const auto project = ctx.project;
        auto& courier = s_.courier;
        return {.link_base = url,
                .send = [&courier, project, kind, locale = ctx.locale, params, email,
                         name = params.user](const std::string& link) mutable {
                    params.redirect = link;
                    courier.send_email(*project, kind, locale, params, email, name);
                }};
    }

    // The SMS with the code (Appwrite's English text is the code alone); none for a mock number.
    Delivery sms_delivery(const std::string& phone, const std::string& code, bool mock) const {
        if (mock) return {};
        auto& courier = s_.courier;
        return {
            .send = [&courier, phone, code](const std::string&) { courier.send_sms(phone, code); }};
    }

    // PUT of a verification: uses the token up and marks `attribute` verified.
    http::Response confirm(Context& ctx, TokenType type, const char* attribute) {
        const auto user_id = uid(ctx, "userId");
        const auto secret = param::string(ctx, "secret", 256);
        auto db = s_.db(ctx);
        const auto user = auth::require_user(*db, user_id);
        const std::array types = {type};
        const auto token = auth::find_token(*db, user.id, secret, types, time::now_ms());
        if (!token) throw Error(ErrorType::kUserInvalidToken);
        auth::consume_token(*db, *token, {{attribute, true}});
        return json(200, token_model(*token));
    }

    AuthServices s_;
};

}  // namespace

void add_token_endpoints(Api& api, const AuthServices& services) {
    using E = TokenEndpoints;
    const Routes<E> route(api, std::make_shared<E>(services));
    route(Method::kPost, "/v1/account/tokens/magic-url", "sessions.write", &E::magic_url_token);
    route(Method::kPost, "/v1/account/sessions/magic-url", "sessions.write",
          &E::magic_url_token);  // alias
    route(Method::kPost, "/v1/account/tokens/email", "sessions.write", &E::email_token);
    route(Method::kPost, "/v1/account/tokens/phone", "sessions.write", &E::phone_token);
    route(Method::kPost, "/v1/account/sessions/phone", "sessions.write", &E::phone_token);  // alias
    route(Method::kPost, "/v1/account/sessions/token", "sessions.write", &E::token_session);
    route(Method::kPut, "/v1/account/sessions/magic-url", "sessions.write",
          &E::token_session);  // deprecated
    route(Method::kPut, "/v1/account/sessions/phone", "sessions.write",
          &E::token_session);  // deprecated
    route(Method::kPost, "/v1/users/{userId}/tokens", "users.write", &E::custom_token);
    route(Method::kPost, "/v1/account/verifications/email", "account", &E::email_verification);
    route(Method::kPost, "/v1/account/verification", "account",
          &E::email_verification);  // deprecated alias
    route(Method::kPut, "/v1/account/verifications/email", "public",
          &E::confirm_email_verification);
    route(Method::kPut, "/v1/account/verification", "public",
          &E::confirm_email_verification);  // deprecated alias
    route(Method::kPost, "/v1/account/verifications/phone", "account", &E::phone_verification);
    route(Method::kPost, "/v1/account/verification/phone", "account",
          &E::phone_verification);  // alias
    route(Method::kPut, "/v1/account/verifications/phone", "public",
          &E::confirm_phone_verification);
    route(Method::kPut, "/v1/account/verification/phone", "public",
          &E::confirm_phone_verification);  // alias
    route(Method::kPost, "/v1/account/recovery", "sessions.write", &E::recovery);
    route(Method::kPut, "/v1/account/recovery", "sessions.write", &E::complete_recovery);
}

}  // namespace basalt::api
