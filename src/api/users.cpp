// The Users service (/v1/users*): user management with an API key.
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "api/auth_models.hpp"
#include "api/auth_support.hpp"
#include "api/params.hpp"
#include "api/services.hpp"
#include "auth/credentials/jwt.hpp"
#include "auth/credentials/password_import.hpp"
#include "auth/records.hpp"
#include "auth/session_cookie.hpp"
#include "auth/sessions.hpp"
#include "auth/targets.hpp"
#include "auth/users.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "platform/locale/locale_catalog.hpp"

namespace basalt::api {
namespace {

namespace bj = boost::json;
using http::Method;
using namespace std::string_view_literals;

constexpr std::array kUserQueryAttributes = {"name"sv, "email"sv, "phone"sv, "status"sv, "passwordUpdate"sv,
                                             "registration"sv, "emailVerification"sv, "phoneVerification"sv,
                                             "labels"sv, "accessedAt"sv, "impersonator"sv};
constexpr std::array kTargetQueryAttributes = {"userId"sv, "providerId"sv, "identifier"sv, "providerType"sv};
constexpr std::array kProviderTypes = {"email"sv, "sms"sv, "push"sv};

db::Query equal(std::string attribute, std::string_view value) {
    return db::Query::equal(std::move(attribute), bj::array{bj::string(value)});
}

class UsersEndpoints {
public:
    explicit UsersEndpoints(AuthServices services) : s_(services) {}

    bj::object render(Context& ctx, const db::Document& user) {
        return user_model(user, auth::user_targets(*s_.db(ctx), user), true);
    }

    db::Document user_of_path(Context& ctx) {
        return auth::require_user(*s_.db(ctx), param::path_id(ctx, "userId"));
    }

    // The fields every create endpoint shares; `email` required for the hash imports.
    auth::NewUser new_user(Context& ctx, bool email_required) {
        auth::NewUser user;
        user.id = param::id(ctx, "userId");
        const auto& params = ctx.params();
        const auto given = [&](const char* key) {
            const auto* v = params.if_contains(key);
            return v && !v->is_null() && !(v->is_string() && v->as_string().empty());
        };
        if (email_required || given("email")) user.email = param::email(ctx, "email");
        if (given("phone")) user.phone = param::phone(ctx, "phone");
        user.name = param::optional_string(ctx, "name", 128);
        return user;
    }

    http::Response created(Context& ctx, const auth::NewUser& user) {
        return json(201, render(ctx, auth::create_user(*s_.db(ctx), ctx.require_project().auth, user)));
    }

    http::Response create(Context& ctx) {
        auto user = new_user(ctx, false);
        const auto password = param::optional_string(ctx, "password", 256);
        if (!password.empty()) {
            if (password.size() < 8) {
                throw Error(ErrorType::kGeneralArgumentInvalid,
                            "Invalid `password` param: Password must be between 8 and 256 characters long.");
            }
            param::check_password_policy(ctx.require_project().auth, password, nullptr, user.id, user.email,
                                         user.name, user.phone);
            user.password = auth::hash_password(password);
        }
        return created(ctx, user);
    }

