// Multi-factor authentication for the Account and Users services (/v1/account/mfa*,
// /v1/users/{userId}/mfa*), and the middleware check that enforces it.
#include "api/mfa.hpp"

#include <array>

#include "api/auth_models.hpp"
#include "api/auth_support.hpp"
#include "api/params.hpp"
#include "api/services.hpp"
#include "auth/mfa/authenticators.hpp"
#include "auth/mfa/challenges.hpp"
#include "auth/mfa/factors.hpp"
#include "auth/mfa/recovery_codes.hpp"
#include "auth/mfa/user_mfa.hpp"
#include "auth/records.hpp"
#include "auth/targets.hpp"
#include "auth/users.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "db/store.hpp"
#include "platform/locale/locale_catalog.hpp"

namespace basalt::api {
namespace {

namespace bj = boost::json;
namespace mfa = auth::mfa;
using http::Method;

struct RouteRef {
    Method method;
    std::string_view path;
};

// Appwrite's `mfa` route group: what a session still waiting for its second factor may call.
constexpr std::array kOneFactorRoutes = {
    RouteRef{Method::kGet, "/v1/account/mfa/factors"},
    RouteRef{Method::kPost, "/v1/account/mfa/challenges"},
    RouteRef{Method::kPut, "/v1/account/mfa/challenges"},
    RouteRef{Method::kPost, "/v1/account/mfa/challenge"},  // Appwrite's alias
    RouteRef{Method::kPut, "/v1/account/mfa/challenge"},
    RouteRef{Method::kDelete, "/v1/account/sessions/{sessionId}"},
};

// The one authenticator type Appwrite has; the whitelist ignores case, as Appwrite's does.
constexpr std::string_view kTotpType = "totp";
// Accepted by Appwrite 1.9.6's challenge whitelist but off unless a project policy (which
// Basalt does not have) switches it on.
constexpr std::string_view kCustomFactor = "custom";

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

void require_totp_type(Context& ctx) {
    if (lower(ctx.request.path_param("type")) != kTotpType) {
        throw Error(ErrorType::kGeneralArgumentInvalid, "Invalid `type` param: Value must be one of (totp)");
    }
}

mfa::Factor challenge_factor(Context& ctx) {
    const auto text = param::string(ctx, "factor", 256, true);
    if (const auto factor = mfa::parse_factor(text)) return *factor;
    if (lower(text) == kCustomFactor) {
        throw Error(ErrorType::kUserAuthMethodUnsupported, "The requested factor is disabled by the MFA factors policy");
    }
    throw Error(ErrorType::kGeneralArgumentInvalid,
                "Invalid `factor` param: Value must be one of (email, phone, totp, recoverycode, custom)");
}

// A boolean without a default (Appwrite's `mfa` param).
bool required_boolean(Context& ctx, std::string_view name) {
    const auto* value = ctx.params().if_contains(name);
    if (!value || value->is_null()) {
        throw Error(ErrorType::kGeneralArgumentInvalid, "Param \"" + std::string(name) + "\" is not optional.");
    }
    return param::boolean(ctx, name, false);
}

// Appwrite's `mfaProtected` routes: reading or regenerating recovery codes and removing the
// authenticator need a challenge completed in the last 30 minutes.
void require_recent_challenge(const Context& ctx) {
    if (!ctx.caller.session || !mfa::recently_challenged(*ctx.caller.session, time::now_ms())) {
        throw Error(ErrorType::kUserChallengeRequired);
    }
}

std::string session_id_of(const Context& ctx) { return ctx.caller.session ? ctx.caller.session->id : std::string(); }

bj::object factors_model(const mfa::AvailableFactors& factors) {
    return bj::object{{"totp", factors.totp},
                      {"phone", factors.phone},
                      {"email", factors.email},
                      {"recoveryCode", factors.recovery_code}};
}

bj::object recovery_codes_model(const std::vector<std::string>& codes) {
    bj::array items;
    for (const auto& code : codes) items.push_back(bj::string(code));
    return bj::object{{"recoveryCodes", std::move(items)}};
}

bj::object challenge_model(const db::Document& challenge) {
    return bj::object{{"$id", challenge.id},
                      {"$createdAt", time::format_iso(challenge.created_at)},
                      {"userId", auth::text_of(challenge.data, "userId")},
                      {"expire", auth::text_of(challenge.data, "expire")}};
}

std::string or_unknown(std::string text) { return text.empty() ? std::string("UNKNOWN") : text; }

// The handlers; one instance per server, shared by the routes.
class MfaEndpoints {
public:
    explicit MfaEndpoints(AuthServices services) : s_(services) {}

    bj::object user(const Context& ctx, const db::Document& user) const {
        return user_model(user, auth::user_targets(*s_.db(ctx), user), ctx.caller.is_key());
    }

