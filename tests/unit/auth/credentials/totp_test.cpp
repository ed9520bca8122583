#include "auth/credentials/totp.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/error.hpp"

namespace basalt::auth {
namespace {

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" (base32 below). The RFC lists
// 8-digit codes; a 6-digit code is the same number modulo 10^6, i.e. its last six digits.
constexpr std::string_view kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

TEST(TotpTest, Rfc6238Vectors) {
    const std::pair<std::int64_t, std::string_view> vectors[] = {
        {59, "287082"},         {1111111109, "081804"}, {1111111111, "050471"},
        {1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"},
    };
    for (const auto& [time, code] : vectors) {
        EXPECT_EQ(totp_code(kRfcSecret, time), std::string(code)) << time;
        EXPECT_TRUE(verify_totp(kRfcSecret, code, time)) << time;
    }
}

// A secret of Appwrite's size (64 bytes (i*37+11) % 256, base32 without padding) and codes from
// an independent implementation: python3 hmac/hashlib/struct at dev time.
constexpr std::string_view kLongSecret =
    "BMYFK6U7YTUQ4M2YPWRMP3ARGZNYBJOK54KDSXUDVDG7EFZ4MGDKXUHVDI7WJCNO2P4B2QTHRSY5N6ZAIVVI7NGZ7YRUQ"
    "3MSW7OACJQ";

TEST(TotpTest, IndependentCodes) {
    const std::pair<std::int64_t, std::string_view> vectors[] = {
        {0, "270163"},          {29, "270163"},         {30, "985760"},
        {1700000000, "762809"}, {1700000029, "516698"}, {1767225600, "661066"},
    };
    for (const auto& [time, code] : vectors) {
        EXPECT_EQ(totp_code(kLongSecret, time), std::string(code)) << time;
        EXPECT_TRUE(verify_totp(kLongSecret, code, time)) << time;
    }
}

TEST(TotpTest, OnlyTheCurrentStepByDefault) {
    // 762809 belongs to the step [1699999980, 1700000010).
    EXPECT_TRUE(verify_totp(kLongSecret, "762809", 1699999980));
    EXPECT_TRUE(verify_totp(kLongSecret, "762809", 1700000009));
    EXPECT_FALSE(verify_totp(kLongSecret, "762809", 1699999979));
    EXPECT_FALSE(verify_totp(kLongSecret, "762809", 1700000010));
    // With a window of one step either side.
    EXPECT_TRUE(verify_totp(kLongSecret, "762809", 1700000010, 1));
    EXPECT_TRUE(verify_totp(kLongSecret, "762809", 1699999979, 1));
    EXPECT_FALSE(verify_totp(kLongSecret, "762809", 1700000040, 1));
}

TEST(TotpTest, RejectsBadCodesAndSecrets) {
    const std::string_view bad_codes[] = {"", "76280", "7628090", "762 809", "76280a", "-76280"};
    for (const auto code : bad_codes) {
        EXPECT_FALSE(verify_totp(kLongSecret, code, 1700000000)) << code;
    }
    EXPECT_FALSE(verify_totp(kLongSecret, "762810", 1700000000));
    EXPECT_FALSE(verify_totp("", "762809", 1700000000));
    EXPECT_FALSE(verify_totp("NOT*BASE32!", "762809", 1700000000));
    EXPECT_FALSE(verify_totp("GEZDGNBVGY3TQOJQ1", "287082", 59));  // '1' is not base32
    EXPECT_FALSE(totp_code("", 59));
    EXPECT_FALSE(totp_code("189", 59));
    EXPECT_FALSE(totp_code(kRfcSecret, -1));
    EXPECT_FALSE(verify_totp(kRfcSecret, "287082", -1));
}

TEST(TotpTest, GeneratedSecretsHaveAppwritesShape) {
    std::set<std::string> seen;
    for (int i = 0; i < 20; ++i) {
        const auto secret = generate_totp_secret();
        ASSERT_EQ(secret.size(), 103u);
        for (const char c : secret) {
            ASSERT_TRUE((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7')) << secret;
        }
        const auto code = totp_code(secret, 1700000000);
        ASSERT_TRUE(code);
        EXPECT_TRUE(verify_totp(secret, *code, 1700000000));
        seen.insert(secret);
    }
    EXPECT_EQ(seen.size(), 20u);
}

TEST(TotpTest, ProvisioningUriAsOtphpWritesIt) {
    EXPECT_EQ(totp_provisioning_uri(kLongSecret, "My Project", "jane+doe@example.com"),
              "otpauth://totp/My%20Project%3Ajane%2Bdoe%40example.com?issuer=My%20Project&secret=" +
                  std::string(kLongSecret));
    EXPECT_EQ(totp_provisioning_uri("ABC", "Ünï~code/&=?", "a@b.c"),
              "otpauth://totp/%C3%9Cn%C3%AF~code%2F%26%3D%3F%3Aa%40b.c"
              "?issuer=%C3%9Cn%C3%AF~code%2F%26%3D%3F&secret=ABC");
    EXPECT_EQ(totp_provisioning_uri("ABC", "", "a@b.c"), "otpauth://totp/a%40b.c?secret=ABC");
}

TEST(TotpTest, ProvisioningUriRefusesColonsAndEmptyAccount) {
    for (const auto& [issuer, account] : {std::pair{"Acme: Prod", "a@b.c"},
                                          {"Acme", "a:b@c.d"},
                                          {"Acme%3AProd", "a@b.c"},
                                          {"Acme", "a%3ab@c.d"},
                                          {"Acme", ""}}) {
        try {
            (void)totp_provisioning_uri("ABC", issuer, account);
            ADD_FAILURE() << issuer << " / " << account;
        } catch (const Error& e) {
            EXPECT_EQ(e.info().type, "general_argument_invalid");
        }
    }
}

}  // namespace
}  // namespace basalt::auth