    // The import endpoints: the given hash is stored as is.
    http::Response import_with(Context& ctx, auth::PasswordHash hash, auth::NewUser user) {
        user.password = std::move(hash);
        return created(ctx, user);
    }
    http::Response create_argon2(Context& ctx) {
        auto user = new_user(ctx, true);
        return import_with(ctx, auth::imported_argon2(param::string(ctx, "password", 16384)), std::move(user));
    }
    http::Response create_bcrypt(Context& ctx) {
        auto user = new_user(ctx, true);
        return import_with(ctx, auth::imported_bcrypt(param::string(ctx, "password", 16384)), std::move(user));
    }
    http::Response create_md5(Context& ctx) {
        auto user = new_user(ctx, true);
        return import_with(ctx, auth::imported_md5(param::string(ctx, "password", 16384)), std::move(user));
    }
    http::Response create_phpass(Context& ctx) {
        auto user = new_user(ctx, true);
        return import_with(ctx, auth::imported_phpass(param::string(ctx, "password", 16384)), std::move(user));
    }
    http::Response create_sha(Context& ctx) {
        auto user = new_user(ctx, true);
        const auto version = param::optional_string(ctx, "passwordVersion", 16);
        if (!version.empty() && !auth::is_sha_version(version)) {
            std::string allowed;
            for (const auto v : auth::sha_versions()) allowed += (allowed.empty() ? "" : ", ") + std::string(v);
            throw Error(ErrorType::kGeneralArgumentInvalid,
                        fmt::format("Invalid `passwordVersion` param: Value must be one of ({})", allowed));
        }
        return import_with(ctx, auth::imported_sha(param::string(ctx, "password", 16384), version), std::move(user));
    }
    http::Response create_scrypt(Context& ctx) {
        auto user = new_user(ctx, true);
        auth::ScryptOptions options;
        options.salt = param::string(ctx, "passwordSalt", 2048);
        options.cost_cpu = param::integer(ctx, "passwordCpu", 0);
        options.cost_memory = param::integer(ctx, "passwordMemory", 0);
        options.cost_parallel = param::integer(ctx, "passwordParallel", 0);
        options.length = param::integer(ctx, "passwordLength", 0);
        return import_with(ctx, auth::imported_scrypt(param::string(ctx, "password", 16384), options), std::move(user));
    }
    http::Response create_scrypt_modified(Context& ctx) {
        auto user = new_user(ctx, true);
        auto hash = auth::imported_scrypt_modified(param::string(ctx, "password", 16384),
                                                   param::string(ctx, "passwordSalt", 2048),
                                                   param::string(ctx, "passwordSaltSeparator", 2048),
                                                   param::string(ctx, "passwordSignerKey", 2048));
        return import_with(ctx, std::move(hash), std::move(user));
    }

    http::Response list(Context& ctx) {
        const auto page = list_internal(ctx, *s_.db(ctx), {.collection = "users", .allowed = kUserQueryAttributes,
                                                           .filters = {}, .searchable = true});
        bj::array users;
        for (const auto& user : page.documents) users.push_back(render(ctx, user));
        return json(200, bj::object{{"total", page.total}, {"users", std::move(users)}});
    }

    http::Response get(Context& ctx) { return json(200, render(ctx, user_of_path(ctx))); }
    http::Response logs(Context& ctx) { return logs_response(ctx, s_, LogsOf::kUser, user_of_path(ctx).id); }

    http::Response remove(Context& ctx) {
        auth::delete_user(*s_.db(ctx), param::path_id(ctx, "userId"));
        return http::Response::no_content();
    }

    http::Response update(Context& ctx, bj::object changes) {
        const auto user = user_of_path(ctx);
        return json(200, render(ctx, auth::update_user(*s_.db(ctx), user.id, std::move(changes))));
    }

