#include "auth/credentials/password_import.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "core/error.hpp"

namespace basalt::auth {
namespace {

std::string options_of(const PasswordHash& stored) {
    return boost::json::serialize(stored.options);
}

// Runs `make`, expecting general_argument_invalid whose message names `param`.
template <typename Make>
void expect_invalid(Make make, std::string_view param) {
    try {
        (void)make();
        ADD_FAILURE() << "expected an error naming " << param;
    } catch (const Error& e) {
        EXPECT_EQ(e.info().type, "general_argument_invalid");
        EXPECT_NE(std::string_view(e.what()).find("`" + std::string(param) + "`"),
                  std::string_view::npos)
            << e.what();
    }
}

TEST(PasswordImportTest, StoresAppwriteOptions) {
    const auto argon2 = imported_argon2("$argon2id$v=19$m=1024,t=2,p=1$c2FsdA$aGFzaA");
    EXPECT_EQ(argon2.algorithm, "argon2");
    EXPECT_EQ(argon2.hash, "$argon2id$v=19$m=1024,t=2,p=1$c2FsdA$aGFzaA");
    EXPECT_EQ(options_of(argon2),
              R"({"type":"argon2","memory_cost":65536,"time_cost":4,"threads":3})");
    EXPECT_EQ(options_of(imported_bcrypt("h")), R"({"type":"bcrypt","cost":8})");
    EXPECT_EQ(imported_bcrypt("h").algorithm, "bcrypt");
    EXPECT_EQ(options_of(imported_md5("h")), R"({"type":"md5"})");
    EXPECT_EQ(options_of(imported_phpass("h")),
              R"({"type":"phpass","iteration_count_log2":8,"portable_hashes":false})");
    EXPECT_EQ(imported_phpass("h").algorithm, "phpass");
}

TEST(PasswordImportTest, Sha) {
    EXPECT_EQ(options_of(imported_sha("h", "")), R"({"type":"sha","version":"sha256"})");
    EXPECT_EQ(options_of(imported_sha("h", "sha512/224")),
              R"({"type":"sha","version":"sha512/224"})");
    for (const auto version : sha_versions()) {
        EXPECT_TRUE(is_sha_version(version));
        EXPECT_EQ(imported_sha("h", version).options.at("version").as_string(), version);
    }
    EXPECT_EQ(sha_versions().size(), 11u);
    EXPECT_EQ(sha_versions().front(), "sha1");
    EXPECT_EQ(sha_versions().back(), "sha3-512");
    EXPECT_FALSE(is_sha_version("md5"));
    EXPECT_FALSE(is_sha_version("SHA256"));
    EXPECT_FALSE(is_sha_version(""));
    expect_invalid([] { return imported_sha("h", "sha999"); }, "passwordVersion");
    try {
        (void)imported_sha("h", "sha3");
    } catch (const Error& e) {
        EXPECT_NE(std::string_view(e.what()).find("(sha1, sha224, sha256, sha384, sha512/224, "
                                                  "sha512/256, sha512, sha3-224, sha3-256, "
                                                  "sha3-384, sha3-512)"),
                  std::string_view::npos)
            << e.what();
    }
}

TEST(PasswordImportTest, ScryptValidatesAsAppwritesSetters) {
    const auto stored = imported_scrypt("abcd", ScryptOptions{.salt = "pepper"});
    EXPECT_EQ(stored.algorithm, "scrypt");
    EXPECT_EQ(
        options_of(stored),
        R"({"type":"scrypt","costCpu":8,"costMemory":14,"costParallel":1,"length":64,"salt":"pepper"})");
    expect_invalid([] { return imported_scrypt("h", ScryptOptions{}); }, "passwordSalt");
    expect_invalid([] { return imported_scrypt("h", {.salt = "s", .cost_cpu = 12}); },
                   "passwordCpu");
    expect_invalid([] { return imported_scrypt("h", {.salt = "s", .cost_cpu = 1}); },
                   "passwordCpu");
    expect_invalid([] { return imported_scrypt("h", {.salt = "s", .cost_cpu = -4}); },
                   "passwordCpu");
    expect_invalid([] { return imported_scrypt("h", {.salt = "s", .cost_memory = 0}); },
                   "passwordMemory");
    expect_invalid([] { return imported_scrypt("h", {.salt = "s", .cost_parallel = 0}); },
                   "passwordParallel");
    expect_invalid([] { return imported_scrypt("h", {.salt = "s", .length = 15}); },
                   "passwordLength");
    expect_invalid([] { return imported_scrypt("h", {.salt = "s", .length = 5000}); },
                   "passwordLength");
    expect_invalid(
        [] { return imported_scrypt("h", {.salt = "s", .cost_cpu = std::int64_t{1} << 30}); },
        "passwordMemory");
}

TEST(PasswordImportTest, ScryptModifiedNeedsBase64) {
    const auto stored = imported_scrypt_modified("hash==", "42xEC+ixf3L2lw==", "Bw==", "jxsp");
    EXPECT_EQ(stored.algorithm, "scryptMod");
    EXPECT_EQ(
        options_of(stored),
        R"({"type":"scryptMod","salt":"42xEC+ixf3L2lw==","saltSeparator":"Bw==","signerKey":"jxsp"})");
    EXPECT_NO_THROW((void)imported_scrypt_modified("h", "c2FsdA", "", "a2V5"));  // empty separator
    expect_invalid([] { return imported_scrypt_modified("h", "", "Bw==", "a2V5"); },
                   "passwordSalt");
    expect_invalid([] { return imported_scrypt_modified("h", "not base64", "Bw==", "a2V5"); },
                   "passwordSalt");
    expect_invalid([] { return imported_scrypt_modified("h", "c2FsdA", "B*", "a2V5"); },
                   "passwordSaltSeparator");
    expect_invalid([] { return imported_scrypt_modified("h", "c2FsdA", "Bw==", ""); },
                   "passwordSignerKey");
    expect_invalid([] { return imported_scrypt_modified("h", "c2FsdA", "Bw==", "a"); },
                   "passwordSignerKey");
}

TEST(PasswordImportTest, ImportedHashesVerify) {
    EXPECT_TRUE(verify_password("correct horse",
                                imported_sha("2f9e53523b62abc141a2b4d6019d23cba835dbd0", "sha1")));
    EXPECT_TRUE(verify_password(
        "correct horse",
        imported_scrypt("8f17a56e78f59a8ee03ceeda566abc3e92368b100cc209e275dbb5520d80ed41567d545f8"
                        "26c62104689b472227e14fe9949115aa607e64c5b3fa97654c93e0a",
                        {.salt = "basalt-salt"})));
    EXPECT_TRUE(verify_password(
        "user1password",
        imported_scrypt_modified("lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/"
                                 "qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==",
                                 "42xEC+ixf3L2lw==", "Bw==",
                                 "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm"
                                 "0QsEmYUSDzZvpjeJ9WmXA==")));
    EXPECT_TRUE(
        verify_password("test12345", imported_phpass("$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0")));
    EXPECT_TRUE(verify_password("correct horse", imported_md5("3cb4e732631f47e6eb961f34554b7cde")));
}

}  // namespace
}  // namespace basalt::auth
