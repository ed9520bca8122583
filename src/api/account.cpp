// The Account service (/v1/account*): the signed-in user's own account and sessions.
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "api/auth_models.hpp"
#include "api/auth_support.hpp"
#include "api/params.hpp"
#include "api/services.hpp"
#include "api/signed_in.hpp"
#include "auth/credentials/jwt.hpp"
#include "auth/oauth2_login.hpp"
#include "auth/records.hpp"
#include "auth/session_cookie.hpp"
#include "auth/sessions.hpp"
#include "auth/targets.hpp"
#include "auth/users.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "platform/locale/locale_catalog.hpp"

namespace basalt::api {
namespace {

namespace bj = boost::json;
using http::Method;


// The handlers; one instance per server, shared by the routes.
class AccountEndpoints {
public:
    explicit AccountEndpoints(AuthServices services) : s_(services) {}

    http::Response get(Context& ctx) {
        // The model lives until it is serialised: built in a stack buffer, dropped at once.
        unsigned char buffer[8192];
        bj::monotonic_resource scratch(buffer);
        return json(200, account(ctx, signed_in_user(ctx), &scratch));
    }
    http::Response logs(Context& ctx) { return logs_response(ctx, s_, LogsOf::kUser, signed_in_user(ctx).id); }
    http::Response get_prefs(Context& ctx) { return json(200, preferences_model(signed_in_user(ctx))); }
    http::Response update_name(Context& ctx) { return update(ctx, {{"name", param::string(ctx, "name", 128, true)}}); }

    bj::object account(const Context& ctx, const db::Document& user,
                       bj::storage_ptr storage = {}) const {
        return user_model(user, auth::user_targets(*s_.db(ctx), user), ctx.caller.is_key(),
                          std::move(storage));
    }

    http::Response create(Context& ctx) {
        require_auth_method(ctx, "email-password");
        const auto& project = ctx.require_project();
        auth::NewUser user;
        user.id = param::id(ctx, "userId");
        user.email = param::email(ctx, "email");
        const auto password = param::password(ctx, "password");
        user.name = param::optional_string(ctx, "name", 128);
        param::check_password_policy(project.auth, password, nullptr, user.id, user.email, user.name, "");
        auto db = s_.db(ctx);
        // An email already used by an OAuth2 identity is refused without saying so.
        const std::vector<db::Query> identity = {
            db::Query::equal("providerEmail", bj::array{bj::string(user.email)}), db::Query::limit(1)};
        if (!db->list_documents(db::Authorization::internal(), "identities", identity, {.with_total = false})
                 .documents.empty()) {
            throw Error(ErrorType::kGeneralBadRequest);
        }
        user.password = auth::hash_password(password);
        if (project.auth.password_history > 0) user.password_history = {user.password->hash};
        const auto created = auth::create_user(*db, project.auth, user);
        return json(201, account(ctx, created));
    }

    http::Response remove(Context& ctx) {
        const auto& user = signed_in_user(ctx);
        auth::delete_user(*s_.db(ctx), user.id);
        auto response = http::Response::no_content();
        clear_session_cookies(ctx, response);
        return response;
    }

    http::Response email_session(Context& ctx) {
        require_auth_method(ctx, "email-password");
        require_signed_out(ctx);
        const auto email = param::email(ctx, "email");
        const auto password = param::password(ctx, "password");
        auto db = s_.db(ctx);
        auto user = auth::find_user_by(*db, "email", email);
        // The same error whether the email is unknown or the password wrong.
        if (!user || !auth::time_of(user->data, "passwordUpdate") ||
            !auth::verify_password(password, stored_password(*user))) {
            throw Error(ErrorType::kUserInvalidCredentials);
        }
        if (!auth::bool_of(user->data, "status")) throw Error(ErrorType::kUserBlocked);
        if (auth::needs_rehash(stored_password(*user))) {
            *user = auth::update_user(*db, user->id, password_attributes(auth::hash_password(password)));
        }
        const auto created = auth::create_session(*db, ctx.require_project().auth, user->id,
                                                  {.provider = "email",
                                                   .provider_uid = email,
                                                   .factors = {"password"},
                                                   .client = client_details(ctx, s_)});
        return new_session_response(ctx, s_, *user, created);
    }

