#include "platform/device/short_codes.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "platform/device/device_detector.hpp"
#include "platform/device/rules.hpp"

namespace basalt::device {
namespace {

TEST(ShortCodesTest, FindsOperatingSystemsIgnoringCase) {
    const OsEntry* mac = find_os("mac");
    ASSERT_NE(mac, nullptr);
    EXPECT_EQ(mac->code, "MAC");
    EXPECT_EQ(mac->name, "Mac");
    EXPECT_EQ(mac->family, "Mac");
    ASSERT_NE(find_os("YunOS"), nullptr);
    EXPECT_EQ(find_os("YunOS")->name, "YunOs");  // Matomo's spelling wins
    EXPECT_EQ(find_os("Plan 9"), nullptr);
    EXPECT_EQ(find_os(""), nullptr);
    ASSERT_NE(find_os_by_code("AND"), nullptr);
    EXPECT_EQ(find_os_by_code("AND")->name, "Android");
    EXPECT_EQ(find_os_by_code("and"), nullptr);  // codes are exact
}

TEST(ShortCodesTest, FindsBrowsersIgnoringCase) {
    ASSERT_NE(find_browser("chrome"), nullptr);
    EXPECT_EQ(find_browser("chrome")->code, "CH");
    EXPECT_EQ(find_browser("Chrome Mobile")->code, "CM");
    EXPECT_EQ(find_browser("Mobile Safari")->code, "MF");
    EXPECT_EQ(find_browser("Microsoft Edge")->code, "PS");
    EXPECT_EQ(find_browser("Firefox")->code, "FF");
    EXPECT_EQ(find_browser("Chrom"), nullptr);
    EXPECT_EQ(find_browser(""), nullptr);
}

TEST(ShortCodesTest, CodesAreUnique) {
    std::set<std::string_view> os_codes;
    for (const OsEntry& entry : known_operating_systems()) {
        EXPECT_TRUE(os_codes.insert(entry.code).second) << entry.code;
    }
    std::set<std::string_view> browser_codes;
    for (const BrowserEntry& entry : known_browsers()) {
        EXPECT_TRUE(browser_codes.insert(entry.code).second) << entry.code;
    }
}

TEST(ShortCodesTest, ClassifiesDesktopsAndMobileBrowsers) {
    EXPECT_TRUE(is_desktop_os_family("Windows"));
    EXPECT_TRUE(is_desktop_os_family("GNU/Linux"));
    EXPECT_FALSE(is_desktop_os_family("Android"));
    EXPECT_FALSE(is_desktop_os_family("windows"));
    EXPECT_TRUE(is_mobile_only_browser("Mobile Safari"));
    EXPECT_FALSE(is_mobile_only_browser("Safari"));
}

class ShortCodesDataTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        rules_ = new Rules(load_rules(std::filesystem::path(kDefaultRegexesDir)));
    }
    static void TearDownTestSuite() {
        delete rules_;
        rules_ = nullptr;
    }
    static Rules* rules_;
};
Rules* ShortCodesDataTest::rules_ = nullptr;

TEST_F(ShortCodesDataTest, EveryOperatingSystemOfTheDataHasACode) {
    for (const OsRule& rule : rules_->operating_systems) {
        if (rule.name.find('$') != std::string::npos) {
            continue;  // named by the user agent (Linux distributions): checked below
        }
        EXPECT_NE(find_os(rule.name), nullptr) << rule.name;
    }
    for (const char* distribution :
         {"Debian", "Knoppix", "Mint", "Ubuntu", "Kubuntu", "Xubuntu", "Lubuntu", "Fedora",
          "Red Hat", "Mandriva", "Gentoo", "Sabayon", "Slackware", "SUSE", "CentOS", "BackTrack"}) {
        EXPECT_NE(find_os(distribution), nullptr) << distribution;
    }
}

TEST_F(ShortCodesDataTest, EveryBrowserOfTheTableIsInTheData) {
    std::set<std::string, std::less<>> names;
    for (const ClientRuleFile& file : rules_->clients) {
        if (file.browser) {
            for (const ClientRule& rule : file.rules) {
                names.insert(rule.name);
            }
        }
    }
    names.insert("Iceape");  // named by the SeaMonkey rule's "$1"
    names.insert("SeaMonkey");
    for (const BrowserEntry& entry : known_browsers()) {
        EXPECT_EQ(names.count(entry.name), 1u) << entry.name;
    }
}

}  // namespace
}  // namespace basalt::device
