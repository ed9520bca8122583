// The outbound client against Basalt's own HTTP server on loopback.
#include "outbound/http_client.hpp"

#include <gtest/gtest.h>
#include <thread>

#include "core/error.hpp"
#include "http/server.hpp"

namespace basalt::outbound {
namespace {

class HttpClientTest : public ::testing::Test {
protected:
    void SetUp() override {
        router_.add({http::Method::kPost, "/echo",
                     [](http::Request& r) {
                         auto response = http::Response::json(201, r.body);
                         response.headers.add("X-Seen-Type", std::string(r.header("content-type").value_or("")));
                         return response;
                     },
                     http::Execution::kInline});
        router_.add({http::Method::kGet, "/big",
                     [](http::Request&) { return http::Response::json(200, std::string(4096, 'x')); },
                     http::Execution::kInline});
        router_.add({http::Method::kGet, "/moved",
                     [](http::Request&) {
                         auto response = http::Response::json(302, "{}");
                         response.headers.add("Location", "/big");
                         return response;
                     },
                     http::Execution::kInline});
        http::ServerHooks hooks{
            .fallback = [](http::Request&) { return http::Response::json(404, R"({"missing":true})"); },
            .failure = [](http::Request&, int status, std::string_view) { return http::Response::json(status, "{}"); },
            .completed = nullptr,
        };
        server_ = std::make_unique<http::Server>(
            http::ServerOptions{.host = "127.0.0.1", .port = 0, .io_threads = 1, .worker_threads = 1},
            router_, std::move(hooks));
        server_->listen();
        runner_ = std::thread([this] { server_->run(); });
        base_ = "http://127.0.0.1:" + std::to_string(server_->port());
    }

    void TearDown() override {
        server_->stop();
        runner_.join();
    }

    http::Router router_;
    std::unique_ptr<http::Server> server_;
    std::thread runner_;
    std::string base_;
};

TEST_F(HttpClientTest, SendsMethodHeadersAndBody) {
    const auto response = fetch({.method = "POST",
                                 .url = base_ + "/echo",
                                 .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
                                 .body = form_encode({{"a b", "c&d"}, {"e", "é"}})});
    EXPECT_EQ(response.status, 201);
    EXPECT_EQ(response.body, "a%20b=c%26d&e=%C3%A9");
    EXPECT_EQ(response.header("x-seen-type").value_or(""), "application/x-www-form-urlencoded");
    EXPECT_FALSE(response.header("x-absent"));
}

TEST_F(HttpClientTest, ReturnsErrorStatusesAsResponses) {
    const auto response = fetch({.url = base_ + "/nowhere"});
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.body, R"({"missing":true})");
}

TEST_F(HttpClientTest, RefusesBodiesOverTheLimit) {
    EXPECT_EQ(fetch({.url = base_ + "/big", .max_response_bytes = 4096}).body.size(), 4096u);
    EXPECT_THROW(fetch({.url = base_ + "/big", .max_response_bytes = 4095}), Error);
}

TEST_F(HttpClientTest, FollowsRedirectsOnlyWhenAsked) {
    EXPECT_EQ(fetch({.url = base_ + "/moved"}).status, 302);
    const auto followed = fetch({.url = base_ + "/moved", .max_redirects = 2});
    EXPECT_EQ(followed.status, 200);
    EXPECT_EQ(followed.body.size(), 4096u);
}

TEST_F(HttpClientTest, RefusesNonPublicAddressesWhenAsked) {
    try {
        fetch({.url = base_ + "/big", .public_hosts_only = true});
        FAIL() << "a loopback address was accepted";
    } catch (const Error& error) {
        EXPECT_EQ(error.type(), ErrorType::kGeneralServerError);
    }
}

TEST(HttpClient, FailsOnUnreachableHostsAndOtherSchemes) {
    EXPECT_THROW(fetch({.url = "http://127.0.0.1:1/", .timeout_ms = 2000}), Error);
    EXPECT_THROW(fetch({.url = "file:///etc/passwd"}), Error);
}

TEST(HttpClient, UrlEncodesComponents) {
    EXPECT_EQ(url_encode("a-b_c.d~e f/g?h"), "a-b_c.d~e%20f%2Fg%3Fh");
    EXPECT_EQ(url_encode(""), "");
}

}  // namespace
}  // namespace basalt::outbound
