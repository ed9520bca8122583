// The HTTP/1.1 server: keep-alive connections on I/O threads, handlers on a worker pool.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/router.hpp"

namespace basalt::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;           // 0 picks a free port; see Server::port()
    unsigned io_threads = 0;             // 0 = one per core
    unsigned worker_threads = 0;         // 0 = 4 per core (handlers block on databases)
    std::size_t body_limit = 16u << 20;  // bytes; larger bodies are refused before they are read
    unsigned read_timeout_seconds = 30;  // per request, headers and body
    unsigned idle_timeout_seconds = 75;  // keep-alive wait between requests
};

// What the server needs from the application besides routes.
struct ServerHooks {
    // Answers requests no route matches (404s, CORS preflights). Runs inline.
    Handler fallback;
    // Renders a failure the server itself detected (oversized body, malformed request).
    std::function<Response(Request&, int status, std::string_view reason)> failure;
    // Called after each response is written (access log); may be empty.
    std::function<void(const Request&, int status, double milliseconds)> completed;
};

// Thread-safety: construct, then run() from one thread; stop() may be called from any thread
// (or a signal: run() installs SIGINT/SIGTERM handlers that stop gracefully).
class Server {
public:
    Server(ServerOptions options, const Router& router, ServerHooks hooks);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds the listening sockets; throws std::system_error when the address is taken.
    void listen();
    // The bound port (after listen()).
    std::uint16_t port() const noexcept;
    // Serves until stop() or a signal: stops accepting, lets in-flight requests finish, closes
    // idle connections, then returns.
    void run();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace basalt::http
