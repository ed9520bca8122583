// The Twilio provider against a Twilio-shaped receiver on loopback (Basalt's own HTTP server).
#include "messaging/twilio.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "http/params.hpp"
#include "http/server.hpp"

namespace basalt::messaging {
namespace {

struct Received {
    std::string account_sid, authorization, content_type;
    boost::json::object form;
};

class TwilioTest : public ::testing::Test {
protected:
    void SetUp() override {
        router_.add({http::Method::kPost, "/2010-04-01/Accounts/{sid}/Messages.json",
                     [this](http::Request& r) { return receive(r); }, http::Execution::kInline});
        http::ServerHooks hooks{
            .fallback =
                [](http::Request&) { return http::Response::json(404, R"({"status":404})"); },
            .failure = [](http::Request&, int status,
                          std::string_view) { return http::Response::json(status, "{}"); },
            .completed = nullptr,
        };
        server_ = std::make_unique<http::Server>(
            http::ServerOptions{
                .host = "127.0.0.1", .port = 0, .io_threads = 1, .worker_threads = 1},
            router_, std::move(hooks));
        server_->listen();
        runner_ = std::thread([this] { server_->run(); });
        base_ = "http://127.0.0.1:" + std::to_string(server_->port());
    }

    void TearDown() override {
        server_->stop();
        runner_.join();
    }

    // Answers like Twilio: 201 with the message resource, or 400 with its error shape.
    http::Response receive(http::Request& r) {
        Received got{.account_sid = std::string(r.path_param("sid")),
                     .authorization = std::string(r.header("authorization").value_or("")),
                     .content_type = std::string(r.header("content-type").value_or("")),
                     .form = http::parse_query_string(r.body)};
        const auto to = got.form.contains("To") ? std::string(got.form.at("To").as_string()) : "";
        {
            std::lock_guard lock(mutex_);
            received_.push_back(std::move(got));
        }
        if (to == "+15005550001") {
            return http::Response::json(
                400,
                R"({"code":21211,"message":"The 'To' number +15005550001 is not a valid phone number.",)"
                R"("more_info":"https://www.twilio.com/docs/errors/21211","status":400})");
        }
        if (to == "+15005550002")
            return http::Response::json(503, "<html>Service Unavailable</html>");
        return http::Response::json(
            201, R"({"sid":"SM0123456789abcdef0123456789abcdef","status":"queued"})");
    }

    std::vector<Received> received() {
        std::lock_guard lock(mutex_);
        return received_;
    }

    TwilioSettings settings() const {
        return {.account_sid = "AC0123456789abcdef",
                .auth_token = "token:with/chars",
                .from = "+15005550006",
                .base_url = base_ + "/",
                .timeout_ms = 3000};
    }

    http::Router router_;
    std::unique_ptr<http::Server> server_;
    std::thread runner_;
    std::string base_;
    std::mutex mutex_;
    std::vector<Received> received_;  // guarded by mutex_
};

TEST_F(TwilioTest, PostsTheMessageWithBasicAuth) {
    make_twilio_provider(settings())->send("+14155550100", "Your code: 123456 & more");
    const auto got = received();
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].account_sid, "AC0123456789abcdef");
    // base64("AC0123456789abcdef:token:with/chars")
    EXPECT_EQ(got[0].authorization, "Basic QUMwMTIzNDU2Nzg5YWJjZGVmOnRva2VuOndpdGgvY2hhcnM=");
    EXPECT_EQ(got[0].content_type, "application/x-www-form-urlencoded");
    EXPECT_EQ(got[0].form.at("To").as_string(), "+14155550100");
    EXPECT_EQ(got[0].form.at("From").as_string(), "+15005550006");
    EXPECT_EQ(got[0].form.at("Body").as_string(), "Your code: 123456 & more");
}

TEST_F(TwilioTest, ReportsTwiliosErrorMessage) {
    try {
        make_twilio_provider(settings())->send("+15005550001", "hi");
        FAIL() << "a refused message was reported as sent";
    } catch (const Error& error) {
        EXPECT_EQ(error.type(), ErrorType::kGeneralServerError);
        EXPECT_EQ(std::string(error.what()),
                  "Sending SMS failed: The 'To' number +15005550001 is not a valid phone number. "
                  "(Twilio error 21211)");
    }
}

TEST_F(TwilioTest, ReportsNonJsonFailuresByStatus) {
    try {
        make_twilio_provider(settings())->send("+15005550002", "hi");
        FAIL() << "a 503 was reported as sent";
    } catch (const Error& error) {
        EXPECT_EQ(error.type(), ErrorType::kGeneralServerError);
        EXPECT_EQ(std::string(error.what()), "Sending SMS failed: Twilio answered HTTP 503");
    }
}

TEST_F(TwilioTest, ReportsAWrongBaseUrl) {
    auto wrong = settings();
    wrong.base_url = base_ + "/elsewhere";
    EXPECT_THROW(make_twilio_provider(wrong)->send("+14155550100", "hi"), Error);
}

TEST(Twilio, FailsWhenTheGatewayIsUnreachable) {
    auto provider = make_twilio_provider({.account_sid = "AC1",
                                          .auth_token = "t",
                                          .from = "+15005550006",
                                          .base_url = "http://127.0.0.1:1",
                                          .timeout_ms = 2000});
    try {
        provider->send("+14155550100", "hi");
        FAIL() << "an unreachable gateway was reported as sent";
    } catch (const Error& error) {
        EXPECT_EQ(error.type(), ErrorType::kGeneralServerError);
    }
}

TEST(Twilio, RefusesIncompleteSettings) {
    const TwilioSettings complete{.account_sid = "AC1", .auth_token = "t", .from = "+15005550006"};
    EXPECT_NO_THROW(make_twilio_provider(complete));
    for (auto blank :
         {&TwilioSettings::account_sid, &TwilioSettings::auth_token, &TwilioSettings::from}) {
        auto settings = complete;
        settings.*blank = "";
        try {
            make_twilio_provider(settings);
            ADD_FAILURE() << "incomplete settings were accepted";
        } catch (const Error& error) {
            EXPECT_EQ(error.type(), ErrorType::kGeneralArgumentInvalid);
        }
    }
}

}  // namespace
}  // namespace basalt::messaging
