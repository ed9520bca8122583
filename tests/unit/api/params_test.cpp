#include "api/params.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace basalt::api {
namespace {

struct Fixture {
    http::Request request;
    std::unique_ptr<Context> ctx;
    explicit Fixture(std::string body) {
        request.method = http::Method::kPost;
        request.headers.add("content-type", "application/json");
        request.body = std::move(body);
        ctx = std::make_unique<Context>(request, nullptr);
    }
};

std::string error_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const Error& e) {
        return std::string(e.info().type) + ": " + e.what();
    }
    return "no error";
}

}  // namespace

TEST(ParamTest, StringsRespectPresenceTypeAndLength) {
    Fixture f(R"({"name":"ok","long":")" + std::string(129, 'x') + R"(","num":5,"empty":""})");
    EXPECT_EQ(param::string(*f.ctx, "name", 128), "ok");
    EXPECT_EQ(error_of([&] { param::string(*f.ctx, "missing", 128); }),
              "general_argument_invalid: Param \"missing\" is not optional.");
    EXPECT_NE(error_of([&] { param::string(*f.ctx, "long", 128); }).find("general_argument_invalid"),
              std::string::npos);
    EXPECT_NE(error_of([&] { param::string(*f.ctx, "num", 128); }).find("`num`"), std::string::npos);
    EXPECT_NE(error_of([&] { param::string(*f.ctx, "empty", 128); }), "no error");
}

TEST(ParamTest, IdsAreValidatedOrGenerated) {
    Fixture f(R"J({"a":"unique()","b":"good-id","c":")J" + std::string(37, 'x') + R"J(","d":"_bad"})J");
    EXPECT_EQ(param::id(*f.ctx, "a").size(), 20u);
    EXPECT_EQ(param::id(*f.ctx, "b"), "good-id");
    EXPECT_NE(error_of([&] { param::id(*f.ctx, "c"); }).find("general_argument_invalid"), std::string::npos);
    EXPECT_NE(error_of([&] { param::id(*f.ctx, "d"); }).find("general_argument_invalid"), std::string::npos);
}

TEST(ParamTest, BooleansIntegersListsAndDates) {
    Fixture f(R"({"t":true,"s":"false","bad":"maybe","n":"42","neg":-1,"list":["a","b"],
                 "badlist":["a",1],"when":"2024-01-02T03:04:05.000+00:00","notdate":"soon"})");
    EXPECT_TRUE(param::boolean(*f.ctx, "t", false));
    EXPECT_FALSE(param::boolean(*f.ctx, "s", true));
    EXPECT_TRUE(param::boolean(*f.ctx, "missing", true));
    EXPECT_NE(error_of([&] { param::boolean(*f.ctx, "bad", true); }), "no error");
    EXPECT_EQ(param::integer(*f.ctx, "n", 0), 42);
    EXPECT_NE(error_of([&] { param::integer(*f.ctx, "neg", 0, 0, 10); }), "no error");
    EXPECT_EQ(param::strings(*f.ctx, "list", true).size(), 2u);
    EXPECT_NE(error_of([&] { param::strings(*f.ctx, "badlist", true); }), "no error");
    EXPECT_NE(error_of([&] { param::strings(*f.ctx, "list", true, 1); }), "no error");
    EXPECT_EQ(param::optional_datetime(*f.ctx, "when"), 1704164645000);
    EXPECT_NE(error_of([&] { param::optional_datetime(*f.ctx, "notdate"); }), "no error");
}

}  // namespace basalt::api
