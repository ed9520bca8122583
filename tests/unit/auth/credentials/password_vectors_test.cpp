// Every algorithm Appwrite imports, against hashes made by independent tools (each says how).
// Unless noted, the password is "correct horse".
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <string>

#include "auth/credentials/password_hash.hpp"
#include "auth/credentials/password_import.hpp"

namespace basalt::auth {
namespace {

constexpr std::string_view kPassword = "correct horse";

PasswordHash with(std::string_view algorithm, std::string hash, boost::json::object options = {}) {
    return PasswordHash{std::string(algorithm), std::move(options), std::move(hash)};
}

// Right password verifies, wrong password and near misses fail.
void expect_only(std::string_view password, const PasswordHash& stored) {
    EXPECT_TRUE(verify_password(password, stored)) << stored.hash;
    EXPECT_FALSE(verify_password("wrong password", stored)) << stored.hash;
    EXPECT_FALSE(verify_password("", stored)) << stored.hash;
    EXPECT_FALSE(verify_password(std::string(password) + "x", stored)) << stored.hash;
}

// ---- argon2: `echo -n "correct horse" | argon2 SALT -<variant> ... -l 32 -e` (Debian argon2).
TEST(PasswordVectorsTest, Argon2Variants) {
    // argon2 anothersalt16byt -i -t 3 -m 10 -p 1
    expect_only(kPassword, with(kHashArgon2,
                                "$argon2i$v=19$m=1024,t=3,p=1$YW5vdGhlcnNhbHQxNmJ5dA$"
                                "UQMCiFqbJrj+s1oVpdT7DZWJfRs/i2rm3lHzTyQ0188"));
    // argon2 anothersalt16byt -d -t 3 -m 10 -p 2
    expect_only(kPassword, with(kHashArgon2,
                                "$argon2d$v=19$m=1024,t=3,p=2$YW5vdGhlcnNhbHQxNmJ5dA$"
                                "QAcTXV8CaoNgKHhrpYVUg8fmxfgK/k62XreT76bktr8"));
    // argon2 anothersalt16byt -id -t 2 -m 10 -p 1
    expect_only(kPassword, with(kHashArgon2,
                                "$argon2id$v=19$m=1024,t=2,p=1$YW5vdGhlcnNhbHQxNmJ5dA$"
                                "mBO9EgMYZyZgxkbk+VG8ANzxGvETFTGsgjN1o9kjEhw"));
    // argon2 anothersalt16byt -id -t 2 -m 10 -p 1 -v 10 (argon2 version 1.0)
    expect_only(kPassword, with(kHashArgon2,
                                "$argon2id$v=16$m=1024,t=2,p=1$YW5vdGhlcnNhbHQxNmJ5dA$"
                                "C3MGRlo3wUBA43T2wch1PXa/HS7sGwXRm/eWPy/lLL0"));
    // The same without its `v=` field, as hashes of version 1.0 may be written.
    expect_only(kPassword, with(kHashArgon2,
                                "$argon2id$m=1024,t=2,p=1$YW5vdGhlcnNhbHQxNmJ5dA$"
                                "C3MGRlo3wUBA43T2wch1PXa/HS7sGwXRm/eWPy/lLL0"));
}

TEST(PasswordVectorsTest, Argon2AppwriteCosts) {
    // argon2 basaltsaltsalt16 -id -t 4 -m 16 -p 3 (Appwrite's default cost)
    expect_only(kPassword, with(kHashArgon2,
                                "$argon2id$v=19$m=65536,t=4,p=3$YmFzYWx0c2FsdHNhbHQxNg$"
                                "NFRgAZa+3qYB2q1Ei5WtbyALOM+RDj0Z+8Dka8yG1jA"));
    // argon2 basaltsaltsalt16 -id -t 5 -k 7168 -p 1 (Appwrite's account cost)
    expect_only(kPassword, with(kHashArgon2,
                                "$argon2id$v=19$m=7168,t=5,p=1$YmFzYWx0c2FsdHNhbHQxNg$"
                                "buf0N4Xl2S8YZ8SdnapEbuF1p0TIfB+Tr+JnCCFl9V4"));
}

TEST(PasswordVectorsTest, Argon2Malformed) {
    const std::string good =
        "$argon2id$v=19$m=1024,t=2,p=1$YW5vdGhlcnNhbHQxNmJ5dA$mBO9EgMYZyZgxkbk+"
        "VG8ANzxGvETFTGsgjN1o9kjEhw";
    const std::string bad[] = {
        "",
        "$argon2id$",
        "$argon2x$v=19$m=1024,t=2,p=1$YW5vdGhlcnNhbHQxNmJ5dA$mBO9EgMYZyZgxkbk+"
        "VG8ANzxGvETFTGsgjN1o9kjEhw",
        "$argon2id$v=19$m=1024,t=2$YW5vdGhlcnNhbHQxNmJ5dA$mBO9EgMYZyZgxkbk+"
        "VG8ANzxGvETFTGsgjN1o9kjEhw",
        "$argon2id$v=19$m=1024,t=2,p=1$YW5vdGhlcnNhbHQxNmJ5dA$",
        "$argon2id$v=19$m=1024,t=2,p=1$YW5vdGhlcnNhbHQxNmJ5dA$!!!!EgMYZyZgxkbk+"
        "VG8ANzxGvETFTGsgjN1o9kjEhw",
        "$argon2id$v=19$m=1024,t=2,p=1$YW5vdGhlcnNhbHQxNmJ5dA$mBO9EgMYZyZgxkbk+"
        "VG8ANzxGvETFTGsgjN1o9kjEhx",
        good.substr(0, good.size() - 4),
        good + "$extra",
        // The variant is part of the hash: the same string read as argon2i fails.
        "$argon2i$v=19$m=1024,t=2,p=1$YW5vdGhlcnNhbHQxNmJ5dA$mBO9EgMYZyZgxkbk+"
        "VG8ANzxGvETFTGsgjN1o9kjEhw",
        // 4 TiB of memory: refused before libargon2 tries to allocate it.
        "$argon2id$v=19$m=4294967295,t=1,p=1$YW5vdGhlcnNhbHQxNmJ5dA$mBO9EgMYZyZgxkbk+"
        "VG8ANzxGvETFTGsgjN1o9kjEhw",
    };
    for (const auto& hash : bad)
        EXPECT_FALSE(verify_password(kPassword, with(kHashArgon2, hash))) << hash;
}

// ---- bcrypt
TEST(PasswordVectorsTest, Bcrypt) {
    // htpasswd -nbB -C 5 u "correct horse" (Apache's own bcrypt, not libxcrypt)
    expect_only(kPassword,
                with(kHashBcrypt, "$2y$05$NIfI.6ue.LgmvgYpfVrOQOF3WtLEgFixVmW2/ImFqsS4u3a.xMDCO"));
    // python3-passlib, pure-Python backend: bcrypt.using(ident="2a"/"2b", rounds=5,
    // salt="abcdefghijklmnopqrstuu").hash("correct horse")
    expect_only(kPassword,
                with(kHashBcrypt, "$2a$05$abcdefghijklmnopqrstuuHNbAKRhpaujgo33bRWs.NLUTJO3lOy2"));
    expect_only(kPassword,
                with(kHashBcrypt, "$2b$05$abcdefghijklmnopqrstuuHNbAKRhpaujgo33bRWs.NLUTJO3lOy2"));
}

TEST(PasswordVectorsTest, BcryptOpenwallVectors) {
    // Openwall crypt_blowfish's published test vectors (wrapper.c), checked with passlib.
    expect_only("U*U",
                with(kHashBcrypt, "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
    expect_only("U*U*",
                with(kHashBcrypt, "$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK"));
    // bcrypt reads 72 bytes: what follows them does not matter (as in PHP).
    const std::string long_password =
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72 "
        "are "
        "ignored";
    const auto stored =
        with(kHashBcrypt, "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui");
    EXPECT_TRUE(verify_password(long_password, stored));
    EXPECT_TRUE(verify_password(long_password.substr(0, 72) + "anything", stored));
    EXPECT_FALSE(verify_password(long_password.substr(0, 71), stored));
}

TEST(PasswordVectorsTest, BcryptMalformedAndNul) {
    const std::string good = "$2y$05$NIfI.6ue.LgmvgYpfVrOQOF3WtLEgFixVmW2/ImFqsS4u3a.xMDCO";
    const std::string bad[] = {
        "",
        "$2y$",
        "$2y$05$",
        good.substr(0, 40),
        "$2z$05$NIfI.6ue.LgmvgYpfVrOQOF3WtLEgFixVmW2/ImFqsS4u3a.xMDCO",
        "$1$abcdefgh$xxxxxxxxxxxxxxxxxxxxxx",  // MD5-crypt is not an Appwrite import format
        "$2y$99$NIfI.6ue.LgmvgYpfVrOQOF3WtLEgFixVmW2/ImFqsS4u3a.xMDCO",
        good.substr(0, good.size() - 1) + "P",
        good + std::string(1, '\0'),
    };
    for (const auto& hash : bad)
        EXPECT_FALSE(verify_password(kPassword, with(kHashBcrypt, hash))) << hash;
    // A NUL would cut a C-string password short; such passwords never verify.
    EXPECT_FALSE(verify_password(std::string("correct horse\0tail", 18), with(kHashBcrypt, good)));
}

TEST(PasswordVectorsTest, Argon2AndBcryptShareOneVerifier) {
    // Appwrite runs PHP's password_verify for both names: the hash's prefix decides.
    expect_only(kPassword,
                with(kHashArgon2, "$2y$05$NIfI.6ue.LgmvgYpfVrOQOF3WtLEgFixVmW2/ImFqsS4u3a.xMDCO"));
    expect_only(kPassword, with(kHashBcrypt,
                                "$argon2id$v=19$m=1024,t=2,p=1$YW5vdGhlcnNhbHQxNmJ5dA$"
                                "mBO9EgMYZyZgxkbk+VG8ANzxGvETFTGsgjN1o9kjEhw"));
}

// ---- phpass
TEST(PasswordVectorsTest, Phpass) {
    // The vector of phpass's own test.php (Openwall): "test12345".
    expect_only("test12345", with(kHashPhpass, "$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0"));
    // python3-passlib: phpass.using(salt=..., rounds=..., ident=...).hash(...)
    expect_only(kPassword,
                with(kHashPhpass, "$P$BWordPresxfXNaJi8zMX8Yi4CEa02v0"));  // WordPress's cost
    expect_only(kPassword, with(kHashPhpass, "$P$6BASALTsawUcV17gEfX/KOQTJhnxs20"));
    expect_only(kPassword, with(kHashPhpass, "$H$9phpBB3sal06gVZjRb4P1uCixu1nyv."));  // phpBB3
    expect_only("pässwörd", with(kHashPhpass, "$P$5abcdefghl39n/9X8valvDowAtEqW20"));
    // phpass falls back to bcrypt for what it made without its portable mode.
    expect_only(kPassword,
                with(kHashPhpass, "$2y$05$NIfI.6ue.LgmvgYpfVrOQOF3WtLEgFixVmW2/ImFqsS4u3a.xMDCO"));
}

TEST(PasswordVectorsTest, PhpassMalformed) {
    const std::string bad[] = {
        "",
        "$P$",
        "$P$BWordPresxfXNaJi8zMX8Yi4CEa02v",    // one character short
        "$P$BWordPresxfXNaJi8zMX8Yi4CEa02v00",  // one too many
        "$P$4WordPresxfXNaJi8zMX8Yi4CEa02v0",   // count below 2^7
        "$P$vWordPresxfXNaJi8zMX8Yi4CEa02v0",   // count above 2^30
        "$P$!WordPresxfXNaJi8zMX8Yi4CEa02v0",   // not in the alphabet
        "$X$BWordPresxfXNaJi8zMX8Yi4CEa02v0",
        "$P$BWordPresxfXNaJi8zMX8Yi4CEa02v1",
        "*0",
    };
    for (const auto& hash : bad)
        EXPECT_FALSE(verify_password(kPassword, with(kHashPhpass, hash))) << hash;
}

// ---- md5 and sha: python3 hashlib, hexdigest of "correct horse".
TEST(PasswordVectorsTest, Md5) {
    expect_only(kPassword, with(kHashMd5, "3cb4e732631f47e6eb961f34554b7cde"));
    expect_only(kPassword, with(kHashMd5, "3CB4E732631F47E6EB961F34554B7CDE"));  // either case
    EXPECT_TRUE(verify_password("", with(kHashMd5, "d41d8cd98f00b204e9800998ecf8427e")));
    EXPECT_FALSE(verify_password(" ", with(kHashMd5, "d41d8cd98f00b204e9800998ecf8427e")));
    for (const std::string bad :
         {"", "3cb4e732631f47e6eb961f34554b7cd", "3cb4e732631f47e6eb961f34554b7cdg",
          "3cb4e732631f47e6eb961f34554b7cde00", "4104d36f8da2c254349f85836793ebe0"}) {
        EXPECT_FALSE(verify_password(kPassword, with(kHashMd5, bad))) << bad;
    }
}

TEST(PasswordVectorsTest, EveryShaVersion) {
    const std::pair<std::string_view, std::string_view> vectors[] = {
        {"sha1", "2f9e53523b62abc141a2b4d6019d23cba835dbd0"},
        {"sha224", "be678ecb0e1e13fd0c1440995f43225ca83aeb66717e8ea790b867f2"},
        {"sha256", "4104d36f8da2c254349f85836793ebe029e0c957063a34c91c2e9203187b5631"},
        {"sha384",
         "02b20a6f2ebb1360a9a60f4cf90857363ed419c022b121567ce5f91c6e39664fb78fd60234c4a58b5bfc7145a"
         "e983292"},
        {"sha512/224", "3b63bd6be6759b3f8fd46e7157e3c319ac0b39bd8657d3d9d0d5f4e5"},
        {"sha512/256", "adfe73059f259340e325945da2dff9f935b28c30d0156e88e7e6ed0e02b670dd"},
        {"sha512",
         "56b698defedb5a435b634afe3320bbaf3fdcd920b6c503a446fc7b7a776b298d479d1ba6a8b617808eb0bf579"
         "ce9a95d668347bcab7149085ac93cb27995197b"},
        {"sha3-224", "a86d6ad79b1ada74dc73eaee0b17a480bb79df9163137113e201c847"},
        {"sha3-256", "e2bb427c913c99e9663c5d0e97472bd8618656cabbca6274c2743b0ebf107ce3"},
        {"sha3-384",
         "086571cdbd4d47381eeed0504b77fd55d2adf870ae469676a32885ba33aaecd4927ebd17a8ce6b1bf11dfe841"
         "45e7936"},
        {"sha3-512",
         "c5d05432d6da5971ab7798edf48d294ac28ee4d78ecbf0e1d236df3d12d3e6408462702ea047d0fc46aec01c4"
         "3d9d403c713df217619da353e0c42399afbc33f"},
    };
    ASSERT_EQ(std::size(vectors), sha_versions().size());
    for (const auto& [version, hex] : vectors) {
        SCOPED_TRACE(version);
        expect_only(kPassword, with(kHashSha, std::string(hex), {{"version", version}}));
        // The same digest under another version never verifies.
        const auto other = version == "sha256" ? "sha3-256" : "sha256";
        EXPECT_FALSE(
            verify_password(kPassword, with(kHashSha, std::string(hex), {{"version", other}})));
    }
}

TEST(PasswordVectorsTest, ShaDefaultsAndBadOptions) {
    const std::string sha256 = "4104d36f8da2c254349f85836793ebe029e0c957063a34c91c2e9203187b5631";
    EXPECT_TRUE(verify_password(kPassword, with(kHashSha, sha256)));  // no version: sha256
    EXPECT_FALSE(verify_password(kPassword, with(kHashSha, sha256, {{"version", "sha257"}})));
    EXPECT_FALSE(verify_password(kPassword, with(kHashSha, sha256, {{"version", 256}})));
    EXPECT_FALSE(verify_password(kPassword, with(kHashSha, sha256, {{"version", "SHA256"}})));
    EXPECT_FALSE(verify_password(kPassword, with(kHashSha, "", {{"version", "sha256"}})));
}

// ---- scrypt: python3 hashlib.scrypt(b"correct horse", salt=..., n=..., r=..., p=..., dklen=...)
TEST(PasswordVectorsTest, Scrypt) {
    // Appwrite's defaults: n=8, r=14, p=1, dklen=64, salt b"basalt-salt".
    const std::string hash =
        "8f17a56e78f59a8ee03ceeda566abc3e92368b100cc209e275dbb5520d80ed41567d545f826c62104689b47222"
        "7e"
        "14fe9949115aa607e64c5b3fa97654c93e0a";
    expect_only(kPassword, with(kHashScrypt, hash,
                                {{"type", "scrypt"},
                                 {"costCpu", 8},
                                 {"costMemory", 14},
                                 {"costParallel", 1},
                                 {"length", 64},
                                 {"salt", "basalt-salt"}}));
    // Missing cost options take Appwrite's defaults.
    expect_only(kPassword, with(kHashScrypt, hash, {{"salt", "basalt-salt"}}));
    // n=16, r=15, p=2, dklen=32, salt b"custom-salt".
    expect_only(kPassword, with(kHashScrypt,
                                "96c23a9c0ec80ef31958759ee5fc0ef7a82e6ca43874400770ff3703153f1e3d",
                                {{"costCpu", 16},
                                 {"costMemory", 15},
                                 {"costParallel", 2},
                                 {"length", 32},
                                 {"salt", "custom-salt"}}));
}

TEST(PasswordVectorsTest, ScryptBadOptions) {
    const std::string hash =
        "8f17a56e78f59a8ee03ceeda566abc3e92368b100cc209e275dbb5520d80ed41567d545f826c62104689b47222"
        "7e"
        "14fe9949115aa607e64c5b3fa97654c93e0a";
    const boost::json::object bad[] = {
        {},                                         // no salt
        {{"salt", ""}},                             // empty salt
        {{"salt", "other-salt"}},                   // wrong salt
        {{"salt", 42}},                             // not a string
        {{"salt", "basalt-salt"}, {"costCpu", 7}},  // not a power of 2
        {{"salt", "basalt-salt"}, {"costCpu", 1}},
        {{"salt", "basalt-salt"}, {"costCpu", -8}},
        {{"salt", "basalt-salt"}, {"costCpu", "8"}},  // not an integer
        {{"salt", "basalt-salt"}, {"costCpu", 8.5}},
        {{"salt", "basalt-salt"}, {"costMemory", 0}},
        {{"salt", "basalt-salt"}, {"costParallel", 0}},
        {{"salt", "basalt-salt"}, {"length", 32}},  // hash has 64 bytes
        {{"salt", "basalt-salt"}, {"length", 8}},   // php-scrypt's minimum is 16
        {{"salt", "basalt-salt"}, {"costCpu", std::int64_t{1} << 40}},  // beyond the memory bound
    };
    for (const auto& options : bad) {
        EXPECT_FALSE(verify_password(kPassword, with(kHashScrypt, hash, options)))
            << boost::json::serialize(options);
    }
    // An integral double (as a store may return numbers) is still an integer.
    EXPECT_TRUE(verify_password(
        kPassword, with(kHashScrypt, hash, {{"salt", "basalt-salt"}, {"costCpu", 8.0}})));
    EXPECT_FALSE(verify_password(
        kPassword, with(kHashScrypt, "zz" + hash.substr(2), {{"salt", "basalt-salt"}})));
    EXPECT_FALSE(
        verify_password(kPassword, with(kHashScrypt, hash.substr(2), {{"salt", "basalt-salt"}})));
}

// ---- scryptMod (Firebase)
const boost::json::object kFirebaseReadme = {
    {"type", "scryptMod"},
    {"salt", "42xEC+ixf3L2lw=="},
    {"saltSeparator", "Bw=="},
    {"signerKey",
     "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA=="},
};
constexpr std::string_view kFirebaseReadmeHash =
    "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==";

TEST(PasswordVectorsTest, ScryptModifiedFirebaseReadme) {
    // The sample account of github.com/firebase/scrypt's README: "user1password".
    expect_only("user1password",
                with(kHashScryptModified, std::string(kFirebaseReadmeHash), kFirebaseReadme));
    // Unpadded base64 decodes the same (PHP's base64_decode takes it too).
    auto unpadded = kFirebaseReadme;
    unpadded["salt"] = "42xEC+ixf3L2lw";
    expect_only("user1password",
                with(kHashScryptModified, std::string(kFirebaseReadmeHash), unpadded));
}

TEST(PasswordVectorsTest, ScryptModifiedOwnVector) {
    // python3: hashlib.scrypt("pässwörd".encode(), salt=b"basalt-salt-16by" + b"\x07", n=16384,
    // r=8, p=1, dklen=64), then AES-256-CTR (cryptography, IV 0) of bytes(range(1, 33)).
    expect_only("pässwörd",
                with(kHashScryptModified, "qT9Y8TgpE7d23/NGub9iUFE8DSgkJWChzdinXTT8VCk=",
                     {{"salt", "YmFzYWx0LXNhbHQtMTZieQ=="},
                      {"saltSeparator", "Bw=="},
                      {"signerKey", "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="}}));
}

TEST(PasswordVectorsTest, ScryptModifiedMalformed) {
    const std::string hash(kFirebaseReadmeHash);
    const char* keys[] = {"salt", "saltSeparator", "signerKey"};
    for (const char* key : keys) {
        SCOPED_TRACE(key);
        auto missing = kFirebaseReadme;
        missing.erase(key);
        EXPECT_FALSE(verify_password("user1password", with(kHashScryptModified, hash, missing)));
        auto not_base64 = kFirebaseReadme;
        not_base64[key] = "not base64!";
        EXPECT_FALSE(verify_password("user1password", with(kHashScryptModified, hash, not_base64)));
        auto not_string = kFirebaseReadme;
        not_string[key] = 7;
        EXPECT_FALSE(verify_password("user1password", with(kHashScryptModified, hash, not_string)));
    }
    EXPECT_FALSE(verify_password("user1password", with(kHashScryptModified, "", kFirebaseReadme)));
    EXPECT_FALSE(verify_password("user1password",
                                 with(kHashScryptModified, hash.substr(4), kFirebaseReadme)));
    EXPECT_FALSE(
        verify_password("user1password", with(kHashScryptModified, "%" + hash, kFirebaseReadme)));
}

TEST(PasswordVectorsTest, UnknownAlgorithmNeverVerifies) {
    const std::string md5 = "3cb4e732631f47e6eb961f34554b7cde";
    for (const std::string name : {"", "MD5", "plaintext", "sha256", "scryptmod", "argon2id"}) {
        EXPECT_FALSE(verify_password(kPassword, with(name, md5))) << name;
    }
    EXPECT_FALSE(verify_password(kPassword, with("plaintext", std::string(kPassword))));
}

}  // namespace
}  // namespace basalt::auth
