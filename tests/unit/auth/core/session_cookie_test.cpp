#include "auth/session_cookie.hpp"

#include <gtest/gtest.h>
#include <vector>

#include "core/crypto.hpp"

namespace basalt::auth {
namespace {

TEST(SessionCookie, RoundTripsAsBase64OfTheJsonAppwriteUses) {
    const auto value = encode_session_cookie({"u1", "s3cr3t"});
    EXPECT_EQ(crypto::base64_decode(value).value_or(""), R"({"id":"u1","secret":"s3cr3t"})");
    const auto decoded = decode_session_cookie(value);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->user_id, "u1");
    EXPECT_EQ(decoded->secret, "s3cr3t");
    EXPECT_EQ(session_cookie_name("p1"), "a_session_p1");
}

TEST(SessionCookie, RefusesAnythingElse) {
    const std::vector<std::string> bads = {"", "not base64!", crypto::base64_encode("not json"), crypto::base64_encode("[]"),
                                  crypto::base64_encode(R"({"id":"u1"})"), crypto::base64_encode(R"({"id":1,"secret":"s"})"),
                                  crypto::base64_encode(R"({"id":"","secret":"s"})"), std::string(5000, 'A')};
    for (const auto& bad : bads) {
        EXPECT_FALSE(decode_session_cookie(bad)) << bad;
    }
}

}  // namespace
}  // namespace basalt::auth
