// The server over real loopback sockets: keep-alive, HEAD, limits, and a graceful stop.
#include "http/server.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <atomic>
#include <chrono>
#include <future>
#include <gtest/gtest.h>
#include <thread>

namespace basalt::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

class ServerTest : public ::testing::Test {
protected:
    void SetUp() override {
        router_.add({Method::kGet, "/ping", [](Request&) { return Response::json(200, R"({"pong":true})"); },
                     Execution::kInline});
        router_.add({Method::kPost, "/echo", [](Request& r) { return Response::json(200, r.body); },
                     Execution::kBlocking});
        router_.add({Method::kGet, "/slow",
                     [](Request&) {
                         std::this_thread::sleep_for(std::chrono::milliseconds(400));
                         return Response::json(200, R"({"slow":true})");
                     },
                     Execution::kBlocking});
        router_.add({Method::kGet, "/items/{id}",
                     [](Request& r) { return Response::json(200, std::string(r.path_param("id"))); },
                     Execution::kBlocking});
        // Answers on the I/O thread for ?fast, else asks for the worker pool; the body says where
        // and on which thread it finally ran.
        router_.add({Method::kGet, "/maybe",
                     [](Request& r) {
                         if (r.on_io_thread && r.query_string != "fast") {
                             Response later;
                             later.to_worker = true;
                             return later;
                         }
                         return Response::json(200, r.on_io_thread ? "io" : "worker");
                     },
                     Execution::kInlineFirst});
        ServerHooks hooks{
            .fallback = [](Request&) { return Response::json(404, "missing"); },
            .failure = [this](Request&, int status, std::string_view) {
                last_failure_ = status;
                return Response::json(status, "failure");
            },
            .completed = nullptr,
        };
        server_ = std::make_unique<Server>(
            ServerOptions{.host = "127.0.0.1", .port = 0, .io_threads = 2, .worker_threads = 2, .body_limit = 1024},
            router_, std::move(hooks));
        server_->listen();
        runner_ = std::thread([this] { server_->run(); });
    }

    void TearDown() override {
        server_->stop();
        runner_.join();
    }

    tcp::socket connect() {
        tcp::socket socket(io_);
        socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()));
        return socket;
    }

    static bhttp::response<bhttp::string_body> exchange(tcp::socket& socket,
                                                        bhttp::request<bhttp::string_body> request) {
        request.version(11);
        request.set(bhttp::field::host, "127.0.0.1");
        request.prepare_payload();
        bhttp::write(socket, request);
        beast::flat_buffer buffer;
        bhttp::response_parser<bhttp::string_body> parser;
        parser.skip(request.method() == bhttp::verb::head);
        bhttp::read(socket, buffer, parser);
        return parser.release();
    }

    static bhttp::request<bhttp::string_body> get(std::string target) {
        return {bhttp::verb::get, target, 11};
    }

    asio::io_context io_;
    Router router_;
    std::atomic<int> last_failure_{0};  // written by the server's I/O threads
    std::unique_ptr<Server> server_;
    std::thread runner_;
};

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
    auto socket = connect();
    for (int i = 0; i < 3; ++i) {
        const auto res = exchange(socket, get("/ping"));
        EXPECT_EQ(res.result_int(), 200);
        EXPECT_EQ(res.body(), R"({"pong":true})");
        EXPECT_EQ(res[bhttp::field::content_type], "application/json");
        EXPECT_TRUE(res.keep_alive());
    }
    bhttp::request<bhttp::string_body> post{bhttp::verb::post, "/echo", 11};
    post.body() = "hello";
    EXPECT_EQ(exchange(socket, post).body(), "hello");
    EXPECT_EQ(exchange(socket, get("/items/a%20b")).body(), "a b");
    EXPECT_EQ(exchange(socket, get("/nowhere")).result_int(), 404);
}

TEST_F(ServerTest, InlineFirstMovesToTheWorkersWhenTheHandlerAsks) {
    auto socket = connect();
    EXPECT_EQ(exchange(socket, get("/maybe?fast")).body(), "io");
    EXPECT_EQ(exchange(socket, get("/maybe")).body(), "worker");
}

TEST_F(ServerTest, HeadSendsHeadersOnly) {
    auto socket = connect();
    bhttp::request<bhttp::string_body> head{bhttp::verb::head, "/ping", 11};
    const auto res = exchange(socket, head);
    EXPECT_EQ(res.result_int(), 200);
    EXPECT_EQ(res[bhttp::field::content_length], "13");
    EXPECT_TRUE(res.body().empty());
    EXPECT_EQ(exchange(socket, get("/ping")).body(), R"({"pong":true})");  // stream still in sync
}

TEST_F(ServerTest, OversizedBodyIsRefusedWith413BeforeItIsRead) {
    auto socket = connect();
    bhttp::request<bhttp::string_body> post{bhttp::verb::post, "/echo", 11};
    post.body() = std::string(4096, 'x');
    const auto res = exchange(socket, post);
    EXPECT_EQ(res.result_int(), 413);
    EXPECT_FALSE(res.keep_alive());
    EXPECT_EQ(last_failure_.load(), 413);
}

TEST_F(ServerTest, MalformedTargetGets400) {
    auto socket = connect();
    EXPECT_EQ(exchange(socket, get("/bad%zzpath")).result_int(), 400);
    EXPECT_EQ(exchange(socket, get("/ping")).result_int(), 200);
}

TEST_F(ServerTest, StopFinishesTheRequestInFlightThenRefusesConnections) {
    auto socket = connect();
    auto slow = std::async(std::launch::async, [&] { return exchange(socket, get("/slow")); });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    server_->stop();
    const auto res = slow.get();
    EXPECT_EQ(res.result_int(), 200);
    EXPECT_EQ(res.body(), R"({"slow":true})");
    EXPECT_FALSE(res.keep_alive());
    runner_.join();
    runner_ = std::thread([] {});  // TearDown joins it
    tcp::socket late(io_);
    boost::system::error_code ec;
    late.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), server_->port()), ec);
    EXPECT_TRUE(ec) << "a stopped server still accepts connections";
}

}  // namespace
}  // namespace basalt::http