    http::Response anonymous_session(Context& ctx) {
        require_auth_method(ctx, "anonymous");
        require_signed_out(ctx);
        const auto& project = ctx.require_project();
        auto db = s_.db(ctx);
        const auto user = auth::create_user(*db, project.auth, {.id = ids::unique()});
        const auto created = auth::create_session(*db, project.auth, user.id,
                                                  {.provider = "anonymous",
                                                   .factors = {"anonymous"},
                                                   .client = client_details(ctx, s_)});
        return new_session_response(ctx, s_, user, created);
    }

    // The session named by the path; "current" is the caller's own.
    db::Document session_of_path(Context& ctx) {
        const auto& user = signed_in_user(ctx);
        auto id = std::string(ctx.request.path_param("sessionId"));
        if (id == "current") {
            if (!ctx.caller.session) throw Error(ErrorType::kUserSessionNotFound);
            id = ctx.caller.session->id;
        }
        auto session = auth::active_session(*s_.db(ctx), user.id, id, time::now_ms());
        if (!session) throw Error(ErrorType::kUserSessionNotFound);
        return std::move(*session);
    }

    bool is_current(const Context& ctx, const db::Document& session) const {
        return ctx.caller.session && ctx.caller.session->id == session.id;
    }

    bj::object render_session(const Context& ctx, const db::Document& session) const {
        return session_model(session, is_current(ctx, session),
                             s_.locale.country_name(auth::text_of(session.data, "countryCode"), ctx.locale));
    }

    http::Response list_sessions(Context& ctx) {
        const auto& user = signed_in_user(ctx);
        const auto sessions = auth::list_sessions(*s_.db(ctx), user.id);
        bj::array items;
        for (const auto& session : sessions) items.push_back(render_session(ctx, session));
        return json(200, bj::object{{"total", sessions.size()}, {"sessions", std::move(items)}});
    }

    http::Response get_session(Context& ctx) { return json(200, render_session(ctx, session_of_path(ctx))); }

    // Extends the session and, for an OAuth2 session, refreshes the provider's tokens.
    http::Response update_session(Context& ctx) {
        const auto session = session_of_path(ctx);
        const auto& project = ctx.require_project();
        auto changes = auth::refresh_provider_tokens(project, session);
        changes["expire"] = time::format_iso(time::now_ms() + project.auth.session_duration * 1000);
        const auto updated = s_.db(ctx)->update_document(db::Authorization::internal(), "sessions", session.id,
                                                         {.data = std::move(changes)});
        return json(200, render_session(ctx, updated));
    }

    http::Response delete_session(Context& ctx) {
        const auto session = session_of_path(ctx);
        s_.db(ctx)->delete_document(db::Authorization::internal(), "sessions", session.id);
        auto response = http::Response::no_content();
        if (is_current(ctx, session)) clear_session_cookies(ctx, response);
        return response;
    }

    http::Response delete_sessions(Context& ctx) {
        const auto& user = signed_in_user(ctx);
        auth::delete_sessions(*s_.db(ctx), user.id);
        auto response = http::Response::no_content();
        clear_session_cookies(ctx, response);
        return response;
    }

    http::Response create_jwt(Context& ctx) {
        require_auth_method(ctx, "jwt");
        const auto& user = signed_in_user(ctx);
        const auto duration = param::integer(ctx, "duration", auth::kAccountJwtDefaultSeconds, 0, auth::kAccountJwtMaxSeconds);
        const auto session_id = ctx.caller.session ? ctx.caller.session->id : std::string();
        if (session_id.empty()) throw Error(ErrorType::kUserSessionNotFound);
        const bj::object claims{{"userId", user.id},
                                  {"sessionId", session_id},
                                  {"exp", time::now_ms() / 1000 + (duration == 0 ? auth::kAccountJwtDefaultSeconds : duration)}};
        return json(201, bj::object{{"jwt", auth::encode_jwt(claims, ctx.require_project().jwt_secret)}});
    }

