#include "platform/abuse/abuse_key.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace basalt::abuse {
namespace {

TEST(AbuseKeyTest, FillsTheDefaultKey) {
    const std::vector<AbuseKeyParam> params = {{"url", "localhost/v1/account/sessions/email"},
                                               {"ip", "203.0.113.7"}};
    EXPECT_EQ(render_abuse_key(kDefaultAbuseKey, params),
              "url:localhost/v1/account/sessions/email,ip:203.0.113.7");
}

TEST(AbuseKeyTest, FillsRequestParameters) {
    const std::vector<AbuseKeyParam> params = {{"url", "h/v1/account"},
                                               {"param-email", "a@example.com"}};
    EXPECT_EQ(render_abuse_key("url:{url},email:{param-email}", params),
              "url:h/v1/account,email:a@example.com");
}

TEST(AbuseKeyTest, LeavesUnknownPlaceholdersAsWritten) {
    const std::vector<AbuseKeyParam> params = {{"url", "h/v1/account"}};
    EXPECT_EQ(render_abuse_key("url:{url},email:{param-email}", params),
              "url:h/v1/account,email:{param-email}");
    EXPECT_EQ(render_abuse_key("ip:{ip}", {}), "ip:{ip}");
}

TEST(AbuseKeyTest, EmptyValuesReplace) {
    // Appwrite sets {userId} even for guests, to an empty string.
    const std::vector<AbuseKeyParam> params = {{"url", "h/p"}, {"userId", ""}};
    EXPECT_EQ(render_abuse_key("url:{url},userId:{userId}", params), "url:h/p,userId:");
}

TEST(AbuseKeyTest, ValuesAreNotRescanned) {
    const std::vector<AbuseKeyParam> params = {{"param-email", "{ip}"}, {"ip", "1.2.3.4"}};
    EXPECT_EQ(render_abuse_key("email:{param-email},ip:{ip}", params), "email:{ip},ip:1.2.3.4");
}

TEST(AbuseKeyTest, MalformedTemplatesStayLiteral) {
    const std::vector<AbuseKeyParam> params = {{"ip", "1.2.3.4"}};
    EXPECT_EQ(render_abuse_key("ip:{ip", params), "ip:{ip");
    EXPECT_EQ(render_abuse_key("}{ip}{", params), "}1.2.3.4{");
    EXPECT_EQ(render_abuse_key("{}", params), "{}");
    EXPECT_EQ(render_abuse_key("", params), "");
    EXPECT_EQ(render_abuse_key("a{b{ip}", params), "a{b1.2.3.4");
    EXPECT_EQ(render_abuse_key("{{ip}}", params), "{1.2.3.4}");
}

TEST(AbuseKeyTest, FirstParamOfANameWins) {
    const std::vector<AbuseKeyParam> params = {{"ip", "first"}, {"ip", "second"}};
    EXPECT_EQ(render_abuse_key("{ip}{ip}", params), "firstfirst");
}

}  // namespace
}  // namespace basalt::abuse
