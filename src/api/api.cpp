#include "api/api.hpp"

#include <boost/json/serialize.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "api/audits.hpp"
#include "api/error_response.hpp"
#include "api/mfa.hpp"
#include "api/rate_limits.hpp"
#include "platform/abuse/abuse_key.hpp"
#include "platform/abuse/rate_limiter.hpp"
#include "api/scopes.hpp"
#include "api/signed_in.hpp"
#include "auth/records.hpp"
#include "db/store.hpp"
#include "core/error.hpp"
#include "core/net.hpp"
#include "core/time.hpp"
#include "platform/directory.hpp"

namespace basalt::api {
namespace {

constexpr std::string_view kAllowMethods = "GET, POST, PUT, PATCH, DELETE";
constexpr std::string_view kAllowHeaders =
    "Accept, Origin, Cookie, Set-Cookie, Content-Type, Content-Range, X-Appwrite-Project, "
    "X-Appwrite-Key, X-Appwrite-Dev-Key, X-Appwrite-Locale, X-Appwrite-Mode, X-Appwrite-JWT, "
    "X-Appwrite-Organization, X-Appwrite-Response-Format, X-Appwrite-Timeout, X-Appwrite-ID, "
    "X-Appwrite-Timestamp, X-Appwrite-Session, X-Appwrite-Platform, "
    "X-Appwrite-Impersonate-User-Id, X-Appwrite-Impersonate-User-Email, "
    "X-Appwrite-Impersonate-User-Phone, X-SDK-Version, X-SDK-Name, X-SDK-Language, "
    "X-SDK-Platform, X-SDK-GraphQL, X-SDK-Profile, Range, Cache-Control, Expires, Pragma, "
    "X-Fallback-Cookies, X-Requested-With, X-Forwarded-For, X-Forwarded-User-Agent";
constexpr std::string_view kExposeHeaders = "X-Appwrite-Session, X-Fallback-Cookies";

// Key prefixes the SDKs may send; unprefixed keys are standard keys.
constexpr std::string_view kStandardPrefix = "standard_";

// The value of `name` in a raw query string, undecoded; empty when absent.
std::string_view query_value(std::string_view query, std::string_view name) {
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
            return pair.substr(name.size() + 1);
        }
        if (amp == std::string_view::npos) break;
        query = query.substr(amp + 1);
    }
    return {};
}

// The Appwrite version Basalt speaks, as a response format number.
const int kServerFormat = parse_response_format(BASALT_APPWRITE_VERSION);

// Replaces `response` with `next`, keeping the headers already set on `response`.
void replace_keeping_headers(http::Response& response, http::Response next) {
    for (const auto& [name, value] : response.headers.items()) next.headers.add(name, value);
    response = std::move(next);
}

// The alternatives of an endpoint's scope ("rows.write|documents.write").
std::vector<std::string_view> split_scopes(std::string_view scope) {
    std::vector<std::string_view> out;
    for (std::size_t start = 0;;) {
        const auto bar = scope.find('|', start);
        out.push_back(scope.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
        if (bar == std::string_view::npos) return out;
        start = bar + 1;
    }
}

bool has_any_scope(const Caller& caller, std::string_view scope) {
    const auto alternatives = split_scopes(scope);
    return std::any_of(alternatives.begin(), alternatives.end(), [&](auto s) { return caller.has_scope(s); });
}

}  // namespace

http::Response json(int status, const boost::json::value& body) {
    return http::Response::json(status, boost::json::serialize(body));
}

// An endpoint with what the middleware looks up once: its abuse limit.
struct Api::Route {
    Endpoint endpoint;
    const RateLimitRule* rate_limit = nullptr;
    const AuditRule* audit = nullptr;
};

Api::Api(http::Router& router, platform::Directory& directory, db::Store& store, ApiOptions options)
    : router_(router),
      directory_(directory),
      store_(store),
      options_(std::move(options)),
      limiter_(abuse::make_memory_rate_limiter()) {}

Api::~Api() = default;

std::string Api::client_ip(const http::Request& request) const {
    if (options_.client_ip_header.empty()) return request.remote_ip;
    const auto header = request.header(options_.client_ip_header);
    if (!header) return request.remote_ip;
    auto first = header->substr(0, header->find(','));
    while (!first.empty() && first.front() == ' ') first.remove_prefix(1);
    while (!first.empty() && first.back() == ' ') first.remove_suffix(1);
    return net::is_ip_address(first) ? std::string(first) : request.remote_ip;
}

namespace {

// Local reads run on the I/O threads when the store reads locally (SQLite); so does the first,
// short attempt of kInlineFirst endpoints, which otherwise run on the worker pool.
http::Execution execution_of(const Endpoint& endpoint, bool inline_local_reads) {
    if (endpoint.local_read && inline_local_reads) return http::Execution::kInline;
    if (endpoint.execution == http::Execution::kInlineFirst && !inline_local_reads) return http::Execution::kBlocking;
    return endpoint.execution;
}

}  // namespace

