#include "avatars/icon_sets.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace basalt::avatars {
namespace {

TEST(IconSets, AppwriteCodeCounts) {
    EXPECT_EQ(icons(IconSet::kBrowsers).size(), 14u);
    EXPECT_EQ(icons(IconSet::kCreditCards).size(), 17u);
    EXPECT_EQ(icons(IconSet::kFlags).size(), 195u);
}

TEST(IconSets, CodesAreUniqueAndLowerCase) {
    for (const auto set : {IconSet::kBrowsers, IconSet::kCreditCards, IconSet::kFlags}) {
        std::set<std::string_view> seen;
        for (const auto& icon : icons(set)) {
            EXPECT_TRUE(seen.insert(icon.code).second) << icon.code;
            for (const char c : icon.code) EXPECT_FALSE(c >= 'A' && c <= 'Z') << icon.code;
            EXPECT_FALSE(icon.name.empty()) << icon.code;
        }
    }
}

TEST(IconSets, Find) {
    ASSERT_NE(find_icon(IconSet::kFlags, "us"), nullptr);
    EXPECT_EQ(find_icon(IconSet::kFlags, "us")->name, "United States");
    EXPECT_EQ(find_icon(IconSet::kCreditCards, "targeta-shopping")->name, "Tarjeta Shopping");
    EXPECT_EQ(find_icon(IconSet::kBrowsers, "zz"), nullptr);
    EXPECT_EQ(find_icon(IconSet::kFlags, "US"), nullptr);  // callers lower-case first
}

}  // namespace
}  // namespace basalt::avatars
