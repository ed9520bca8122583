#include "api/error_response.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace basalt::api {

TEST(ErrorResponseTest, RendersAppwriteErrorBody) {
    const auto response = error_response(Error(ErrorType::kGeneralRouteNotFound));
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(response.content_type, "application/json");
    const auto body = boost::json::parse(response.body).as_object();
    ASSERT_EQ(body.size(), 4u);
    auto it = body.begin();
    EXPECT_EQ(it++->key(), "message");
    EXPECT_EQ(it++->key(), "code");
    EXPECT_EQ(it++->key(), "type");
    EXPECT_EQ(it++->key(), "version");
    EXPECT_EQ(body.at("code").as_int64(), 404);
    EXPECT_EQ(body.at("type").as_string(), "general_route_not_found");
    EXPECT_EQ(body.at("version").as_string(), BASALT_APPWRITE_VERSION);
}

TEST(ErrorResponseTest, KeepsCustomMessageAndStatus) {
    const auto response = error_response(Error(ErrorType::kGeneralRateLimitExceeded, "slow down"));
    EXPECT_EQ(response.status, 429);
    const auto body = boost::json::parse(response.body).as_object();
    EXPECT_EQ(body.at("message").as_string(), "slow down");
}

TEST(ErrorResponseTest, RealtimeCodesBecomeHttp400) {
    const auto response = error_response(Error(ErrorType::kRealtimePolicyViolation));
    EXPECT_EQ(response.status, 400);
}

}  // namespace basalt::api
