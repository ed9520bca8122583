#include "http/cookies.hpp"

#include <gtest/gtest.h>

namespace basalt::http {
namespace {

Request with_cookie(std::string header) {
    Request request;
    request.headers.add("Cookie", std::move(header));
    return request;
}

TEST(Cookies, FindsOneCookieAmongOthersPercentDecodedWithPlusKept) {
    const auto request = with_cookie("a=1; a_session_p=ab%3D%3D+c; b=\"quoted\"");
    EXPECT_EQ(cookie(request, "a_session_p").value_or("?"), "ab==+c");
    EXPECT_EQ(cookie(request, "a").value_or("?"), "1");
    EXPECT_EQ(cookie(request, "b").value_or("?"), "quoted");
    EXPECT_FALSE(cookie(request, "a_session"));
    EXPECT_FALSE(cookie(Request{}, "a"));
    EXPECT_FALSE(cookie(with_cookie("x=%zz"), "x"));
}

TEST(Cookies, SetCookieHeaderEncodesTheValueAndNamesEveryAttribute) {
    const auto header = set_cookie_header({.name = "a_session_p",
                                           .value = "ab==/+",
                                           .expires_seconds = 0x7fffffff,
                                           .domain = ".example.com",
                                           .secure = true,
                                           .http_only = true,
                                           .same_site = "None"});
    EXPECT_EQ(header,
              "a_session_p=ab%3D%3D%2F%2B; expires=Tue, 19 Jan 2038 03:14:07 GMT; path=/; domain=.example.com; "
              "secure; httponly; samesite=None");
    EXPECT_EQ(set_cookie_header({.name = "n", .value = "v", .http_only = false}), "n=v; path=/");
}

}  // namespace
}  // namespace basalt::http
