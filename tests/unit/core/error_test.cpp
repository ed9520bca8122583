#include "core/error.hpp"

#include <gtest/gtest.h>

namespace basalt {

TEST(ErrorTest, CarriesAppwriteTypeAndStatus) {
    const Error error(ErrorType::kGeneralRouteNotFound);
    EXPECT_EQ(error.info().type, "general_route_not_found");
    EXPECT_EQ(error.status(), 404);
    EXPECT_FALSE(std::string(error.what()).empty());
}

TEST(ErrorTest, CustomMessageKeepsType) {
    const Error error(ErrorType::kProjectNotFound, "no such project");
    EXPECT_STREQ(error.what(), "no such project");
    EXPECT_EQ(error.info().type, "project_not_found");
}

TEST(ErrorTest, TableCoversScopeAndQueryErrors) {
    EXPECT_EQ(error_info(ErrorType::kGeneralUnauthorizedScope).status, 401);
    EXPECT_EQ(error_info(ErrorType::kGeneralQueryInvalid).type, "general_query_invalid");
    EXPECT_EQ(error_info(ErrorType::kGeneralRateLimitExceeded).status, 429);
    EXPECT_EQ(error_info(ErrorType::kDocumentNotFound).status, 404);
}

}  // namespace basalt
