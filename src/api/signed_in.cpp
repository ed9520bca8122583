#include "api/signed_in.hpp"

#include <boost/json/parse.hpp>

#include "api/scopes.hpp"
#include "auth/credentials/jwt.hpp"
#include "auth/records.hpp"
#include "auth/roles.hpp"
#include "auth/session_cookie.hpp"
#include "auth/sessions.hpp"
#include "auth/users.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "http/cookies.hpp"

namespace basalt::api {
namespace {

std::optional<auth::SessionCredentials> session_credentials(const Context& ctx) {
    const auto name = auth::session_cookie_name(ctx.project->id);
    auto value = http::cookie(ctx.request, name);
    if (!value || value->empty()) value = http::cookie(ctx.request, name + "_legacy");
    if (value && !value->empty()) return auth::decode_session_cookie(*value);
    if (const auto header = ctx.request.header("x-appwrite-session"); header && !header->empty()) {
        return auth::decode_session_cookie(*header);
    }
    if (const auto fallback = ctx.request.header("x-fallback-cookies"); fallback && !fallback->empty()) {
        boost::system::error_code ec;
        const auto json = boost::json::parse(*fallback, ec);
        if (ec || !json.is_object()) return std::nullopt;
        const auto* entry = json.as_object().if_contains(name);
        if (entry && entry->is_string()) return auth::decode_session_cookie(entry->as_string());
    }
    return std::nullopt;
}

}  // namespace

void sign_in(Context& ctx, const std::shared_ptr<db::Database>& db, db::Document user,
             std::shared_ptr<const db::Document> session) {
    ctx.caller.kind = Caller::Kind::kUser;
    ctx.caller.key = nullptr;
    ctx.caller.role_scopes = user_scopes();
    ctx.caller.user = std::make_shared<const db::Document>(std::move(user));
    ctx.caller.session = std::move(session);
    ctx.caller.load_roles = [db, user = ctx.caller.user] {
        return auth::user_roles(*user, auth::documents_of_user(*db, "memberships", user->id));
    };
}

void resolve_signed_in(Context& ctx, const std::shared_ptr<db::Database>& db, std::string_view jwt_secret) {
    const auto now = time::now_ms();
    bool signed_in = false;
    if (const auto credentials = session_credentials(ctx)) {
        std::optional<db::Document> session;
        std::optional<db::Document> user;
        // One snapshot for both reads: the session and the user it belongs to.
        db->read([&](db::Documents& docs) {
            session = auth::find_session(docs, credentials->user_id, credentials->secret, now);
            if (session) user = auth::get_user(docs, credentials->user_id);
        });
        if (session && user) {
            sign_in(ctx, db, std::move(*user), std::make_shared<const db::Document>(std::move(*session)));
            signed_in = true;
        }
    }
    const auto jwt = ctx.request.header("x-appwrite-jwt").value_or("");
    if (jwt.empty()) return;
    if (signed_in) throw Error(ErrorType::kUserJwtAndCookieSet);
    const auto claims = auth::decode_jwt(jwt, jwt_secret, now / 1000);
    if (!claims) throw Error(ErrorType::kUserJwtInvalid, "Failed to verify JWT. Invalid token.");
    const auto user_id = auth::text_of(*claims, "userId");
    const auto session_id = auth::text_of(*claims, "sessionId");
    if (user_id.empty()) return;
    auto user = auth::get_user(*db, user_id);
    if (!user) return;
    std::shared_ptr<const db::Document> session;
    if (!session_id.empty()) {
        auto active = auth::active_session(*db, user_id, session_id, now);
        if (!active) return;  // the session behind the JWT is gone: a guest, as in Appwrite
        session = std::make_shared<const db::Document>(std::move(*active));
    }
    sign_in(ctx, db, std::move(*user), std::move(session));
}

}  // namespace basalt::api
