#include "http/router.hpp"

#include <gtest/gtest.h>

namespace basalt::http {
namespace {

Route route(Method method, std::string pattern, int tag) {
    return Route{method, std::move(pattern),
                 [tag](Request&) { return Response::json(200, std::to_string(tag)); },
                 Execution::kInline};
}

std::string call(const Router& router, Method method, std::string_view path,
                 std::vector<std::pair<std::string, std::string>>* params = nullptr) {
    std::vector<std::pair<std::string, std::string>> captured;
    const Route* found = router.match(method, path, captured);
    if (params) *params = captured;
    if (!found) return "none";
    Request request;
    return found->handler(request).body;
}

}  // namespace

TEST(RouterTest, ExactAndCapturedSegments) {
    Router router;
    router.add(route(Method::kGet, "/v1/project/keys", 1));
    router.add(route(Method::kGet, "/v1/project/keys/{keyId}", 2));
    router.add(route(Method::kDelete, "/v1/project/keys/{keyId}", 3));
    std::vector<std::pair<std::string, std::string>> params;
    EXPECT_EQ(call(router, Method::kGet, "/v1/project/keys"), "1");
    EXPECT_EQ(call(router, Method::kGet, "/v1/project/keys/k1", &params), "2");
    ASSERT_EQ(params.size(), 1u);
    EXPECT_EQ(params[0].first, "keyId");
    EXPECT_EQ(params[0].second, "k1");
    EXPECT_EQ(call(router, Method::kDelete, "/v1/project/keys/k1"), "3");
}

TEST(RouterTest, NoMatchForOtherMethodsLengthsOrEmptySegments) {
    Router router;
    router.add(route(Method::kGet, "/v1/project/keys/{keyId}", 2));
    EXPECT_EQ(call(router, Method::kPost, "/v1/project/keys/k1"), "none");
    EXPECT_EQ(call(router, Method::kGet, "/v1/project/keys/k1/extra"), "none");
    EXPECT_EQ(call(router, Method::kGet, "/v1/project/keys/"), "none");
    EXPECT_EQ(call(router, Method::kGet, "/v1/project"), "none");
}

TEST(RouterTest, HeadUsesTheGetRoute) {
    Router router;
    router.add(route(Method::kGet, "/v1/health/version", 7));
    EXPECT_EQ(call(router, Method::kHead, "/v1/health/version"), "7");
    EXPECT_EQ(call(router, Method::kPost, "/v1/health/version"), "none");
}

TEST(RouterTest, StaticRoutesWinOverCaptures) {
    Router router;
    router.add(route(Method::kGet, "/v1/health/queue/failed/{name}", 1));
    router.add(route(Method::kGet, "/v1/health/queue/{x}/{y}", 2));
    router.add(route(Method::kGet, "/v1/health/queue/failed/v1-mails", 3));
    EXPECT_EQ(call(router, Method::kGet, "/v1/health/queue/failed/v1-mails"), "3");
    EXPECT_EQ(call(router, Method::kGet, "/v1/health/queue/failed/v1-builds"), "1");
}

TEST(RouterTest, LiteralSegmentsWinOverCapturesWhateverTheOrder) {
    Router router;
    router.add(route(Method::kGet, "/v1/databases/{databaseId}/collections", 1));
    router.add(route(Method::kGet, "/v1/databases/{databaseId}", 2));
    router.add(route(Method::kGet, "/v1/databases/transactions/{transactionId}", 3));
    router.add(route(Method::kPost, "/v1/databases/{databaseId}/collections/{collectionId}", 4));
    router.add(route(Method::kPost, "/v1/databases/transactions/{transactionId}/operations", 5));
    router.add(route(Method::kGet, "/v1/databases/transactions", 6));
    std::vector<std::pair<std::string, std::string>> params;
    EXPECT_EQ(call(router, Method::kGet, "/v1/databases/transactions"), "6");
    EXPECT_EQ(call(router, Method::kGet, "/v1/databases/transactions/collections", &params), "3");
    ASSERT_EQ(params.size(), 1u);
    EXPECT_EQ(params[0].first, "transactionId");
    EXPECT_EQ(call(router, Method::kGet, "/v1/databases/db1/collections", &params), "1");
    ASSERT_EQ(params.size(), 1u);
    EXPECT_EQ(params[0].second, "db1");
    EXPECT_EQ(call(router, Method::kGet, "/v1/databases/db1"), "2");
    EXPECT_EQ(call(router, Method::kPost, "/v1/databases/transactions/t1/operations"), "5");
    EXPECT_EQ(call(router, Method::kPost, "/v1/databases/db1/collections/c1"), "4");
}

}  // namespace basalt::http
