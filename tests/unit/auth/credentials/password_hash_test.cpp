#include "auth/credentials/password_hash.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/serialize.hpp>
#include <set>
#include <thread>
#include <vector>

#include "auth/credentials/password_import.hpp"
#include "core/error.hpp"

namespace basalt::auth {
namespace {

// A cheap cost keeps these tests fast; one test below uses Appwrite's real default.
constexpr Argon2Cost kCheap{1024, 1, 1};

TEST(PasswordHashTest, HashesWithArgon2idAndStoresAppwriteOptions) {
    const auto stored = hash_password("s3cret!", kCheap);
    EXPECT_EQ(stored.algorithm, "argon2");
    EXPECT_TRUE(stored.hash.starts_with("$argon2id$v=19$m=1024,t=1,p=1$")) << stored.hash;
    EXPECT_EQ(boost::json::serialize(stored.options),
              R"({"type":"argon2","memory_cost":1024,"time_cost":1,"threads":1})");
    EXPECT_TRUE(verify_password("s3cret!", stored));
    EXPECT_FALSE(verify_password("s3cret", stored));
    EXPECT_FALSE(verify_password("S3cret!", stored));
}

TEST(PasswordHashTest, DefaultCostIsAppwrites) {
    const auto stored = hash_password("s3cret!");
    EXPECT_TRUE(stored.hash.starts_with("$argon2id$v=19$m=65536,t=4,p=3$")) << stored.hash;
    EXPECT_EQ(boost::json::serialize(stored.options),
              R"({"type":"argon2","memory_cost":65536,"time_cost":4,"threads":3})");
    EXPECT_TRUE(verify_password("s3cret!", stored));
    EXPECT_FALSE(needs_rehash(stored));
}

TEST(PasswordHashTest, SaltsDiffer) {
    std::set<std::string> hashes;
    for (int i = 0; i < 5; ++i) hashes.insert(hash_password("same", kCheap).hash);
    EXPECT_EQ(hashes.size(), 5u);
}

TEST(PasswordHashTest, BinaryAndUnicodePasswords) {
    const std::string with_nul("a\0b", 3);
    const auto stored = hash_password(with_nul, kCheap);
    EXPECT_TRUE(verify_password(with_nul, stored));
    EXPECT_FALSE(verify_password("a", stored));  // the NUL does not cut the password short
    const auto unicode = hash_password("пароль密码🔑", kCheap);
    EXPECT_TRUE(verify_password("пароль密码🔑", unicode));
    const auto empty = hash_password("", kCheap);
    EXPECT_TRUE(verify_password("", empty));
    EXPECT_FALSE(verify_password(" ", empty));
}

TEST(PasswordHashTest, InvalidCostThrows) {
    EXPECT_THROW((void)hash_password("x", Argon2Cost{1, 1, 1}), Error);  // m below 8·p
    EXPECT_THROW((void)hash_password("x", Argon2Cost{1024, 0, 1}), Error);
    EXPECT_THROW((void)hash_password("x", Argon2Cost{1024, 1, 0}), Error);
}

TEST(PasswordHashTest, NeedsRehash) {
    EXPECT_FALSE(needs_rehash(hash_password("x", kArgon2Account)));
    EXPECT_TRUE(needs_rehash(hash_password("x", kCheap)));
    // Imported argon2i/argon2d hashes are upgraded, whatever their cost.
    EXPECT_TRUE(
        needs_rehash(imported_argon2("$argon2i$v=19$m=65536,t=4,p=3$YW5vdGhlcnNhbHQxNmJ5dA$"
                                     "UQMCiFqbJrj+s1oVpdT7DZWJfRs/i2rm3lHzTyQ0188")));
    EXPECT_FALSE(
        needs_rehash(imported_argon2("$argon2id$v=19$m=65536,t=4,p=3$YmFzYWx0c2FsdHNhbHQxNg$"
                                     "NFRgAZa+3qYB2q1Ei5WtbyALOM+RDj0Z+8Dka8yG1jA")));
    EXPECT_TRUE(needs_rehash(imported_argon2("$argon2id$garbage")));
    EXPECT_TRUE(needs_rehash(
        imported_bcrypt("$2y$05$NIfI.6ue.LgmvgYpfVrOQOF3WtLEgFixVmW2/ImFqsS4u3a.xMDCO")));
    EXPECT_TRUE(needs_rehash(imported_md5("3cb4e732631f47e6eb961f34554b7cde")));
    EXPECT_TRUE(needs_rehash(
        imported_sha("4104d36f8da2c254349f85836793ebe029e0c957063a34c91c2e9203187b5631", "")));
    // A bcrypt string stored under `argon2` (possible through password_verify) is upgraded too.
    EXPECT_TRUE(needs_rehash(PasswordHash{
        "argon2", {}, "$2y$05$NIfI.6ue.LgmvgYpfVrOQOF3WtLEgFixVmW2/ImFqsS4u3a.xMDCO"}));
    EXPECT_TRUE(needs_rehash(PasswordHash{"unknown", {}, ""}));
}

TEST(PasswordHashTest, ConcurrentUse) {
    const auto stored = hash_password("shared", kCheap);
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 5; ++i) {
                if (verify_password("shared", stored) && !verify_password("other", stored) &&
                    verify_password("mine", hash_password("mine", kCheap))) {
                    ++ok;
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(ok.load(), 20);
}

}  // namespace
}  // namespace basalt::auth
