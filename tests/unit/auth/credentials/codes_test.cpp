#include "auth/credentials/codes.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <set>

#include "core/error.hpp"

namespace basalt::auth {
namespace {

bool is_lower_hex(std::string_view text) {
    return text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

TEST(CodesTest, RecoveryCodesHaveAppwritesShape) {
    const auto codes = generate_recovery_codes();
    ASSERT_EQ(codes.size(), 6u);
    for (const auto& code : codes) {
        EXPECT_EQ(code.size(), 10u);
        EXPECT_TRUE(is_lower_hex(code)) << code;
    }
    EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 6u);
}

TEST(CodesTest, ConsumeRecoveryCode) {
    std::vector<std::string> codes = {"aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc"};
    EXPECT_FALSE(consume_recovery_code(codes, "dddddddddd"));
    EXPECT_FALSE(consume_recovery_code(codes, "bbbbbbbbb"));
    EXPECT_FALSE(consume_recovery_code(codes, ""));
    EXPECT_EQ(codes.size(), 3u);
    EXPECT_TRUE(consume_recovery_code(codes, "bbbbbbbbbb"));
    EXPECT_EQ(codes, (std::vector<std::string>{"aaaaaaaaaa", "cccccccccc"}));
    EXPECT_FALSE(consume_recovery_code(codes, "bbbbbbbbbb"));  // a code works once
    std::vector<std::string> empty;
    EXPECT_FALSE(consume_recovery_code(empty, "aaaaaaaaaa"));
}

TEST(CodesTest, NumericCodes) {
    const auto code = generate_numeric_code();
    EXPECT_EQ(code.size(), 6u);
    EXPECT_EQ(code.find_first_not_of("0123456789"), std::string::npos) << code;
    EXPECT_EQ(generate_numeric_code(1).size(), 1u);
    EXPECT_EQ(generate_numeric_code(100).size(), 100u);
    EXPECT_THROW((void)generate_numeric_code(0), Error);
}

TEST(CodesTest, NumericDigitsAreUniform) {
    // 4,000,000 digits: each count stays within 5 standard deviations (3,000) of 400,000. A
    // plain `byte % 10` would favour digits 0-5 (26/256 instead of 25.6/256 each), putting them
    // about 6,250 above: this test catches modulo bias.
    std::array<long, 10> counts{};
    for (int i = 0; i < 4000; ++i) {
        for (const char c : generate_numeric_code(1000))
            ++counts[static_cast<std::size_t>(c - '0')];
    }
    const double expected = 400000;
    const double sigma = std::sqrt(4000000 * 0.1 * 0.9);
    for (std::size_t digit = 0; digit < counts.size(); ++digit) {
        EXPECT_LT(std::abs(static_cast<double>(counts[digit]) - expected), 5 * sigma)
            << "digit " << digit;
    }
}

TEST(CodesTest, TokenSecrets) {
    for (const std::size_t length :
         {kSessionSecretLength, kMagicUrlSecretLength, kCustomTokenDefaultLength,
          kCustomTokenMinLength, kCustomTokenMaxLength, std::size_t{1}, std::size_t{7}}) {
        const auto secret = generate_token_secret(length);
        EXPECT_EQ(secret.size(), length);
        EXPECT_TRUE(is_lower_hex(secret)) << secret;
    }
    EXPECT_NE(generate_token_secret(64), generate_token_secret(64));
    EXPECT_THROW((void)generate_token_secret(0), Error);
}

TEST(CodesTest, AppwriteLengths) {
    EXPECT_EQ(kSessionSecretLength, 256u);
    EXPECT_EQ(kVerificationSecretLength, 256u);
    EXPECT_EQ(kRecoverySecretLength, 256u);
    EXPECT_EQ(kMagicUrlSecretLength, 64u);
    EXPECT_EQ(kOAuth2SecretLength, 64u);
    EXPECT_EQ(kNumericCodeLength, 6u);
}

}  // namespace
}  // namespace basalt::auth