    http::Response update(Context& ctx, bj::object changes) {
        const auto& user = signed_in_user(ctx);
        return json(200, account(ctx, auth::update_user(*s_.db(ctx), user.id, std::move(changes))));
    }

    http::Response update_prefs(Context& ctx) {
        const auto* prefs = ctx.params().if_contains("prefs");
        if (!prefs || !prefs->is_object()) {
            throw Error(ErrorType::kGeneralArgumentInvalid, "Invalid `prefs` param: Value must be a valid object.");
        }
        auto text = bj::serialize(*prefs);
        if (text.size() > 65535) {
            throw Error(ErrorType::kGeneralArgumentInvalid, "Invalid `prefs` param: Value must be at most 65535 bytes.");
        }
        return update(ctx, {{"prefs", std::move(text)}});
    }

    // Push targets of the signed-in user's devices, named after the device as Appwrite does.
    db::Document own_target(Context& ctx) {
        const auto& user = signed_in_user(ctx);
        auto target = s_.db(ctx)->get_document(db::Authorization::internal(), "targets", param::path_id(ctx, "targetId"));
        if (!target || auth::text_of(target->data, "userId") != user.id) throw Error(ErrorType::kUserTargetNotFound);
        return std::move(*target);
    }

    std::string device_name(Context& ctx) const {
        const auto client = client_details(ctx, s_);
        return auth::text_of(client, "deviceBrand") + " " + auth::text_of(client, "deviceModel");
    }

    http::Response create_push_target(Context& ctx) {
        const auto& user = signed_in_user(ctx);
        db::Document target;
        target.id = param::id(ctx, "targetId");
        const auto provider = param::optional_string(ctx, "providerId", 36);
        target.data = {{"userId", user.id},
                       {"providerType", "push"},
                       {"identifier", param::string(ctx, "identifier", 255)},
                       {"providerId", provider.empty() ? bj::value(nullptr) : bj::value(provider)},
                       {"name", device_name(ctx)},
                       {"expired", false}};
        target.permissions = auth::owner_permissions(user.id);
        return json(201, target_model(auth::add_target(*s_.db(ctx), std::move(target))));
    }

    http::Response update_push_target(Context& ctx) {
        const auto target = own_target(ctx);
        bj::object changes{{"name", device_name(ctx)}};
        if (const auto identifier = param::optional_string(ctx, "identifier", 255); !identifier.empty()) {
            changes["identifier"] = identifier;
            changes["expired"] = false;
        }
        db::Document updated;
        s_.db(ctx)->transact([&](db::Documents& docs) { updated = auth::update_target(docs, target.id, {.data = changes}); });
        return json(200, target_model(updated));
    }

    http::Response delete_push_target(Context& ctx) {
        const auto target = own_target(ctx);
        s_.db(ctx)->transact([&](db::Documents& docs) { auth::delete_target(docs, target.id); });
        return http::Response::no_content();
    }

    // Checks the current password of an account that has one (anonymous users have none).
    static void require_password(const db::Document& user, std::string_view password) {
        if (auth::text_of(user.data, "password").empty()) return;
        if (!auth::verify_password(password, stored_password(user))) throw Error(ErrorType::kUserInvalidCredentials);
    }

    http::Response update_password(Context& ctx) {
        const auto& user = signed_in_user(ctx);
        const auto& settings = ctx.require_project().auth;
        const auto password = param::password(ctx, "password");
        const auto old_password = param::optional_string(ctx, "oldPassword", 256);
        require_password(user, old_password);
        param::check_password_policy(settings, password, &user, user.id, auth::text_of(user.data, "email"),
                                     auth::text_of(user.data, "name"), auth::text_of(user.data, "phone"));
        const auto hash = auth::hash_password(password, auth::kArgon2Account);
        auto changes = password_attributes(hash);
        if (settings.password_history > 0) {
            changes["passwordHistory"] = auth::password_history_with(user, hash.hash, settings.password_history);
        }
        auto db = s_.db(ctx);
        const auto updated = auth::update_user(*db, user.id, std::move(changes));
        if (settings.invalidate_sessions) {
            auth::delete_sessions(*db, user.id, ctx.caller.session ? ctx.caller.session->id : std::string());
        }
        return json(200, account(ctx, updated));
    }

