#include "core/ids.hpp"

#include <gtest/gtest.h>
#include <set>

#include "core/error.hpp"

namespace basalt {

TEST(IdsTest, UniqueIsTwentyHexChars) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const auto id = ids::unique();
        ASSERT_EQ(id.size(), 20u);
        for (char c : id) ASSERT_TRUE(std::isxdigit(static_cast<unsigned char>(c))) << id;
        ASSERT_TRUE(ids::is_valid(id));
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 1000u);
}

TEST(IdsTest, ValidatesCustomIds) {
    EXPECT_TRUE(ids::is_valid("abc"));
    EXPECT_TRUE(ids::is_valid("A.b-c_9"));
    EXPECT_TRUE(ids::is_valid(std::string(36, 'a')));
    EXPECT_FALSE(ids::is_valid(std::string(37, 'a')));
    EXPECT_FALSE(ids::is_valid(""));
    EXPECT_FALSE(ids::is_valid("_abc"));
    EXPECT_FALSE(ids::is_valid(".abc"));
    EXPECT_FALSE(ids::is_valid("-abc"));
    EXPECT_FALSE(ids::is_valid("a/b"));
    EXPECT_FALSE(ids::is_valid("../etc"));
    EXPECT_FALSE(ids::is_valid("a b"));
}

TEST(IdsTest, ResolveGeneratesOrRejects) {
    EXPECT_EQ(ids::resolve("my-id", "userId"), "my-id");
    EXPECT_EQ(ids::resolve("unique()", "userId").size(), 20u);
    try {
        (void)ids::resolve(std::string(37, 'x'), "userId");
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_EQ(e.info().type, "general_argument_invalid");
        EXPECT_NE(std::string(e.what()).find("userId"), std::string::npos);
    }
}

}  // namespace basalt
