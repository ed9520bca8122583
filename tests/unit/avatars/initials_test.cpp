#include "avatars/initials.hpp"

#include <gtest/gtest.h>

namespace basalt::avatars {
namespace {

TEST(Initials, TwoWordsOrUnderscores) {
    EXPECT_EQ(initials_of("Jane Doe"), "JD");
    EXPECT_EQ(initials_of("jane doe smith"), "JD");
    EXPECT_EQ(initials_of("jane_doe"), "JD");
    EXPECT_EQ(initials_of("jane"), "J");
    EXPECT_EQ(initials_of(""), "");
}

TEST(Initials, OnlyAsciiLettersAndDigitsAsAppwrite) {
    EXPECT_EQ(initials_of("Élodie Roy"), "R");
    EXPECT_EQ(initials_of("-x 2y"), "2");  // the word at index 1 gave one: stop
    EXPECT_EQ(initials_of(" a b"), "A");   // "" then "a" (index 1): stop
    EXPECT_EQ(initials_of("x _y z"), "XZ");
}

TEST(Initials, ThemeColourFollowsTheLastDigitOfTheCodeSum) {
    // 'J' + 'D' = 142 -> 2 (purple); 'Z' + 'Q' = 171 -> 1 (orange); 'A' = 65 -> 5 % 5 = 0 (pink).
    EXPECT_EQ(theme_colour("JD").r, 0x7C);
    EXPECT_EQ(theme_colour("ZQ").r, 0xFE);
    EXPECT_EQ(theme_colour("ZQ").g, 0x95);
    EXPECT_EQ(theme_colour("A").r, 0xFD);
    EXPECT_EQ(theme_colour("").g, 0x36);  // 0 -> pink
    // 'C' = 67 -> 7 % 5 = 2 (purple).
    EXPECT_EQ(theme_colour("C").b, 0xFE);
}

TEST(Initials, HexColours) {
    const auto six = parse_hex_colour("12aBef");
    ASSERT_TRUE(six);
    EXPECT_EQ(six->r, 0x12);
    EXPECT_EQ(six->g, 0xAB);
    EXPECT_EQ(six->b, 0xEF);
    const auto three = parse_hex_colour("f0a");
    ASSERT_TRUE(three);
    EXPECT_EQ(three->r, 0xFF);
    EXPECT_EQ(three->g, 0x00);
    EXPECT_EQ(three->b, 0xAA);
    EXPECT_FALSE(parse_hex_colour("#fff"));
    EXPECT_FALSE(parse_hex_colour("ffff"));
    EXPECT_FALSE(parse_hex_colour("ggg"));
    EXPECT_FALSE(parse_hex_colour(""));
}

}  // namespace
}  // namespace basalt::avatars
