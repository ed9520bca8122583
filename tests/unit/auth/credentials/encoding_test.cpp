#include "auth/credentials/encoding.hpp"

#include <gtest/gtest.h>

namespace basalt::auth::detail {
namespace {

TEST(EncodingTest, Hex) {
    EXPECT_EQ(hex_encode(std::string("\x00\x7f\xff\x10", 4)), "007fff10");
    EXPECT_EQ(hex_encode(""), "");
    EXPECT_EQ(hex_decode("007fff10"), std::string("\x00\x7f\xff\x10", 4));
    EXPECT_EQ(hex_decode("ABcd"), std::string("\xab\xcd"));
    EXPECT_FALSE(hex_decode(""));
    EXPECT_FALSE(hex_decode("abc"));
    EXPECT_FALSE(hex_decode("zz"));
    EXPECT_FALSE(hex_decode("ab:cd"));
    EXPECT_FALSE(hex_decode(std::string("ab\0d", 4)));
}

TEST(EncodingTest, Base64RoundTrips) {
    // RFC 4648 section 10 test vectors.
    const std::pair<std::string_view, std::string_view> vectors[] = {
        {"", ""},
        {"f", "Zg=="},
        {"fo", "Zm8="},
        {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="},
        {"fooba", "Zm9vYmE="},
        {"foobar", "Zm9vYmFy"},
    };
    for (const auto& [plain, encoded] : vectors) {
        EXPECT_EQ(base64_encode(plain), encoded);
        EXPECT_EQ(base64_decode(encoded), std::string(plain)) << encoded;
    }
    EXPECT_EQ(base64_decode("Zg"), "f");  // padding is optional
    EXPECT_EQ(base64_decode("Zm8"), "fo");
    EXPECT_EQ(base64_decode("+/+/"), std::string("\xfb\xff\xbf"));
}

TEST(EncodingTest, Base64RejectsGarbage) {
    for (const std::string_view bad : {"Z", "Zg=", "Zg===", "Z===", "Zm9v Yg==", "Zm9v\nYg==",
                                       "Zm9v-_", "=", "==", "Zg==Zg==", "Zm9vYg=a", "é"}) {
        EXPECT_FALSE(base64_decode(bad)) << bad;
    }
}

}  // namespace
}  // namespace basalt::auth::detail
