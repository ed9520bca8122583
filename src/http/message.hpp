// HTTP request and response as the rest of Basalt sees them: plain data, no Beast types.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>
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

// A response body sent in pieces (a file download), so that it never sits whole in memory.
// The server sends exactly size() bytes; a source that ends early or throws closes the
// connection (the status line is already out).
class BodyStream {
public:
    virtual ~BodyStream() = default;
    // The exact byte count (the Content-Length).
    virtual std::uint64_t size() const = 0;
    // Copies up to `max` next bytes into `out` and returns how many; 0 only at the end. Runs on a
    // worker thread (it may block). Throws on I/O errors.
    virtual std::size_t read(char* out, std::size_t max) = 0;
    // A regular file holding the bytes at an offset, to send with sendfile(2) instead of read();
    // nullopt when the bytes do not come from one.
    struct FileSpan {
        int fd = -1;  // owned by the stream, open until it is destroyed
        std::uint64_t offset = 0;
    };
    virtual std::optional<FileSpan> file() const { return std::nullopt; }
};

struct Response {
    int status = 200;
    Headers headers;
    std::string content_type = "application/json";
    std::string body;
    // Execution::kInlineFirst: no answer; run the handler again on the worker pool.
    bool to_worker = false;
    // When set, the body is this stream instead of `body`.
    std::shared_ptr<BodyStream> stream;

    static Response json(int status, std::string body);
    static Response no_content();
};

}  // namespace basalt::http
