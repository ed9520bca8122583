// The REST surface: endpoints declared by each service file, wrapped in the middleware every
// Appwrite request goes through (project, CORS/origin, caller, scope, error rendering).
#pragma once

#include <boost/json/value.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api/context.hpp"
#include "http/router.hpp"

namespace basalt::platform {
class Directory;
}
namespace basalt::db {
class Store;
}
namespace basalt::abuse {
class RateLimiter;
}

namespace basalt::api {

struct ApiOptions {
    // A header set by a trusted reverse proxy with the client's address ("x-forwarded-for");
    // empty = use the connection's peer address. Only set it behind a proxy that overwrites it.
    std::string client_ip_header;
    // Appwrite's abuse limits on auth routes (429 general_rate_limit_exceeded). API keys are
    // never limited. Off only for test suites that sign up many users from one address.
    bool rate_limits = true;
    // The store answers reads from local storage (SQLite): endpoints marked `local_read` run
    // on the I/O threads, since a read there takes microseconds, less than the two thread
    // hand-offs of the worker pool. Off for PostgreSQL, whose reads wait on the network.
    bool inline_local_reads = false;
};

struct Endpoint {
    http::Method method = http::Method::kGet;
    std::string path;   // "/v1/project/keys/{keyId}"
    // Required scope; empty = open to every caller; "a|b": either (TablesDB routes also
    // accept the Databases scopes).
    std::string scope;
    // kInlineFirst runs as kBlocking unless ApiOptions::inline_local_reads.
    http::Execution execution = http::Execution::kBlocking;
    std::function<http::Response(Context&)> handler;
    // Only reads a few records of the project's database (see ApiOptions::inline_local_reads).
    bool local_read = false;
    // Accepts requests from any origin (a provider's form_post to the OAuth2 callback).
    bool any_origin = false;
};

struct AuditRule;

// Writes the audit entry of a successful request to an audited route (see audits.hpp).
using Auditor = std::function<void(Context&, const AuditRule&, const http::Response&)>;

// A JSON response from a model.
http::Response json(int status, const boost::json::value& body);

class Api {
public:
    Api(http::Router& router, platform::Directory& directory, db::Store& store, ApiOptions options = {});
    ~Api();

    void add(Endpoint endpoint);
    void set_auditor(Auditor auditor) { auditor_ = std::move(auditor); }
    const ApiOptions& options() const noexcept { return options_; }

    // For the server: unknown routes and CORS preflights, and failures it detects itself.
    http::Response fallback(http::Request& request);
    http::Response failure(http::Request& request, int status, std::string_view reason);

private:
    struct Route;
    http::Response serve(const Route& route, http::Request& request);
    // Counts the request against the route's abuse limits: X-RateLimit-* headers on
    // `response`, Error(kGeneralRateLimitExceeded) when a limit is reached. Returns the keys
    // counted, for a reset after a successful response.
    std::vector<std::string> apply_rate_limit(const Route& route, Context& ctx, http::Response& response);
    // The project named by the request (header or `project` param); null for none/console.
    // Throws Error(kProjectNotFound) for an unknown one.
    std::shared_ptr<const platform::Project> resolve_project(http::Request& request);
    void authenticate(Context& ctx);
    void add_cors_headers(const http::Request& request, const platform::Project* project,
                          http::Response& response) const;
    bool origin_allowed(std::string_view origin, const platform::Project* project) const;

    std::string client_ip(const http::Request& request) const;

    http::Router& router_;
    platform::Directory& directory_;
    db::Store& store_;
    const ApiOptions options_;
    std::unique_ptr<abuse::RateLimiter> limiter_;
    Auditor auditor_;
};

// Registers the member functions of one handlers object as blocking endpoints; the object
// lives as long as its routes:
//
//   Routes<AccountEndpoints> route(api, std::make_shared<AccountEndpoints>(services));
//   route(http::Method::kGet, "/v1/account", "account", &AccountEndpoints::get);
template <typename Handlers>
class Routes {
public:
    using Handler = http::Response (Handlers::*)(Context&);
    struct Options {
        bool any_origin = false;  // Endpoint::any_origin
    };

    // `gets_are_local_reads`: every GET only reads a few records (Endpoint::local_read).
    Routes(Api& api, std::shared_ptr<Handlers> handlers, bool gets_are_local_reads = false)
        : api_(api), handlers_(std::move(handlers)), gets_are_local_reads_(gets_are_local_reads) {}

    void operator()(http::Method method, const char* path, const char* scope, Handler handler,
                    Options options = {}) const {
        api_.add({.method = method,
                  .path = path,
                  .scope = scope,
                  .execution = http::Execution::kBlocking,
                  .handler = [handlers = handlers_, handler](Context& ctx) { return ((*handlers).*handler)(ctx); },
                  .local_read = gets_are_local_reads_ && method == http::Method::kGet,
                  .any_origin = options.any_origin});
    }

private:
    Api& api_;
    std::shared_ptr<Handlers> handlers_;
    bool gets_are_local_reads_;
};

}  // namespace basalt::api