void Api::add(Endpoint endpoint) {
    auto route = std::make_shared<Route>();
    route->rate_limit = find_rate_limit(endpoint.method, endpoint.path);
    route->audit = find_audit_rule(endpoint.method, endpoint.path);
    route->endpoint = std::move(endpoint);
    router_.add(http::Route{
        .method = route->endpoint.method,
        .pattern = route->endpoint.path,
        .handler = [this, route](http::Request& request) { return serve(*route, request); },
        .execution = execution_of(route->endpoint, options_.inline_local_reads),
    });
}

std::vector<std::string> Api::apply_rate_limit(const Route& route, Context& ctx, http::Response& response) {
    const auto* rule = route.rate_limit;
    if (!rule) return {};
    std::vector<std::string> values;  // owns what the params below point into
    std::vector<abuse::AbuseKeyParam> params;
    const auto host = ctx.request.header("host").value_or("");
    const std::string url = std::string(host.substr(0, host.find(':'))) + std::string(rule->path);
    const std::string user_id = ctx.caller.is_user() ? ctx.caller.user->id : std::string();
    params.push_back({"projectId", ctx.project ? std::string_view(ctx.project->id) : std::string_view()});
    params.push_back({"userId", user_id});
    params.push_back({"ip", ctx.client_ip});
    params.push_back({"url", url});
    params.push_back({"method", http::to_string(ctx.request.method)});
    const auto& request_params = ctx.params();
    values.reserve(request_params.size() * 2);
    for (const auto& [name, value] : request_params) {
        std::string text = value.is_string() ? std::string(value.get_string()) : boost::json::serialize(value);
        if (text.empty() || value.is_null()) continue;
        values.push_back("param-" + std::string(name));
        values.push_back(std::move(text));
    }
    for (std::size_t i = 0; i + 1 < values.size(); i += 2) params.push_back({values[i], values[i + 1]});
    std::vector<std::string> keys;
    for (const auto pattern : rule->keys) keys.push_back(abuse::render_abuse_key(pattern, params));
    const auto now = time::now_ms() / 1000;
    const auto decision = abuse::apply_rate_limits(*limiter_, keys, rule->limit, rule->window_seconds, now,
                                                   options_.rate_limits && !ctx.caller.is_key());
    if (decision.limit > 0) {
        response.headers.add("X-RateLimit-Limit", std::to_string(decision.limit));
        response.headers.add("X-RateLimit-Remaining", std::to_string(decision.remaining));
        response.headers.add("X-RateLimit-Reset", std::to_string(decision.reset));
    }
    if (!decision.allowed) throw Error(ErrorType::kGeneralRateLimitExceeded);
    return keys;
}

http::Response Api::serve(const Route& route, http::Request& request) {
    const auto& endpoint = route.endpoint;
    std::shared_ptr<const platform::Project> project;
    http::Response response;
    try {
        project = resolve_project(request);
        Context ctx(request, project);
        ctx.client_ip = client_ip(request);
        const auto origin = request.header("origin").value_or("");
        if (!origin.empty() && !endpoint.any_origin && !request.header("x-appwrite-key") &&
            !origin_allowed(origin, project.get())) {
            throw Error(ErrorType::kGeneralUnknownOrigin,
                        fmt::format("Invalid Origin. Register your new client ({}) as a new Web "
                                    "platform on your project console dashboard",
                                    net::url_host(origin)));
        }
        if (auto locale = request.header("x-appwrite-locale")) ctx.locale = *locale;
        else ctx.locale = query_value(request.query_string, "locale");
        if (auto format = request.header("x-appwrite-response-format")) {
            ctx.response_format = parse_response_format(*format);
            if (ctx.response_format > kServerFormat) {
                response.headers.add("X-Appwrite-Warning",
                                     fmt::format("This SDK was built for Appwrite {}, but this server "
                                                 "speaks Appwrite {}: responses follow the {} models.",
                                                 *format, BASALT_APPWRITE_VERSION, BASALT_APPWRITE_VERSION));
            }
        }
        authenticate(ctx);
        if (!endpoint.scope.empty() && !has_any_scope(ctx.caller, endpoint.scope)) {
            std::string who = "User (role: guests)";
            if (ctx.caller.is_key()) {
                who = fmt::format("app.{}@service.localhost (role: applications)", project ? project->id : "console");
            } else if (ctx.caller.is_user()) {
                const auto email = auth::text_of(ctx.caller.user->data, "email");
                who = fmt::format("{} (role: users)", email.empty() ? "User" : email);
            }
            throw Error(ErrorType::kGeneralUnauthorizedScope,
                        fmt::format("{} missing scopes ([\"{}\"])", who, fmt::join(split_scopes(endpoint.scope), "\",\"")));
        }
        if (ctx.caller.is_user() && !auth::bool_of(ctx.caller.user->data, "status")) {
            throw Error(ErrorType::kUserBlocked);
        }
        require_enough_factors(ctx, store_, endpoint.method, endpoint.path);
        const auto counted = apply_rate_limit(route, ctx, response);
        replace_keeping_headers(response, endpoint.handler(ctx));
        if (!counted.empty() && route.rate_limit->reset_status == response.status) {
            for (const auto& key : counted) limiter_->reset(key, route.rate_limit->window_seconds, time::now_ms() / 1000);
        }
        if (route.audit && auditor_ && response.status >= 200 && response.status < 300) {
            // The action is done; a failed audit entry is reported, not turned into a failure.
            try {
                auditor_(ctx, *route.audit, response);
            } catch (const std::exception& e) {
                spdlog::error("Audit entry {} for {} not written: {}", route.audit->event, request.path, e.what());
            }
        }
    } catch (const Error& error) {
        replace_keeping_headers(response, error_response(error));
    } catch (const std::exception& e) {
        spdlog::error("{} {} failed: {}", http::to_string(request.method), request.path, e.what());
        replace_keeping_headers(response, error_response(Error(ErrorType::kGeneralUnknown)));
    }
    add_cors_headers(request, project.get(), response);
    return response;
}

