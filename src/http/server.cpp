#include "http/server.hpp"

#include <fcntl.h>
#include <sys/sendfile.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <mutex>
#include <thread>
#include <unordered_set>

namespace basalt::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using BeastRequest = bhttp::request<bhttp::string_body>;

constexpr std::size_t kHeaderLimit = 64 * 1024;
// Most a refused request may still send before the connection is dropped.
constexpr std::size_t kLingerLimit = 64u << 20;
// Streamed bodies: bytes per sendfile(2) call, and per piece read from other sources.
constexpr std::size_t kSendfileStep = 8u << 20;
constexpr std::size_t kReadAhead = 16u << 20;  // of a sent file, asked ahead of sendfile(2)
constexpr std::size_t kPieceSize = 1u << 20;

Method to_method(bhttp::verb verb) {
    switch (verb) {
        case bhttp::verb::get: return Method::kGet;
        case bhttp::verb::post: return Method::kPost;
        case bhttp::verb::put: return Method::kPut;
        case bhttp::verb::patch: return Method::kPatch;
        case bhttp::verb::delete_: return Method::kDelete;
        case bhttp::verb::options: return Method::kOptions;
        case bhttp::verb::head: return Method::kHead;
        default: return Method::kOther;
    }
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Splits an origin-form target into its percent-decoded path and its raw query. Lenient like
// PHP servers: raw brackets and other characters RFC 3986 would have escaped are accepted.
// False when the target is not origin-form or its path has a broken escape.
bool fill_target(std::string_view target, Request& req) {
    if (target.empty() || target.front() != '/') return false;
    const auto question = target.find('?');
    const auto path = target.substr(0, question);
    req.query_string = question == std::string_view::npos ? std::string() : std::string(target.substr(question + 1));
    req.path.clear();
    req.path.reserve(path.size());
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (path[i] != '%') {
            req.path += path[i];
            continue;
        }
        if (i + 2 >= path.size()) return false;
        const int hi = hex_digit(path[i + 1]);
        const int lo = hex_digit(path[i + 2]);
        if (hi < 0 || lo < 0) return false;
        req.path += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return true;
}

// One live connection, known to the server so that a graceful stop can close idle ones.
struct Connection {
    beast::tcp_stream* stream;
    std::atomic<bool> busy{false};
};

}  // namespace

struct Server::Impl {
    // Constant after construction.
    ServerOptions options;
    const Router& router;
    ServerHooks hooks;

    std::vector<std::unique_ptr<asio::io_context>> ios;
    std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
    asio::thread_pool workers;
    std::uint16_t bound_port = 0;
    std::atomic<bool> stopping{false};

    std::mutex connections_mutex;
    std::unordered_set<Connection*> connections;  // guarded by connections_mutex

    Impl(ServerOptions opts, const Router& r, ServerHooks h)
        : options(std::move(opts)), router(r), hooks(std::move(h)), workers(worker_count(options)) {
        const unsigned n = options.io_threads ? options.io_threads : std::max(1u, std::thread::hardware_concurrency());
        for (unsigned i = 0; i < n; ++i) ios.push_back(std::make_unique<asio::io_context>(1));
    }

    static unsigned worker_count(const ServerOptions& o) {
        return o.worker_threads ? o.worker_threads : 4 * std::max(1u, std::thread::hardware_concurrency());
    }