    // Account

    http::Response update_mfa(Context& ctx) {
        const auto& me = signed_in_user(ctx);
        const bool enabled = required_boolean(ctx, "mfa");
        return json(200, user(ctx, mfa::set_user_mfa(*s_.db(ctx), me.id, enabled, session_id_of(ctx))));
    }

    http::Response list_factors(Context& ctx) {
        const auto& me = signed_in_user(ctx);
        return json(200, factors_model(mfa::available_factors(*s_.db(ctx), me)));
    }

    http::Response create_authenticator(Context& ctx) {
        require_totp_type(ctx);
        const auto& me = signed_in_user(ctx);
        const auto enrollment = mfa::create_totp_authenticator(*s_.db(ctx), me, ctx.require_project().name);
        return json(200, bj::object{{"secret", enrollment.secret}, {"uri", enrollment.uri}});
    }

    http::Response verify_authenticator(Context& ctx) {
        require_totp_type(ctx);
        const auto otp = param::string(ctx, "otp", 256);
        const auto& me = signed_in_user(ctx);
        auto db = s_.db(ctx);
        mfa::verify_totp_authenticator(*db, me.id, session_id_of(ctx), otp, time::now_ms());
        return json(200, user(ctx, auth::require_user(*db, me.id)));
    }

    http::Response delete_authenticator(Context& ctx) {
        require_recent_challenge(ctx);
        require_totp_type(ctx);
        mfa::delete_totp_authenticator(*s_.db(ctx), signed_in_user(ctx).id);
        return http::Response::no_content();
    }

    http::Response create_recovery_codes(Context& ctx) {
        const auto& me = signed_in_user(ctx);
        return json(201, recovery_codes_model(mfa::create_recovery_codes(*s_.db(ctx), me.id)));
    }

    http::Response get_recovery_codes(Context& ctx) {
        require_recent_challenge(ctx);
        return json(200, recovery_codes_model(mfa::recovery_codes(signed_in_user(ctx))));
    }

    http::Response regenerate_recovery_codes(Context& ctx) {
        require_recent_challenge(ctx);
        const auto& me = signed_in_user(ctx);
        return json(200, recovery_codes_model(mfa::regenerate_recovery_codes(*s_.db(ctx), me.id)));
    }

    http::Response create_challenge(Context& ctx) {
        const auto factor = challenge_factor(ctx);
        const auto& me = signed_in_user(ctx);
        if (factor == mfa::Factor::kPhone && !s_.courier.has_sms()) throw Error(ErrorType::kGeneralPhoneDisabled);
        const auto challenge = mfa::create_challenge(*s_.db(ctx), me, factor, time::now_ms(), delivery(ctx, me, factor));
        return json(201, challenge_model(challenge));
    }

    http::Response complete_challenge(Context& ctx) {
        const auto challenge_id = param::string(ctx, "challengeId", 256);
        const auto otp = param::string(ctx, "otp", 256);
        const auto& me = signed_in_user(ctx);
        const auto session =
            mfa::complete_challenge(*s_.db(ctx), me.id, session_id_of(ctx), challenge_id, otp, time::now_ms());
        const auto country = s_.locale.country_name(auth::text_of(session.data, "countryCode"), ctx.locale);
        return json(200, session_model(session, true, country));
    }

    // Users

    db::Document user_of_path(Context& ctx) { return auth::require_user(*s_.db(ctx), param::path_id(ctx, "userId")); }

    http::Response users_update_mfa(Context& ctx) {
        const auto id = std::string(param::path_id(ctx, "userId"));
        const bool enabled = required_boolean(ctx, "mfa");
        auto db = s_.db(ctx);
        auth::require_user(*db, id);
        return json(200, user(ctx, mfa::set_user_mfa(*db, id, enabled, {})));
    }

    http::Response users_list_factors(Context& ctx) {
        const auto target = user_of_path(ctx);
        auto factors = mfa::available_factors(*s_.db(ctx), target);
        // Appwrite's Users API leaves recoveryCode at its default, false.
        factors.recovery_code = false;
        return json(200, factors_model(factors));
    }

    http::Response users_delete_authenticator(Context& ctx) {
        const auto id = std::string(param::path_id(ctx, "userId"));
        require_totp_type(ctx);
        auto db = s_.db(ctx);
        auth::require_user(*db, id);
        mfa::delete_totp_authenticator(*db, id);
        return http::Response::no_content();
    }

    http::Response users_get_recovery_codes(Context& ctx) {
        return json(200, recovery_codes_model(mfa::recovery_codes(user_of_path(ctx))));
    }