std::shared_ptr<const platform::Project> Api::resolve_project(http::Request& request) {
    std::string_view project_id = request.header("x-appwrite-project").value_or("");
    if (project_id.empty()) project_id = query_value(request.query_string, "project");
    if (project_id.empty() || project_id == "console") return nullptr;
    auto project = directory_.find_project(project_id);
    if (!project) throw Error(ErrorType::kProjectNotFound);
    request.project_id = project->id;
    return project;
}

void Api::authenticate(Context& ctx) {
    auto secret = ctx.request.header("x-appwrite-key").value_or("");
    if (secret.empty()) {
        ctx.caller.kind = Caller::Kind::kGuest;
        ctx.caller.role_scopes = guest_scopes();
        if (ctx.project) resolve_signed_in(ctx, store_.project(ctx.project->id), ctx.project->jwt_secret);
        return;
    }
    if (secret.starts_with(kStandardPrefix)) secret.remove_prefix(kStandardPrefix.size());
    if (!ctx.project) throw Error(ErrorType::kProjectIdMissing);
    // Ephemeral and other key types Basalt does not issue yet are not valid.
    if (secret.find('_') != std::string_view::npos) throw Error(ErrorType::kUserUnauthorized);
    const auto key = directory_.authenticate(*ctx.project, secret, ctx.request.header("x-sdk-name").value_or(""));
    if (!key) throw Error(ErrorType::kUserUnauthorized);
    if (key->expired(time::now_ms())) throw Error(ErrorType::kProjectKeyExpired);
    ctx.caller.kind = Caller::Kind::kKey;
    ctx.caller.key = key;
    ctx.caller.role_scopes = key_base_scopes();
}

bool Api::origin_allowed(std::string_view origin, const platform::Project* project) const {
    const auto host = net::url_host(origin);
    if (host.empty()) return false;
    if (net::is_loopback_name(host)) return true;
    if (!project) return false;
    for (const auto& pattern : project->web_hostnames) {
        if (net::host_matches(host, pattern)) return true;
    }
    return false;
}

void Api::add_cors_headers(const http::Request& request, const platform::Project* project,
                           http::Response& response) const {
    // Only browsers read CORS headers, and only when they sent an Origin; the allow-lists
    // matter on preflights alone.
    const auto origin = request.header("origin").value_or("");
    if (origin.empty()) return;
    auto& headers = response.headers;
    const bool preflight = request.method == http::Method::kOptions;
    if (preflight) {
        headers.add("Access-Control-Allow-Methods", std::string(kAllowMethods));
        headers.add("Access-Control-Allow-Headers", std::string(kAllowHeaders));
        headers.add("Access-Control-Max-Age", "86400");
    }
    headers.add("Access-Control-Expose-Headers", std::string(kExposeHeaders));
    headers.add("Access-Control-Allow-Credentials", "true");
    // Preflights carry no project header, so Appwrite lets any origin through them and checks
    // the real request instead.
    if (preflight || origin_allowed(origin, project)) {
        headers.add("Access-Control-Allow-Origin", std::string(origin));
    }
}

http::Response Api::fallback(http::Request& request) {
    std::shared_ptr<const platform::Project> project;
    http::Response response;
    try {
        project = resolve_project(request);
        response = request.method == http::Method::kOptions
                       ? http::Response::no_content()
                       : error_response(Error(ErrorType::kGeneralRouteNotFound));
    } catch (const Error& error) {
        response = error_response(error);
    }
    add_cors_headers(request, project.get(), response);
    return response;
}

http::Response Api::failure(http::Request& request, int status, std::string_view reason) {
    http::Response response;
    if (status >= 500) {
        spdlog::error("{} {} failed: {}", http::to_string(request.method), request.path, reason);
        response = error_response(Error(ErrorType::kGeneralUnknown));
    } else if (status == 413) {
        response = error_response(Error(ErrorType::kGeneralArgumentInvalid, std::string(reason)), 413);
    } else {
        response = error_response(Error(ErrorType::kGeneralBadRequest, std::string(reason)));
    }
    add_cors_headers(request, nullptr, response);
    return response;
}

}  // namespace basalt::api
