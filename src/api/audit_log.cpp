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

std::string response_field(const http::Response& response, std::string_view field) {
    boost::system::error_code ec;
    const auto body = bj::parse(response.body, ec);
    if (ec || !body.is_object()) return {};
    return auth::text_of(body.as_object(), field);
}

std::string subject_id(const Context& ctx, AuditSubject subject, const http::Response& response) {
    if (subject == AuditSubject::kCaller) return ctx.caller.is_user() ? ctx.caller.user->id : std::string();
    return response_field(response, subject == AuditSubject::kResponseId ? "$id" : "userId");
}

std::string resource_of(const Context& ctx, const AuditRule& rule, const http::Response& response,
                        const std::string& subject) {
    switch (rule.resource) {
        case AuditResource::kTeamParam: return "team/" + std::string(ctx.request.path_param("teamId"));
        case AuditResource::kTeamResponse: return "team/" + response_field(response, "$id");
        case AuditResource::kSubject: break;
    }
    return "user/" + subject;
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
        // A user's own events need the user; a team's events are kept for API keys too.
        if (id.empty() && rule.resource == AuditResource::kSubject) return;
        auto db = services.db(ctx);
        std::optional<db::Document> user;
        // A response names the user as the request left it; the caller is as it came in.
        if (rule.subject == AuditSubject::kCaller && ctx.caller.is_user()) {
            user = *ctx.caller.user;
        } else if (!id.empty()) {
            user = auth::get_user(*db, id);
        }
        if (!user) user = db::Document{.id = id};  // none, or deleted along the way: keep the id
        auth::record_log(*db, *user,
                         {.event = std::string(rule.event),
                          .resource = resource_of(ctx, rule, response, id),
                          .user_type = user_type(ctx),
                          .client = client_details(ctx, services)});
    };
}

http::Response logs_response(Context& ctx, const AuthServices& services, LogsOf of, std::string_view id) {
    const auto texts = param::queries(ctx);
    const bool total = param::boolean(ctx, "total", true);
    const auto page = param::with_queries([&] {
        const auto queries = db::parse_queries(texts);
        if (of == LogsOf::kTeam) return auth::list_logs(*services.db(ctx), "resource", "team/" + std::string(id), queries, total);
        return auth::list_logs(*services.db(ctx), "userId", id, queries, total);
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
