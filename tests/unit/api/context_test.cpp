#include "api/context.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace basalt::api {

TEST(ContextTest, ResponseFormatsCompareAsNumbers) {
    EXPECT_EQ(parse_response_format("1.9.5"), 10905);
    EXPECT_EQ(parse_response_format("2.0.0"), 20000);
    EXPECT_EQ(parse_response_format("1.8"), 10800);
    EXPECT_EQ(parse_response_format(""), kLatestResponseFormat);
    EXPECT_EQ(parse_response_format("abc"), kLatestResponseFormat);
    EXPECT_LT(parse_response_format("1.9.5"), parse_response_format("2.0.0"));
}

TEST(ContextTest, GetParamsComeFromTheQueryStringAndPath) {
    http::Request request;
    request.query_string = "total=false&queries[0]=a";
    request.path_params = {{"keyId", "k1"}};
    Context ctx(request, nullptr);
    const auto& params = ctx.params();
    EXPECT_EQ(params.at("total").as_string(), "false");
    EXPECT_EQ(params.at("queries").as_array().size(), 1u);
    EXPECT_EQ(params.at("keyId").as_string(), "k1");
}

TEST(ContextTest, JsonBodyWithQueryStringExtras) {
    http::Request request;
    request.method = http::Method::kPost;
    request.headers.add("Content-Type", "application/json");
    request.body = R"({"name":"n","scopes":["users.read"]})";
    request.query_string = "project=p1&name=ignored";
    Context ctx(request, nullptr);
    EXPECT_EQ(ctx.params().at("name").as_string(), "n");
    EXPECT_EQ(ctx.params().at("project").as_string(), "p1");
}

TEST(ContextTest, MalformedJsonBodyIsAnArgumentError) {
    for (const char* body : {"{bad", "[1,2]", "\"text\""}) {
        http::Request request;
        request.method = http::Method::kPost;
        request.headers.add("content-type", "application/json");
        request.body = body;
        Context ctx(request, nullptr);
        try {
            (void)ctx.params();
            FAIL() << body;
        } catch (const Error& e) {
            EXPECT_EQ(e.info().type, "general_argument_invalid") << body;
            EXPECT_EQ(e.status(), 400);
        }
    }
}

TEST(ContextTest, RequireProjectWithoutOneIsProjectNotFound) {
    http::Request request;
    Context ctx(request, nullptr);
    EXPECT_THROW((void)ctx.require_project(), Error);
}

}  // namespace basalt::api
