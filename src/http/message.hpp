// HTTP request and response as the rest of Basalt sees them: plain data, no Beast types.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace basalt::http {

enum class Method { kGet, kPost, kPut, kPatch, kDelete, kOptions, kHead, kOther };

std::string_view to_string(Method method) noexcept;

// Header list with case-insensitive lookup. Names are stored as received.
class Headers {
public:
    void add(std::string name, std::string value) { items_.emplace_back(std::move(name), std::move(value)); }
    // First value of `name` (case-insensitive), if any.
    std::optional<std::string_view> get(std::string_view name) const noexcept;
    const std::vector<std::pair<std::string, std::string>>& items() const noexcept { return items_; }

private:
    std::vector<std::pair<std::string, std::string>> items_;
};

struct Request {
    Method method = Method::kGet;
    std::string path;          // decoded path without the query string, e.g. "/v1/locale"
    std::string query_string;  // raw, without '?'
    Headers headers;
    std::string body;
    std::string remote_ip;
    std::vector<std::pair<std::string, std::string>> path_params;  // filled by the router

    // Set by middleware, read by the access log.
    std::string project_id;
    // The handler runs on an I/O thread (Execution::kInlineFirst): nothing long may run now.
    bool on_io_thread = false;

    std::optional<std::string_view> header(std::string_view name) const noexcept {
        return headers.get(name);
    }
    std::string_view path_param(std::string_view name) const noexcept;
};

struct Response {
    int status = 200;
    Headers headers;
    std::string content_type = "application/json";
    std::string body;
    // Execution::kInlineFirst: no answer; run the handler again on the worker pool.
    bool to_worker = false;

    static Response json(int status, std::string body);
    static Response no_content();
};

}  // namespace basalt::http
