// The audit entries of audited routes, and the log lists of the Account and Users services.
#include <boost/json/parse.hpp>

#include "api/audits.hpp"
#include "api/auth_models.hpp"
#include "api/auth_support.hpp"
#include "api/params.hpp"
#include "api/services.hpp"
#include "auth/logs.hpp"
#include "auth/records.hpp"
#include "platform/locale/locale_catalog.hpp"

namespace basalt::api {
namespace {

namespace bj = boost::json;

std::string subject_id(const Context& ctx, AuditSubject subject, const http::Response& response) {
    if (subject == AuditSubject::kCaller) return ctx.caller.is_user() ? ctx.caller.user->id : std::string();
    boost::system::error_code ec;
    const auto body = bj::parse(response.body, ec);
    if (ec || !body.is_object()) return {};
    return auth::text_of(body.as_object(), subject == AuditSubject::kResponseId ? "$id" : "userId");
}

std::string user_type(const Context& ctx) {
    if (ctx.caller.is_key()) return "keyProject";
    return ctx.caller.is_user() ? "user" : "guest";
}

}  // namespace

Auditor make_auditor(const AuthServices& services) {
    return [services](Context& ctx, const AuditRule& rule, const http::Response& response) {
        if (!ctx.project) return;
        const auto id = subject_id(ctx, rule.subject, response);
        if (id.empty()) return;
        auto db = services.db(ctx);
        std::optional<db::Document> user;
        // A response names the user as the request left it; the caller is as it came in.
        if (rule.subject == AuditSubject::kCaller) {
            user = *ctx.caller.user;
        } else {
            user = auth::get_user(*db, id);
        }
        if (!user) user = db::Document{.id = id};  // deleted along the way: keep the id
        auth::record_log(*db, *user,
                         {.event = std::string(rule.event),
                          .resource = "user/" + id,
                          .user_type = user_type(ctx),
                          .client = client_details(ctx, services)});
    };
}

http::Response logs_response(Context& ctx, const AuthServices& services, std::string_view user_id) {
    const auto texts = param::queries(ctx);
    const bool total = param::boolean(ctx, "total", true);
    const auto page = param::with_queries([&] {
        const auto queries = db::parse_queries(texts);
        return auth::list_logs(*services.db(ctx), user_id, queries, total);
    });
    bj::array logs;
    for (const auto& entry : page.documents) {
        const auto& d = entry.data;
        bj::object model;
        for (const char* key : {"event", "userId", "userEmail", "userName", "mode", "userType", "ip"}) {
            model[key] = auth::text_of(d, key);
        }
        model["time"] = auth::text_of(d, "time");
        for (const char* key : {"osCode", "osName", "osVersion", "clientType", "clientCode", "clientName",
                                "clientVersion", "clientEngine", "clientEngineVersion", "deviceName", "deviceBrand",
                                "deviceModel", "countryCode"}) {
            model[key] = auth::text_of(d, key);
        }
        model["countryName"] = services.locale.country_name(auth::text_of(d, "countryCode"), ctx.locale);
        logs.push_back(std::move(model));
    }
    return json(200, bj::object{{"total", page.total}, {"logs", std::move(logs)}});
}

}  // namespace basalt::api