    http::Response users_create_recovery_codes(Context& ctx) {
        const auto target = user_of_path(ctx);
        return json(201, recovery_codes_model(mfa::create_recovery_codes(*s_.db(ctx), target.id)));
    }

    http::Response users_regenerate_recovery_codes(Context& ctx) {
        const auto target = user_of_path(ctx);
        return json(200, recovery_codes_model(mfa::regenerate_recovery_codes(*s_.db(ctx), target.id)));
    }

private:
    // What sends an email or phone challenge's code: the MFA email, or a text holding the code
    // alone (what Appwrite 1.9.6 sends; its English SMS template is the code too). Everything
    // but the code is worked out here, before the challenge's transaction starts.
    mfa::CodeDelivery delivery(const Context& ctx, const db::Document& me, mfa::Factor factor) const {
        auto& courier = s_.courier;
        if (factor == mfa::Factor::kPhone) {
            return [&courier, phone = auth::text_of(me.data, "phone")](const std::string& code) {
                courier.send_sms(phone, code);
            };
        }
        if (factor != mfa::Factor::kEmail) return {};
        const auto client = client_details(ctx, s_);
        auth::EmailParams params;
        params.user = auth::text_of(me.data, "name");
        params.project = ctx.require_project().name;
        params.agent_client = or_unknown(auth::text_of(client, "clientName"));
        params.agent_device = or_unknown(auth::text_of(client, "deviceBrand"));
        params.agent_os = or_unknown(auth::text_of(client, "osName"));
        return [&courier, project = ctx.project, locale = ctx.locale, params = std::move(params),
                email = auth::text_of(me.data, "email")](const std::string& code) mutable {
            params.otp = code;
            courier.send_email(*project, auth::EmailKind::kMfaChallenge, locale, params, email, params.user);
        };
    }

    AuthServices s_;
};

}  // namespace

bool reachable_with_one_factor(http::Method method, std::string_view route_pattern) noexcept {
    for (const auto& route : kOneFactorRoutes) {
        if (route.method == method && route.path == route_pattern) return true;
    }
    return false;
}

void require_enough_factors(const Context& ctx, db::Store& store, http::Method method,
                            std::string_view route_pattern) {
    if (!ctx.caller.is_user() || !ctx.caller.session || !ctx.project) return;
    if (reachable_with_one_factor(method, route_pattern)) return;
    if (!auth::bool_of(ctx.caller.user->data, "mfa")) return;  // the common case: no database read
    const auto db = store.project(ctx.project->id);
    if (mfa::needs_more_factors(*db, *ctx.caller.user, *ctx.caller.session)) {
        throw Error(ErrorType::kUserMoreFactorsRequired);
    }
}

void add_mfa_endpoints(Api& api, const AuthServices& services) {
    using E = MfaEndpoints;
    const Routes<E> route(api, std::make_shared<E>(services));
    route(Method::kPatch, "/v1/account/mfa", "account", &E::update_mfa);
    route(Method::kGet, "/v1/account/mfa/factors", "account", &E::list_factors);
    route(Method::kPost, "/v1/account/mfa/authenticators/{type}", "account", &E::create_authenticator);
    route(Method::kPut, "/v1/account/mfa/authenticators/{type}", "account", &E::verify_authenticator);
    route(Method::kDelete, "/v1/account/mfa/authenticators/{type}", "account", &E::delete_authenticator);
    route(Method::kPost, "/v1/account/mfa/recovery-codes", "account", &E::create_recovery_codes);
    route(Method::kGet, "/v1/account/mfa/recovery-codes", "account", &E::get_recovery_codes);
    route(Method::kPatch, "/v1/account/mfa/recovery-codes", "account", &E::regenerate_recovery_codes);
    for (const char* path : {"/v1/account/mfa/challenges", "/v1/account/mfa/challenge"}) {
        route(Method::kPost, path, "account", &E::create_challenge);
        route(Method::kPut, path, "account", &E::complete_challenge);
    }
    route(Method::kPatch, "/v1/users/{userId}/mfa", "users.write", &E::users_update_mfa);
    route(Method::kGet, "/v1/users/{userId}/mfa/factors", "users.read", &E::users_list_factors);
    route(Method::kDelete, "/v1/users/{userId}/mfa/authenticators/{type}", "users.write",
          &E::users_delete_authenticator);
    route(Method::kGet, "/v1/users/{userId}/mfa/recovery-codes", "users.read", &E::users_get_recovery_codes);
    route(Method::kPatch, "/v1/users/{userId}/mfa/recovery-codes", "users.write", &E::users_create_recovery_codes);
    route(Method::kPut, "/v1/users/{userId}/mfa/recovery-codes", "users.write", &E::users_regenerate_recovery_codes);
}

}  // namespace basalt::api
