// Route table: method + path pattern ("/v1/health/queue/failed/{name}") -> handler.
// Built once at start-up, then read concurrently without locks.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/message.hpp"

namespace basalt::http {

using Handler = std::function<Response(Request&)>;

// Where a handler runs: kInline on the I/O thread (pure CPU work, microseconds), kBlocking on
// the worker pool (anything touching a database, disk or network). kInlineFirst: on the I/O
// thread (Request::on_io_thread set), and again on the worker pool when the handler answers
// Response::to_worker (its work turned out long: a preview missing from its cache).
enum class Execution { kInline, kBlocking, kInlineFirst };

struct Route {
    Method method = Method::kGet;
    std::string pattern;
    Handler handler;
    Execution execution = Execution::kBlocking;
};

class Router {
public:
    // Adds a route; a pattern segment "{name}" captures one path segment.
    void add(Route route);

    // The route for `method` and `path`, with captured segments appended to `params`;
    // nullptr when none matches. Exact routes win; among patterns, literal segments win over
    // captures (compared from the left), then the route added first.
    const Route* match(Method method, std::string_view path,
                       std::vector<std::pair<std::string, std::string>>& params) const;

    // Every route, in no particular order.
    std::vector<const Route*> routes() const;

private:
    struct Pattern {
        std::vector<std::string> segments;  // "{x}" for captures
        std::unique_ptr<Route> route;
    };
    static std::string key(Method method, std::string_view path);
    static bool more_specific(const Pattern& a, const Pattern& b);

    std::unordered_map<std::string, std::unique_ptr<Route>> exact_;  // "GET /v1/locale"
    std::vector<Pattern> patterns_;
};

}  // namespace basalt::http
