#include "auth/credentials/jwt.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "core/error.hpp"

namespace basalt::auth {
namespace {

constexpr std::string_view kKey = "secret-key";
constexpr std::int64_t kExp = 1700000900;

// Tokens built at dev time by hand in python3 (json, base64.urlsafe_b64encode, hmac) with key
// "secret-key", header {"typ":"JWT","alg":...} in Appwrite's order and the payload shown.
// payload {"userId":"u1","sessionId":"s1","exp":1700000900}, HS256:
constexpr std::string_view kAppwriteToken =
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."
    "eyJ1c2VySWQiOiJ1MSIsInNlc3Npb25JZCI6InMxIiwiZXhwIjoxNzAwMDAwOTAwfQ."
    "EBBqZAjxQJWZx9X8-q0yMCkOYwEsto_EWPtqzleBK48";

TEST(JwtTest, DecodesAnIndependentlySignedToken) {
    const auto claims = decode_jwt(kAppwriteToken, kKey, kExp - 900);
    ASSERT_TRUE(claims);
    EXPECT_EQ(claims->at("userId").as_string(), "u1");
    EXPECT_EQ(claims->at("sessionId").as_string(), "s1");
    EXPECT_EQ(claims->at("exp").to_number<std::int64_t>(), kExp);
    EXPECT_EQ(claims->size(), 3u);
}

TEST(JwtTest, ExpiresAtExp) {
    EXPECT_TRUE(decode_jwt(kAppwriteToken, kKey, kExp - 1));
    EXPECT_FALSE(decode_jwt(kAppwriteToken, kKey, kExp));  // Appwrite: expired once now >= exp
    EXPECT_FALSE(decode_jwt(kAppwriteToken, kKey, kExp + 3600));
}

TEST(JwtTest, RejectsOtherKeysAndAlgorithms) {
    EXPECT_FALSE(decode_jwt(kAppwriteToken, "other-key", kExp - 900));
    const std::string_view rejected[] = {
        // alg "none", no signature
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0."
        "eyJ1c2VySWQiOiJ1MSIsInNlc3Npb25JZCI6InMxIiwiZXhwIjoxNzAwMDAwOTAwfQ.",
        // HS512 with the right key
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzUxMiJ9."
        "eyJ1c2VySWQiOiJ1MSIsInNlc3Npb25JZCI6InMxIiwiZXhwIjoxNzAwMDAwOTAwfQ."
        "KB_jb2kfC6HvVj9LlRoPZVOvtdjWHKe3hczMe6yzcFJE5kkhxmmDC_sR8PPA4A5XbD8rcgSF4nbTwj_YX9RS-Q",
        // header says RS256, signature is HMAC-SHA256 with the key (algorithm confusion)
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9."
        "eyJ1c2VySWQiOiJ1MSIsInNlc3Npb25JZCI6InMxIiwiZXhwIjoxNzAwMDAwOTAwfQ."
        "Tf9XOcsYLgGEJ9XwAbTMxuLxbBosbiBInHq5o5oqo3A",
        // signed with "other-key"
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."
        "eyJ1c2VySWQiOiJ1MSIsInNlc3Npb25JZCI6InMxIiwiZXhwIjoxNzAwMDAwOTAwfQ."
        "Qwv5seDIZqeLkFSjtCeT1Q940maNIVF1bQ-7eev3MOc",
        // payload [1,2], correctly signed: claims must be an object
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.WzEsMl0.sXnx9fvSGprW24hHkJoqE6W20TNONbeLToewpo2obXM",
        // exp as a string
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."
        "eyJ1c2VySWQiOiJ1MSIsImV4cCI6IjE3MDAwMDA5MDAifQ."
        "NdgLVc_VO_s78oG14pXZFJDvw23E8Ey2m6sB_WGoErY",
    };
    for (const auto token : rejected) EXPECT_FALSE(decode_jwt(token, kKey, kExp - 900)) << token;
}

TEST(JwtTest, RejectsMalformedTokens) {
    const std::string token(kAppwriteToken);
    const auto last_dot = token.rfind('.');
    const std::string tampered_payload =
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."
        "eyJ1c2VySWQiOiJ1MiIsInNlc3Npb25JZCI6InMxIiwiZXhwIjoxNzAwMDAwOTAwfQ" +
        token.substr(last_dot);
    const std::string malformed[] = {
        "",
        ".",
        "..",
        "abc",
        token.substr(0, last_dot),      // no signature part
        token.substr(0, last_dot + 1),  // empty signature
        token + ".extra",
        token.substr(0, token.size() - 2),  // truncated signature
        "!!" + token.substr(2),             // header not base64url
        tampered_payload,                   // userId u1 -> u2
        token + std::string(1, '\0'),
    };
    for (const auto& bad : malformed) EXPECT_FALSE(decode_jwt(bad, kKey, kExp - 900)) << bad;
}

TEST(JwtTest, NotBefore) {
    // {"userId":"u1","nbf":1700000000,"exp":1700000900}
    constexpr std::string_view token =
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."
        "eyJ1c2VySWQiOiJ1MSIsIm5iZiI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAwOTAwfQ."
        "aAefgsu-fUb_IbEU9e2ljjLaoQOg2oZAM9-leqM63Js";
    EXPECT_FALSE(decode_jwt(token, kKey, 1699999999));
    EXPECT_TRUE(decode_jwt(token, kKey, 1700000000));
}

TEST(JwtTest, WithoutExpNeverExpires) {
    // {"userId":"u1","nested":{"a":[1,2.5,true,null]}}
    constexpr std::string_view token =
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9."
        "eyJ1c2VySWQiOiJ1MSIsIm5lc3RlZCI6eyJhIjpbMSwyLjUsdHJ1ZSxudWxsXX19."
        "k61mKzRu2-hyH5naLnXi-Xmdx5M4nNNoYPdbIJNZM9Y";
    const auto claims = decode_jwt(token, kKey, 4102444800);
    ASSERT_TRUE(claims);
    EXPECT_EQ(boost::json::serialize(claims->at("nested")), R"({"a":[1,2.5E0,true,null]})");
}

TEST(JwtTest, RoundTrip) {
    const boost::json::object claims = {{"userId", "6560a1b2c3d4e5f6a7b8"},
                                        {"sessionId", "s-9"},
                                        {"exp", kExp},
                                        {"unicode", "żółć"}};
    const auto token = encode_jwt(claims, kKey);
    EXPECT_EQ(std::count(token.begin(), token.end(), '.'), 2);
    const auto decoded = decode_jwt(token, kKey, kExp - 1);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, claims);
    EXPECT_FALSE(decode_jwt(token, "secret-key2", kExp - 1));
    EXPECT_FALSE(decode_jwt(token, kKey, kExp));
    // An empty claim set still makes a valid token.
    const auto empty = decode_jwt(encode_jwt({}, kKey), kKey, 0);
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->empty());
}

TEST(JwtTest, EmptyKeyIsAConfigurationError) {
    EXPECT_THROW((void)encode_jwt({{"a", 1}}, ""), Error);
    EXPECT_THROW((void)decode_jwt(kAppwriteToken, "", 0), Error);
}

}  // namespace
}  // namespace basalt::auth
