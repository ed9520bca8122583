// The server over real loopback sockets: keep-alive, HEAD, limits, and a graceful stop.
#include "http/server.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <gtest/gtest.h>
#include <thread>

namespace basalt::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

// Bytes that differ at every offset of a long body.
std::string pattern(std::size_t size) {
    std::string out(size, '\0');
    for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<char>((i * 7 + i / 251) % 256);
    return out;
}

// A streamed body: `bytes` from memory, or from `path` at `offset` (sendfile), optionally
// failing once `fail_after` bytes have been handed out.
class TestStream final : public BodyStream {
public:
    TestStream(std::string bytes, std::size_t fail_after = std::string::npos)
        : bytes_(std::move(bytes)), fail_after_(fail_after) {}
    TestStream(const std::filesystem::path& path, std::uint64_t offset)
        : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)),
          offset_(offset),
          size_(std::filesystem::file_size(path) - offset) {}
    ~TestStream() override {
        if (fd_ >= 0) ::close(fd_);
    }
    std::uint64_t size() const override { return fd_ >= 0 ? size_ : bytes_.size(); }
    std::size_t read(char* out, std::size_t max) override {
        if (done_ >= fail_after_) throw std::runtime_error("broken source");
        const auto n = std::min(max, bytes_.size() - done_);
        std::memcpy(out, bytes_.data() + done_, n);
        done_ += n;
        return n;
    }
    std::optional<FileSpan> file() const override {
        if (fd_ < 0) return std::nullopt;
        return FileSpan{.fd = fd_, .offset = offset_};
    }

private:
    std::string bytes_;
    std::size_t fail_after_ = std::string::npos;
    std::size_t done_ = 0;
    int fd_ = -1;
    std::uint64_t offset_ = 0;
    std::uint64_t size_ = 0;
};

// Large enough to fill the socket buffers, so that sending waits for the reader.
constexpr std::size_t kStreamed = 12u << 20;

class ServerTest : public ::testing::Test {
protected:
    void SetUp() override {
        file_ = std::filesystem::temp_directory_path() / ("basalt-server-test-" + std::to_string(::getpid()));
        std::ofstream(file_, std::ios::binary) << pattern(kStreamed);
        router_.add({Method::kGet, "/file",
                     [this](Request&) {
                         Response res;
                         res.content_type = "application/octet-stream";
                         res.stream = std::make_shared<TestStream>(file_, 100);
                         return res;
                     },
                     Execution::kBlocking});
        router_.add({Method::kGet, "/pieces",
                     [](Request&) {
                         Response res;
                         res.stream = std::make_shared<TestStream>(pattern(kStreamed + 7));
                         return res;
                     },
                     Execution::kBlocking});
        router_.add({Method::kGet, "/broken",
                     [](Request&) {
                         Response res;
                         res.stream = std::make_shared<TestStream>(pattern(3u << 20), 1u << 20);
                         return res;
                     },
                     Execution::kBlocking});
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
        std::filesystem::remove(file_);
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
        parser.body_limit(64u << 20);
        parser.skip(request.method() == bhttp::verb::head);
        bhttp::read(socket, buffer, parser);
        return parser.release();
    }

    static bhttp::request<bhttp::string_body> get(std::string target) {
        return {bhttp::verb::get, target, 11};
    }

    std::filesystem::path file_;
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

TEST_F(ServerTest, StreamedBodiesArriveWholeFromAFileOrInPieces) {
    auto socket = connect();
    const auto file = exchange(socket, get("/file"));
    EXPECT_EQ(file.result_int(), 200);
    EXPECT_EQ(file[bhttp::field::content_type], "application/octet-stream");
    EXPECT_EQ(file[bhttp::field::content_length], std::to_string(kStreamed - 100));
    EXPECT_TRUE(file.body() == pattern(kStreamed).substr(100)) << "the file's bytes differ";
    const auto pieces = exchange(socket, get("/pieces"));
    EXPECT_EQ(pieces[bhttp::field::content_length], std::to_string(kStreamed + 7));
    EXPECT_TRUE(pieces.body() == pattern(kStreamed + 7)) << "the streamed bytes differ";
    bhttp::request<bhttp::string_body> head{bhttp::verb::head, "/file", 11};
    const auto headers = exchange(socket, head);
    EXPECT_EQ(headers[bhttp::field::content_length], std::to_string(kStreamed - 100));
    EXPECT_TRUE(headers.body().empty());
    EXPECT_EQ(exchange(socket, get("/ping")).body(), R"({"pong":true})");  // still in sync
}

TEST_F(ServerTest, BodiesArriveWholeWhenSentInPiecesAndPipelined) {
    auto socket = connect();
    const std::string body(1000, 'b');
    const std::string head = "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n";
    asio::write(socket, asio::buffer(head + body.substr(0, 10)));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    // The rest of the body, then a whole second request in the same packet.
    asio::write(socket, asio::buffer(body.substr(10) + head + std::string(1000, 'c')));
    beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> first;
    bhttp::read(socket, buffer, first);
    EXPECT_EQ(first.body(), body);
    bhttp::response<bhttp::string_body> second;
    bhttp::read(socket, buffer, second);
    EXPECT_EQ(second.body(), std::string(1000, 'c'));
    // No Content-Length: chunked bodies are read by Beast's parser.
    asio::write(socket, asio::buffer(std::string("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                 "3\r\nin \r\n6\r\nchunks\r\n0\r\n\r\n")));
    bhttp::response<bhttp::string_body> third;
    bhttp::read(socket, buffer, third);
    EXPECT_EQ(third.body(), "in chunks");
}

TEST_F(ServerTest, AStreamFailingMidwayClosesTheConnection) {
    auto socket = connect();
    auto request = get("/broken");
    request.set(bhttp::field::host, "127.0.0.1");
    bhttp::write(socket, request);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(16u << 20);
    boost::system::error_code ec;
    bhttp::read(socket, buffer, parser, ec);
    EXPECT_EQ(ec, bhttp::error::partial_message) << ec.message();
    EXPECT_EQ(parser.get()[bhttp::field::content_length], std::to_string(3u << 20));
    EXPECT_LT(parser.get().body().size(), 3u << 20);
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
