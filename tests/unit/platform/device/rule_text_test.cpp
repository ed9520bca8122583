#include "platform/device/rule_text.hpp"

#include <gtest/gtest.h>

namespace basalt::device {
namespace {

Match groups(std::vector<std::string_view> views) { return Match(std::move(views)); }

TEST(RuleTextTest, FillsTemplates) {
    const Match match = groups({"all", "Iceape", "2.1"});
    EXPECT_EQ(fill_template("$1", match), "Iceape");
    EXPECT_EQ(fill_template("$1 ($2)", match), "Iceape (2.1)");
    EXPECT_EQ(fill_template("Chrome", match), "Chrome");
    EXPECT_EQ(fill_template(" $3 x ", match), "x");  // missing group, then trimmed
    EXPECT_EQ(fill_template("$", match), "$");
    EXPECT_EQ(fill_template("$0$a", match), "$0$a");
    EXPECT_EQ(fill_template("", match), "");
}

TEST(RuleTextTest, BuildsVersionsAsMatomo) {
    EXPECT_EQ(build_version("$1", groups({"", "47.0"})), "47.0");
    EXPECT_EQ(build_version("$1", groups({"", "126.0.0.0"})), "126.0");
    EXPECT_EQ(build_version("$1", groups({"", "10_15_7"})), "10.15");
    EXPECT_EQ(build_version("$1", groups({"", "17_0"})), "17.0");
    EXPECT_EQ(build_version("$1", groups({"", "9"})), "9");
    EXPECT_EQ(build_version("$1", groups({"", "1.2."})), "1.2");
    EXPECT_EQ(build_version("$1", groups({"", ".5.1"})), "5");
    EXPECT_EQ(build_version("7", groups({""})), "7");
    EXPECT_EQ(build_version("$1", groups({""})), "");
}

TEST(RuleTextTest, BuildsModels) {
    EXPECT_EQ(build_model("GALAXY S8", groups({""})), "GALAXY S8");
    EXPECT_EQ(build_model("$1", groups({"", "SM_T820"})), "SM T820");
    EXPECT_EQ(build_model("$1", groups({"", "Lenovo A800 TD"})), "Lenovo A800");
    EXPECT_EQ(build_model("$1", groups({"", "x td"})), "x");
    EXPECT_EQ(build_model("$1", groups({"", "Build"})), "");
    EXPECT_EQ(build_model("$1", groups({""})), "");
}

TEST(RuleTextTest, ComparesVersionsNumerically) {
    EXPECT_LT(compare_versions("27.0", "28"), 0);
    EXPECT_EQ(compare_versions("28", "28.0"), 0);
    EXPECT_GT(compare_versions("126.0", "28"), 0);
    EXPECT_GT(compare_versions("10", "9.9"), 0);
    EXPECT_LT(compare_versions("1.9", "2.0"), 0);
    EXPECT_EQ(compare_versions("", "0"), 0);
    EXPECT_LT(compare_versions("XP", "8"), 0);  // not a number: 0
    EXPECT_GT(compare_versions("8.1", "8"), 0);
    EXPECT_EQ(compare_versions("99999999999999999999999", "99999999999999999999999"), 0);
}

}  // namespace
}  // namespace basalt::device
