// The sealing of encrypted attribute values (value_cipher.hpp) and the HKDF under it.
#include "db/value_cipher.hpp"

#include <gtest/gtest.h>

#include "core/cipher.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"

namespace basalt::db {
namespace {

const std::string kMaster(32, 'm');

TEST(ValueCipher, RoundTripsWithAFreshIvEachTime) {
    const ValueCipher cipher(attribute_key(kMaster, "p1"));
    const std::string plain = "four score and seven years ago \xE2\x9C\x93";
    const auto a = cipher.seal(plain);
    const auto b = cipher.seal(plain);
    EXPECT_TRUE(a.starts_with("v1:")) << a;
    EXPECT_EQ(a.find("four score"), std::string::npos);
    EXPECT_NE(a, b);  // random IV
    EXPECT_EQ(cipher.open(a, "x"), plain);
    EXPECT_EQ(cipher.open(b, "x"), plain);
    EXPECT_EQ(cipher.open(cipher.seal(""), "x"), "");
}

TEST(ValueCipher, DetectsTampering) {
    const ValueCipher cipher(attribute_key(kMaster, "p1"));
    const auto sealed = cipher.seal("secret value");
    auto raw = *crypto::base64_decode(sealed.substr(3));
    for (std::size_t at : {std::size_t{0}, std::size_t{14}, raw.size() - 1}) {  // IV, tag, ciphertext
        auto altered = raw;
        altered[at] = static_cast<char>(altered[at] ^ 1);
        EXPECT_THROW(cipher.open("v1:" + crypto::base64_encode(altered), "x"), Error) << at;
    }
    EXPECT_THROW(cipher.open("secret value", "x"), Error);         // plain text, no prefix
    EXPECT_THROW(cipher.open("v1:not base64!", "x"), Error);
    EXPECT_THROW(cipher.open("v1:" + crypto::base64_encode("short"), "x"), Error);
    EXPECT_THROW(cipher.open("v2:" + sealed.substr(3), "x"), Error);  // unknown version
}

TEST(ValueCipher, RefusesAnotherProjectsOrMastersKey) {
    const auto sealed = ValueCipher(attribute_key(kMaster, "p1")).seal("secret");
    EXPECT_THROW(ValueCipher(attribute_key(kMaster, "p2")).open(sealed, "x"), Error);
    EXPECT_THROW(ValueCipher(attribute_key(std::string(32, 'n'), "p1")).open(sealed, "x"), Error);
    try {
        ValueCipher(attribute_key(kMaster, "p2")).open(sealed, "note");
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::kGeneralServerError);
        EXPECT_NE(std::string(e.what()).find("\"note\""), std::string::npos) << e.what();
    }
}

TEST(ValueCipher, WithoutAMasterKeyNothingIsSealed) {
    EXPECT_EQ(attribute_key("", "p1"), "");
    EXPECT_THROW(ValueCipher("").seal("x"), Error);
}

TEST(Hkdf, MatchesRfc5869TestCase1) {
    // RFC 5869 appendix A.1.
    const std::string ikm(22, '\x0b');
    const std::string salt = *crypto::base64_decode("AAECAwQFBgcICQoLDA==");
    const std::string info = "\xf0\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9";
    EXPECT_EQ(crypto::base64_encode(crypto::hkdf_sha256(ikm, salt, info, 42)),
              "PLJfJfqs1XqQQ09k0DYvKi0tCpDPGlpMXbAtVuzExb80AHII1biHGFhl");
    EXPECT_NE(crypto::hkdf_sha256(ikm, salt, "other", 32), crypto::hkdf_sha256(ikm, salt, info, 32));
}

}  // namespace
}  // namespace basalt::db