    void listen() {
        const auto address = asio::ip::make_address(options.host);
        std::uint16_t port = options.port;
        for (auto& io : ios) {
            auto acceptor = std::make_unique<tcp::acceptor>(*io);
            const tcp::endpoint endpoint(address, port);
            acceptor->open(endpoint.protocol());
            acceptor->set_option(asio::socket_base::reuse_address(true));
            // One acceptor per I/O thread; the kernel spreads connections across them.
            acceptor->set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true));
            acceptor->bind(endpoint);
            acceptor->listen(asio::socket_base::max_listen_connections);
            port = acceptor->local_endpoint().port();
            acceptors.push_back(std::move(acceptor));
        }
        bound_port = port;
    }

    asio::awaitable<void> accept_loop(tcp::acceptor& acceptor) {
        for (;;) {
            auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
            if (ec) {
                if (stopping || ec == asio::error::operation_aborted) co_return;
                // Transient (EMFILE, ECONNABORTED): pause briefly instead of spinning, then go on.
                asio::steady_timer pause(acceptor.get_executor(), std::chrono::milliseconds(50));
                co_await pause.async_wait(asio::as_tuple(asio::use_awaitable));
                continue;
            }
            socket.set_option(tcp::no_delay(true));
            asio::co_spawn(acceptor.get_executor(), session(std::move(socket)), asio::detached);
        }
    }

    Response invoke(const Route* route, Request& req) noexcept {
        try {
            return route ? route->handler(req) : hooks.fallback(req);
        } catch (const std::exception& e) {
            return hooks.failure(req, 500, e.what());
        }
    }

    asio::awaitable<Response> dispatch(Request& req) {
        const Route* route = router.match(req.method, req.path, req.path_params);
        if (!route || route->execution == Execution::kInline) co_return invoke(route, req);
        if (route->execution == Execution::kInlineFirst) {
            req.on_io_thread = true;
            auto res = invoke(route, req);
            req.on_io_thread = false;
            if (!res.to_worker) co_return res;
        }
        co_return co_await asio::co_spawn(
            workers, [&]() -> asio::awaitable<Response> { co_return invoke(route, req); },
            asio::use_awaitable);
    }

    static Request to_request(BeastRequest& breq, const std::string& remote_ip) {
        Request req;
        req.method = to_method(breq.method());
        for (const auto& field : breq) {
            req.headers.add(std::string(field.name_string()), std::string(field.value()));
        }
        req.body = std::move(breq.body());
        req.remote_ip = remote_ip;
        return req;
    }

    // Sends `res`: its headers, then its string body or its stream. False when the connection
    // broke (or a stream failed) and must be closed.
    asio::awaitable<bool> write(beast::tcp_stream& stream, Response& res, bool keep_alive, bool head) {
        if (res.stream) co_return co_await write_stream(stream, res, keep_alive, head);
        bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), 11};
        for (const auto& [name, value] : res.headers.items()) out.insert(name, value);
        if (!res.content_type.empty()) out.set(bhttp::field::content_type, res.content_type);
        out.keep_alive(keep_alive);
        const std::size_t size = res.body.size();
        out.body() = std::move(res.body);
        out.prepare_payload();
        if (head) {
            out.body().clear();
            out.content_length(size);
        }
        stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
        auto [ec, n] = co_await bhttp::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
        co_return !ec;
    }

    // A streamed body: the headers with its Content-Length, then its bytes, from its file with
    // sendfile(2) (no copy through user space) or in pieces read on the worker pool.
    asio::awaitable<bool> write_stream(beast::tcp_stream& stream, Response& res, bool keep_alive, bool head) {
        bhttp::response<bhttp::empty_body> out{static_cast<bhttp::status>(res.status), 11};
        for (const auto& [name, value] : res.headers.items()) out.insert(name, value);
        if (!res.content_type.empty()) out.set(bhttp::field::content_type, res.content_type);
        out.keep_alive(keep_alive);
        const std::uint64_t size = res.stream->size();
        out.content_length(size);
        bhttp::response_serializer<bhttp::empty_body> serializer(out);
        stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
        auto [ec, n] = co_await bhttp::async_write_header(stream, serializer, asio::as_tuple(asio::use_awaitable));
        if (ec) co_return false;
        if (head || size == 0) co_return true;
        if (const auto span = res.stream->file()) co_return co_await send_file(stream, *span, size);
        co_return co_await send_pieces(stream, *res.stream, size);
    }

    // sendfile(2) on the non-blocking socket, waiting for room (up to the read timeout) when
    // it is full. Page-cache reads run on the I/O thread, as in nginx without aio.
    asio::awaitable<bool> send_file(beast::tcp_stream& stream, BodyStream::FileSpan span, std::uint64_t size) {
        using namespace asio::experimental::awaitable_operators;
        auto& socket = stream.socket();
        beast::error_code ec;
        socket.native_non_blocking(true, ec);
        if (ec) co_return false;
        auto offset = static_cast<off_t>(span.offset);
        const auto end = offset + static_cast<off_t>(size);
        auto ahead = offset;  // reads asked of the disk up to here
        std::uint64_t left = size;
        asio::steady_timer timer(socket.get_executor());
        while (left > 0) {
            // A file not in the page cache (just written past it, or long unread) would be read
            // in the kernel's small default readahead windows, synchronously, by this thread:
            // ask for the next kReadAhead bytes while the current ones are sent.
            if (ahead < end && ahead - offset < static_cast<off_t>(kReadAhead)) {
                const auto len = std::min<off_t>(end - ahead, static_cast<off_t>(kReadAhead));
                ::posix_fadvise(span.fd, ahead, len, POSIX_FADV_WILLNEED);
                ahead += len;
            }
            const auto n = ::sendfile(socket.native_handle(), span.fd, &offset,
                                      static_cast<std::size_t>(std::min<std::uint64_t>(left, kSendfileStep)));
            if (n > 0) {
                left -= static_cast<std::uint64_t>(n);
                continue;
            }
            if (n < 0 && errno == EINTR) continue;
            if (n == 0 || errno != EAGAIN) co_return false;  // the file ended early, or the peer left
            timer.expires_after(std::chrono::seconds(options.read_timeout_seconds));
            const auto woke = co_await (socket.async_wait(tcp::socket::wait_write, asio::as_tuple(asio::use_awaitable)) ||
                                        timer.async_wait(asio::as_tuple(asio::use_awaitable)));
            if (woke.index() != 0 || std::get<0>(std::get<0>(woke))) co_return false;
        }
        socket.native_non_blocking(false, ec);
        co_return !ec;
    }

    asio::awaitable<bool> send_pieces(beast::tcp_stream& stream, BodyStream& source, std::uint64_t size) {
        std::vector<char> buffer(static_cast<std::size_t>(std::min<std::uint64_t>(size, kPieceSize)));
        std::uint64_t left = size;
        while (left > 0) {
            const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
            std::size_t got = 0;
            try {
                got = co_await asio::co_spawn(
                    workers, [&]() -> asio::awaitable<std::size_t> { co_return source.read(buffer.data(), want); },
                    asio::use_awaitable);
            } catch (const std::exception&) {
                co_return false;
            }
            if (got == 0 || got > want) co_return false;
            stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
            auto [ec, n] = co_await asio::async_write(stream, asio::buffer(buffer.data(), got),
                                                      asio::as_tuple(asio::use_awaitable));
            if (ec) co_return false;
            left -= got;
        }
        co_return true;
    }

    // A body of known length (already checked against the limit), read straight into its
    // string: one copy out of the socket instead of Beast's two (socket to buffer, buffer to
    // body), in reads as large as the socket has data for instead of 64 KiB ones.
    asio::awaitable<bool> read_body(beast::tcp_stream& stream, beast::flat_buffer& buffer, std::uint64_t length,
                                    std::string& body) {
        body.resize(static_cast<std::size_t>(length));
        const auto buffered = asio::buffer_copy(asio::buffer(body), buffer.data());
        buffer.consume(buffered);
        if (buffered == body.size()) co_return true;
        stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
        auto [ec, n] = co_await asio::async_read(stream, asio::buffer(body.data() + buffered, body.size() - buffered),
                                                 asio::as_tuple(asio::use_awaitable));
        co_return !ec;
    }

    // Answers a request the server refuses itself, then closes. The client may still be
    // sending its body: reading and discarding it for a while (a lingering close) lets the
    // client read the answer instead of a reset.
    asio::awaitable<void> fail(beast::tcp_stream& stream, const std::string& remote_ip,
                               const BeastRequest& head, int status, std::string_view reason) {
        Request req;
        req.method = to_method(head.method());
        for (const auto& field : head) req.headers.add(std::string(field.name_string()), std::string(field.value()));
        if (!fill_target(head.target(), req)) req.path = "/";
        req.remote_ip = remote_ip;
        Response res = hooks.failure(req, status, reason);
        co_await write(stream, res, false, false);
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        std::array<char, 64 * 1024> sink;
        std::size_t drained = 0;
        stream.expires_after(std::chrono::seconds(2));
        while (drained < kLingerLimit) {
            auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), asio::as_tuple(asio::use_awaitable));
            if (ec) break;
            drained += n;
        }
    }

    asio::awaitable<void> session(tcp::socket socket) {
        beast::error_code ignored;
        const auto endpoint = socket.remote_endpoint(ignored);
        const std::string remote_ip = ignored ? std::string() : endpoint.address().to_string();
        beast::tcp_stream stream(std::move(socket));
        Connection connection{&stream};
        {
            std::lock_guard lock(connections_mutex);
            connections.insert(&connection);
        }
        beast::flat_buffer buffer;
        while (!stopping) {
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(kHeaderLimit);
            parser.body_limit(options.body_limit);
            stream.expires_after(std::chrono::seconds(options.idle_timeout_seconds));
            auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser,
                                                            asio::as_tuple(asio::use_awaitable));
            if (ec) {
                // Beast checks Content-Length against the body limit while parsing the header.
                if (ec == bhttp::error::body_limit) {
                    co_await fail(stream, remote_ip, parser.get(), 413, "Request body too large");
                } else if (ec == bhttp::error::header_limit || ec == bhttp::error::bad_target) {
                    co_await fail(stream, remote_ip, parser.get(), 400, "Malformed request");
                }
                break;
            }
            connection.busy = true;
            const auto started = std::chrono::steady_clock::now();
            auto& head = parser.get();
            if (parser.content_length() && *parser.content_length() > options.body_limit) {
                co_await fail(stream, remote_ip, head, 413, "Request body too large");
                break;
            }
            if (head[bhttp::field::expect] == "100-continue") {
                bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, 11};
                co_await bhttp::async_write(stream, cont, asio::as_tuple(asio::use_awaitable));
            }
            std::string direct_body;
            const bool direct = !parser.is_done() && !parser.chunked() && parser.content_length();
            if (direct) {
                if (!co_await read_body(stream, buffer, *parser.content_length(), direct_body)) break;
            } else if (!parser.is_done()) {
                stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
                auto [body_ec, m] = co_await bhttp::async_read(stream, buffer, parser,
                                                              asio::as_tuple(asio::use_awaitable));
                if (body_ec == bhttp::error::body_limit) {
                    co_await fail(stream, remote_ip, head, 413, "Request body too large");
                    break;
                }
                if (body_ec) break;
            }
            BeastRequest breq = parser.release();
            if (direct) breq.body() = std::move(direct_body);
            const bool keep_alive = breq.keep_alive();
            const bool is_head = breq.method() == bhttp::verb::head;
            Request req = to_request(breq, remote_ip);
            Response res;
            if (!fill_target(breq.target(), req)) {
                res = hooks.failure(req, 400, "Malformed request target");
            } else {
                res = co_await dispatch(req);
            }
            const int status = res.status;
            const bool sent = co_await write(stream, res, keep_alive && !stopping, is_head);
            if (hooks.completed) {
                const auto elapsed = std::chrono::steady_clock::now() - started;
                hooks.completed(req, status, std::chrono::duration<double, std::milli>(elapsed).count());
            }
            connection.busy = false;
            if (!keep_alive || !sent) break;
        }
        {
            std::lock_guard lock(connections_mutex);
            connections.erase(&connection);
        }
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream.socket().close(ignored);
    }

    void begin_stop() {
        if (stopping.exchange(true)) return;
        for (auto& acceptor : acceptors) {
            asio::post(acceptor->get_executor(), [a = acceptor.get()] {
                beast::error_code ignored;
                a->close(ignored);
            });
        }
        std::lock_guard lock(connections_mutex);
        for (Connection* c : connections) {
            if (c->busy) continue;  // finishes its response, then sees `stopping`
            asio::post(c->stream->get_executor(), [this, c] {
                std::lock_guard inner(connections_mutex);
                if (connections.contains(c) && !c->busy) c->stream->socket().cancel();
            });
        }
    }

    void run() {
        asio::signal_set signals(*ios[0], SIGINT, SIGTERM);
        signals.async_wait([this](const beast::error_code& ec, int) {
            if (!ec) begin_stop();
        });
        for (std::size_t i = 0; i < ios.size(); ++i) {
            asio::co_spawn(*ios[i], accept_loop(*acceptors[i]), asio::detached);
        }
        // Once stopping, the signal wait is the only thing keeping io 0 alive.
        asio::co_spawn(
            *ios[0],
            [this, &signals]() -> asio::awaitable<void> {
                asio::steady_timer timer(co_await asio::this_coro::executor);
                while (!stopping) {
                    timer.expires_after(std::chrono::milliseconds(100));
                    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
                }
                signals.cancel();
            },
            asio::detached);
        std::vector<std::thread> threads;
        for (std::size_t i = 1; i < ios.size(); ++i) threads.emplace_back([io = ios[i].get()] { io->run(); });
        ios[0]->run();
        for (auto& t : threads) t.join();
        workers.join();
    }
};

Server::Server(ServerOptions options, const Router& router, ServerHooks hooks)
    : impl_(std::make_unique<Impl>(std::move(options), router, std::move(hooks))) {}

Server::~Server() = default;

void Server::listen() { impl_->listen(); }

std::uint16_t Server::port() const noexcept { return impl_->bound_port; }

void Server::run() { impl_->run(); }

void Server::stop() { impl_->begin_stop(); }

}  // namespace basalt::http