    http::Response update_name(Context& ctx) { return update(ctx, {{"name", param::string(ctx, "name", 128, true)}}); }
    http::Response update_email(Context& ctx) {
        const auto email = param::optional_string(ctx, "email", 320);
        // An empty email removes it, as in Appwrite.
        return update(ctx, {{"email", email.empty() ? bj::value(nullptr) : bj::value(param::email(ctx, "email"))},
                            {"emailVerification", false}});
    }
    http::Response update_phone(Context& ctx) {
        const auto number = param::optional_string(ctx, "number", 16);
        return update(ctx, {{"phone", number.empty() ? bj::value(nullptr) : bj::value(param::phone(ctx, "number"))},
                            {"phoneVerification", false}});
    }
    http::Response update_status(Context& ctx) {
        const bool status = param::boolean(ctx, "status", true);
        if (!ctx.params().contains("status")) throw Error(ErrorType::kGeneralArgumentInvalid, "Param \"status\" is not optional.");
        auto response = update(ctx, {{"status", status}});
        if (!status) auth::delete_sessions(*s_.db(ctx), param::path_id(ctx, "userId"));
        return response;
    }
    http::Response update_labels(Context& ctx) {
        const auto labels = param::strings(ctx, "labels", true, 1000, 36);
        bj::array stored;
        for (const auto& label : labels) {
            const bool valid = !label.empty() && label.find_first_not_of(
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == std::string::npos;
            if (!valid) {
                throw Error(ErrorType::kGeneralArgumentInvalid,
                            "Invalid `labels` param: Value must a valid array no longer than 1000 items and Value "
                            "must be a valid string and at least 1 chars and no longer than 36 chars and only "
                            "contain alphanumeric chars");
            }
            if (std::find(stored.begin(), stored.end(), bj::value(label)) == stored.end()) stored.push_back(bj::string(label));
        }
        return update(ctx, {{"labels", std::move(stored)}});
    }
    http::Response update_password(Context& ctx) {
        const auto user = user_of_path(ctx);
        const auto password = param::optional_string(ctx, "password", 256);
        if (password.empty()) {  // Appwrite lets a key clear a password
            return update(ctx, {{"password", nullptr}, {"hash", nullptr}, {"hashOptions", nullptr},
                                {"passwordUpdate", time::format_iso(time::now_ms())}});
        }
        if (password.size() < 8) {
            throw Error(ErrorType::kGeneralArgumentInvalid,
                        "Invalid `password` param: Password must be between 8 and 256 characters long.");
        }
        param::check_password_policy(ctx.require_project().auth, password, &user, user.id,
                                     auth::text_of(user.data, "email"), auth::text_of(user.data, "name"),
                                     auth::text_of(user.data, "phone"));
        auto response = update(ctx, password_attributes(auth::hash_password(password)));
        if (ctx.require_project().auth.invalidate_sessions) auth::delete_sessions(*s_.db(ctx), user.id);
        return response;
    }
    http::Response update_email_verification(Context& ctx) {
        return update(ctx, {{"emailVerification", required_boolean(ctx, "emailVerification")}});
    }
    http::Response update_phone_verification(Context& ctx) {
        return update(ctx, {{"phoneVerification", required_boolean(ctx, "phoneVerification")}});
    }
    http::Response update_impersonator(Context& ctx) {
        return update(ctx, {{"impersonator", required_boolean(ctx, "impersonator")}});
    }

    static bool required_boolean(Context& ctx, std::string_view name) {
        if (!ctx.params().contains(name)) {
            throw Error(ErrorType::kGeneralArgumentInvalid, fmt::format("Param \"{}\" is not optional.", name));
        }
        return param::boolean(ctx, name, false);
    }

    http::Response get_prefs(Context& ctx) { return json(200, preferences_model(user_of_path(ctx))); }
    http::Response update_prefs(Context& ctx) {
        const auto* prefs = ctx.params().if_contains("prefs");
        if (!prefs || !prefs->is_object()) {
            throw Error(ErrorType::kGeneralArgumentInvalid, "Invalid `prefs` param: Value must be a valid object.");
        }
        const auto user = user_of_path(ctx);
        const auto updated = auth::update_user(*s_.db(ctx), user.id, {{"prefs", bj::serialize(*prefs)}});
        return json(200, preferences_model(updated));
    }

    // Sessions.
    http::Response list_sessions(Context& ctx) {
        const auto user = user_of_path(ctx);
        const auto sessions = auth::list_sessions(*s_.db(ctx), user.id);
        bj::array items;
        for (const auto& session : sessions) {
            items.push_back(session_model(session, false,
                                          s_.locale.country_name(auth::text_of(session.data, "countryCode"), ctx.locale)));
        }
        return json(200, bj::object{{"total", sessions.size()}, {"sessions", std::move(items)}});
    }
    http::Response create_session(Context& ctx) {
        const auto user = user_of_path(ctx);
        const auto created = auth::create_session(*s_.db(ctx), ctx.require_project().auth, user.id,
                                                  {.provider = "server",
                                                   .factors = {"server"},
                                                   .client = client_details(ctx, s_)});
        const auto country = s_.locale.country_name(auth::text_of(created.session.data, "countryCode"), ctx.locale);
        return json(201, session_model(created.session, false, country,
                                       auth::encode_session_cookie({user.id, created.secret})));
    }
    http::Response delete_sessions(Context& ctx) {
        const auto user = user_of_path(ctx);
        auth::delete_sessions(*s_.db(ctx), user.id);
        return http::Response::no_content();
    }
    http::Response delete_session(Context& ctx) {
        const auto user = user_of_path(ctx);
        auto db = s_.db(ctx);
        const auto session = db->get_document(db::Authorization::internal(), "sessions", param::path_id(ctx, "sessionId"));
        if (!session || auth::text_of(session->data, "userId") != user.id) throw Error(ErrorType::kUserSessionNotFound);
        db->delete_document(db::Authorization::internal(), "sessions", session->id);
        return http::Response::no_content();
    }

    // A JWT for the user, bound to one of its sessions: the one named, else the most recent
    // (none when the user has no session: the JWT then stands for the user alone).
    http::Response create_jwt(Context& ctx) {
        const auto user = user_of_path(ctx);
        auto session_id = param::optional_string(ctx, "sessionId", 36, "recent");
        const auto duration =
            param::integer(ctx, "duration", auth::kAccountJwtDefaultSeconds, 0, auth::kAccountJwtMaxSeconds);
        auto db = s_.db(ctx);
        if (session_id == "recent") {
            const auto sessions = auth::list_sessions(*db, user.id);
            session_id = sessions.empty() ? std::string() : sessions.front().id;
        } else if (!auth::active_session(*db, user.id, session_id, time::now_ms())) {
            throw Error(ErrorType::kUserSessionNotFound);
        }
        const bj::object claims{{"userId", user.id},
                                {"sessionId", session_id},
                                {"exp", time::now_ms() / 1000 + (duration == 0 ? auth::kAccountJwtDefaultSeconds : duration)}};
        return json(201, bj::object{{"jwt", auth::encode_jwt(claims, ctx.require_project().jwt_secret)}});
    }

    // Targets.
    db::Document target_of_path(Context& ctx, const db::Document& user) {
        const auto target = s_.db(ctx)->get_document(db::Authorization::internal(), "targets", param::path_id(ctx, "targetId"));
        if (!target || auth::text_of(target->data, "userId") != user.id) throw Error(ErrorType::kUserTargetNotFound);
        return *target;
    }
    http::Response list_targets(Context& ctx) {
        const auto user = user_of_path(ctx);
        const auto page = list_internal(ctx, *s_.db(ctx), {.collection = "targets", .allowed = kTargetQueryAttributes,
                                                           .filters = {equal("userId", user.id)}, .searchable = false});
        bj::array targets;
        for (const auto& target : page.documents) targets.push_back(target_model(target));
        return json(200, bj::object{{"total", page.total}, {"targets", std::move(targets)}});
    }
    http::Response get_target(Context& ctx) { return json(200, target_model(target_of_path(ctx, user_of_path(ctx)))); }
    http::Response create_target(Context& ctx) {
        const auto user = user_of_path(ctx);
        db::Document doc;
        doc.id = param::id(ctx, "targetId");
        const auto type = param::string(ctx, "providerType", 16);
        if (std::find(kProviderTypes.begin(), kProviderTypes.end(), type) == kProviderTypes.end()) {
            throw Error(ErrorType::kGeneralArgumentInvalid, "Invalid `providerType` param: Value must be one of (email, sms, push)");
        }
        auto identifier = type == "email" ? param::email(ctx, "identifier")
                          : type == "sms" ? param::phone(ctx, "identifier")
                                          : param::string(ctx, "identifier", 2048);
        const auto provider = param::optional_string(ctx, "providerId", 36);
        doc.data = {{"userId", user.id}, {"providerType", type}, {"identifier", identifier},
                    {"providerId", provider.empty() ? bj::value(nullptr) : bj::value(provider)},
                    {"name", param::optional_string(ctx, "name", 128)}, {"expired", false}};
        doc.permissions = auth::owner_permissions(user.id);
        return json(201, target_model(auth::add_target(*s_.db(ctx), std::move(doc))));
    }
    http::Response update_target(Context& ctx) {
        const auto user = user_of_path(ctx);
        const auto target = target_of_path(ctx, user);
        bj::object changes;
        const auto type = auth::text_of(target.data, "providerType");
        if (!param::optional_string(ctx, "identifier", 2048).empty()) {
            changes["identifier"] = type == "email" ? param::email(ctx, "identifier")
                                    : type == "sms" ? param::phone(ctx, "identifier")
                                                    : param::string(ctx, "identifier", 2048);
        }
        if (const auto provider = param::optional_string(ctx, "providerId", 36); !provider.empty()) changes["providerId"] = provider;
        if (ctx.params().contains("name")) changes["name"] = param::optional_string(ctx, "name", 128);
        db::Document updated;
        s_.db(ctx)->transact([&](db::Documents& docs) { updated = auth::update_target(docs, target.id, {.data = changes}); });
        return json(200, target_model(updated));
    }
    http::Response delete_target(Context& ctx) {
        const auto user = user_of_path(ctx);
        const auto target = target_of_path(ctx, user);
        s_.db(ctx)->transact([&](db::Documents& docs) { auth::delete_target(docs, target.id); });
        return http::Response::no_content();
    }

private:
    AuthServices s_;
};

}  // namespace

void add_users_endpoints(Api& api, const AuthServices& services) {
    using E = UsersEndpoints;
    const Routes<E> route(api, std::make_shared<E>(services), true);
    route(Method::kGet, "/v1/users", "users.read", &E::list);
    route(Method::kPost, "/v1/users", "users.write", &E::create);
    route(Method::kPost, "/v1/users/argon2", "users.write", &E::create_argon2);
    route(Method::kPost, "/v1/users/bcrypt", "users.write", &E::create_bcrypt);
    route(Method::kPost, "/v1/users/md5", "users.write", &E::create_md5);
    route(Method::kPost, "/v1/users/phpass", "users.write", &E::create_phpass);
    route(Method::kPost, "/v1/users/sha", "users.write", &E::create_sha);
    route(Method::kPost, "/v1/users/scrypt", "users.write", &E::create_scrypt);
    route(Method::kPost, "/v1/users/scrypt-modified", "users.write", &E::create_scrypt_modified);
    route(Method::kGet, "/v1/users/{userId}", "users.read", &E::get);
    route(Method::kDelete, "/v1/users/{userId}", "users.write", &E::remove);
    route(Method::kPatch, "/v1/users/{userId}/name", "users.write", &E::update_name);
    route(Method::kPatch, "/v1/users/{userId}/email", "users.write", &E::update_email);
    route(Method::kPatch, "/v1/users/{userId}/phone", "users.write", &E::update_phone);
    route(Method::kPatch, "/v1/users/{userId}/password", "users.write", &E::update_password);
    route(Method::kPatch, "/v1/users/{userId}/status", "users.write", &E::update_status);
    route(Method::kPut, "/v1/users/{userId}/labels", "users.write", &E::update_labels);
    route(Method::kPatch, "/v1/users/{userId}/verification", "users.write", &E::update_email_verification);
    route(Method::kPatch, "/v1/users/{userId}/verification/phone", "users.write", &E::update_phone_verification);
    route(Method::kPatch, "/v1/users/{userId}/impersonator", "users.write", &E::update_impersonator);
    route(Method::kGet, "/v1/users/{userId}/logs", "users.read", &E::logs);
    route(Method::kGet, "/v1/users/{userId}/prefs", "users.read", &E::get_prefs);
    route(Method::kPatch, "/v1/users/{userId}/prefs", "users.write", &E::update_prefs);
    route(Method::kGet, "/v1/users/{userId}/sessions", "users.read", &E::list_sessions);
    route(Method::kPost, "/v1/users/{userId}/sessions", "users.write", &E::create_session);
    route(Method::kDelete, "/v1/users/{userId}/sessions", "users.write", &E::delete_sessions);
    route(Method::kDelete, "/v1/users/{userId}/sessions/{sessionId}", "users.write", &E::delete_session);
    route(Method::kPost, "/v1/users/{userId}/jwts", "users.write", &E::create_jwt);
    route(Method::kGet, "/v1/users/{userId}/targets", "targets.read", &E::list_targets);
    route(Method::kPost, "/v1/users/{userId}/targets", "targets.write", &E::create_target);
    route(Method::kGet, "/v1/users/{userId}/targets/{targetId}", "targets.read", &E::get_target);
    route(Method::kPatch, "/v1/users/{userId}/targets/{targetId}", "targets.write", &E::update_target);
    route(Method::kDelete, "/v1/users/{userId}/targets/{targetId}", "targets.write", &E::delete_target);
}

}  // namespace basalt::api