    http::Response update_email(Context& ctx) {
        const auto& user = signed_in_user(ctx);
        const auto email = param::email(ctx, "email");
        const auto password = param::string(ctx, "password", 256, true);
        require_password(user, password);
        bj::object changes{{"email", email}, {"emailVerification", false}};
        // An anonymous account that gets an email and a password becomes a full account.
        if (auth::text_of(user.data, "password").empty()) {
            if (password.size() < 8) {
                throw Error(ErrorType::kGeneralArgumentInvalid,
                            "Invalid `password` param: Password must be between 8 and 256 characters long.");
            }
            for (auto& [key, value] : password_attributes(auth::hash_password(password, auth::kArgon2Account))) {
                changes[key] = value;
            }
        }
        return update(ctx, std::move(changes));
    }

    http::Response update_phone(Context& ctx) {
        const auto& user = signed_in_user(ctx);
        const auto phone = param::phone(ctx, "phone");
        require_password(user, param::string(ctx, "password", 256, true));
        return update(ctx, {{"phone", phone}, {"phoneVerification", false}});
    }

    http::Response block(Context& ctx) {
        const auto& user = signed_in_user(ctx);
        auto db = s_.db(ctx);
        const auto updated = auth::update_user(*db, user.id, {{"status", false}});
        auth::delete_sessions(*db, user.id);
        auto response = json(200, account(ctx, updated));
        clear_session_cookies(ctx, response);
        return response;
    }

private:
    AuthServices s_;
};

}  // namespace

void add_account_endpoints(Api& api, const AuthServices& services) {
    using E = AccountEndpoints;
    const Routes<E> route(api, std::make_shared<E>(services), true);
    route(Method::kPost, "/v1/account", "sessions.write", &E::create);
    route(Method::kGet, "/v1/account", "account", &E::get);
    route(Method::kDelete, "/v1/account", "account", &E::remove);
    route(Method::kPost, "/v1/account/sessions/email", "sessions.write", &E::email_session);
    route(Method::kPost, "/v1/account/sessions", "sessions.write", &E::email_session);  // deprecated alias
    route(Method::kPost, "/v1/account/sessions/anonymous", "sessions.write", &E::anonymous_session);
    route(Method::kGet, "/v1/account/sessions", "account", &E::list_sessions);
    route(Method::kDelete, "/v1/account/sessions", "account", &E::delete_sessions);
    route(Method::kGet, "/v1/account/sessions/{sessionId}", "account", &E::get_session);
    route(Method::kPatch, "/v1/account/sessions/{sessionId}", "account", &E::update_session);
    route(Method::kDelete, "/v1/account/sessions/{sessionId}", "account", &E::delete_session);
    route(Method::kPost, "/v1/account/jwts", "account", &E::create_jwt);
    route(Method::kPost, "/v1/account/jwt", "account", &E::create_jwt);  // deprecated alias
    route(Method::kGet, "/v1/account/logs", "account", &E::logs);
    route(Method::kGet, "/v1/account/prefs", "account", &E::get_prefs);
    route(Method::kPatch, "/v1/account/prefs", "account", &E::update_prefs);
    route(Method::kPatch, "/v1/account/name", "account", &E::update_name);
    route(Method::kPatch, "/v1/account/password", "account", &E::update_password);
    route(Method::kPatch, "/v1/account/email", "account", &E::update_email);
    route(Method::kPatch, "/v1/account/phone", "account", &E::update_phone);
    route(Method::kPatch, "/v1/account/status", "account", &E::block);
    route(Method::kPost, "/v1/account/targets/push", "targets.write", &E::create_push_target);
    route(Method::kPut, "/v1/account/targets/{targetId}/push", "targets.write", &E::update_push_target);
    route(Method::kDelete, "/v1/account/targets/{targetId}/push", "targets.write", &E::delete_push_target);
}

}  // namespace basalt::api
