#include "platform/device/rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "platform/device/device_detector.hpp"

namespace basalt::device {
namespace {

const std::filesystem::path kData{kDefaultRegexesDir};

TEST(RulesTest, LoadsTheBundledDataInMatomosOrder) {
    const Rules rules = load_rules(kData);
    ASSERT_EQ(rules.clients.size(), 6u);
    EXPECT_EQ(rules.clients[0].type, "feed reader");
    EXPECT_EQ(rules.clients[1].type, "mobile app");
    EXPECT_EQ(rules.clients[2].type, "mediaplayer");
    EXPECT_EQ(rules.clients[3].type, "pim");
    EXPECT_EQ(rules.clients[4].type, "browser");
    EXPECT_TRUE(rules.clients[4].browser);
    EXPECT_EQ(rules.clients[5].type, "library");
    EXPECT_GT(rules.clients[4].rules.size(), 150u);

    EXPECT_EQ(rules.engines.size(), 9u);
    EXPECT_EQ(rules.engines.front().name, "NetFront");
    for (const char* engine : {"Blink", "WebKit", "Gecko", "Trident", "Presto", "Edge"}) {
        EXPECT_EQ(rules.engine_versions.count(engine), 1u) << engine;
    }

    ASSERT_GT(rules.operating_systems.size(), 130u);
    EXPECT_EQ(rules.operating_systems.front().name, "Tizen");
    ASSERT_GT(rules.devices.size(), 300u);
    EXPECT_EQ(rules.devices.front().brand, "Archos");  // consoles.yml comes first
    EXPECT_EQ(rules.devices.front().type, "console");
    EXPECT_GT(rules.televisions.size(), 20u);
    EXPECT_FALSE(rules.vendor_fragments.empty());
}

TEST(RulesTest, ReadsEngineTablesAndModels) {
    const Rules rules = load_rules(kData);
    const ClientRuleFile& browsers = rules.clients[4];
    const auto chrome = std::find_if(browsers.rules.begin(), browsers.rules.end(),
                                     [](const ClientRule& rule) { return rule.name == "Chrome"; });
    ASSERT_NE(chrome, browsers.rules.end());
    EXPECT_EQ(chrome->engine, "WebKit");
    ASSERT_EQ(chrome->engine_by_version.size(), 1u);
    EXPECT_EQ(chrome->engine_by_version[0].first, "28");
    EXPECT_EQ(chrome->engine_by_version[0].second, "Blink");

    // Apple appears in several files; the phones of mobiles.yml have dozens of models.
    std::size_t apple_models = 0;
    for (const DeviceRule& rule : rules.devices) {
        if (rule.brand == "Apple") {
            apple_models = std::max(apple_models, rule.models.size());
        }
    }
    EXPECT_GT(apple_models, 20u);
}

TEST(RulesTest, PlacesTheNewerRulesBeforeTheDataOfTheSameName) {
    const Rules rules = load_rules(kData);
    const ClientRuleFile& browsers = rules.clients[4];
    ASSERT_EQ(browsers.rules.front().name, "Microsoft Edge");
    EXPECT_NE(browsers.rules.front().pattern.source().find("Edg/"), std::string::npos);
    EXPECT_EQ(browsers.rules[1].name, "Microsoft Edge");  // the data's own "Edge/" rule
    const auto android =
        std::find_if(rules.operating_systems.begin(), rules.operating_systems.end(),
                     [](const OsRule& rule) { return rule.name == "Android"; });
    ASSERT_NE(android, rules.operating_systems.end());
    EXPECT_NE(android->pattern.source().find("[\\.\\d]*"), std::string::npos);
}

TEST(RulesTest, EveryPatternOfTheDataCompiles) {
    const Rules rules = load_rules(kData);
    EXPECT_NO_THROW(rules.compile_all());
}

// A copy of the bundled data with one file replaced.
class BrokenDataTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("basalt-device-" + ids::unique());
        std::filesystem::copy(kData, dir_, std::filesystem::copy_options::recursive);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    void write(const std::string& name, const std::string& content) {
        std::ofstream(dir_ / name, std::ios::trunc) << content;
    }

    void expect_error_naming(const std::string& file) {
        try {
            (void)load_rules(dir_);
            FAIL() << "loaded broken data";
        } catch (const Error& e) {
            EXPECT_EQ(e.type(), ErrorType::kGeneralServerError);
            EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
        }
    }

    std::filesystem::path dir_;
};

TEST_F(BrokenDataTest, MissingFile) {
    std::filesystem::remove(dir_ / "oss.yml");
    expect_error_naming("oss.yml");
}

TEST_F(BrokenDataTest, NotYaml) {
    write("client/browsers.yml", "- {regex: 'Chrome', name: 'Chrome'\n");
    expect_error_naming("browsers.yml");
}

TEST_F(BrokenDataTest, WrongShape) {
    write("oss.yml", "Mac: 'not a list'\n");
    expect_error_naming("oss.yml");
}

TEST_F(BrokenDataTest, RuleWithoutRegex) {
    write("client/libraries.yml", "- name: 'curl'\n  version: '$1'\n");
    expect_error_naming("libraries.yml");
}

TEST_F(BrokenDataTest, NestedFieldWhereTextBelongs) {
    write("device/cameras.yml", "Nikon:\n  regex: 'Coolpix'\n  device: [camera]\n");
    expect_error_naming("cameras.yml");
}

TEST_F(BrokenDataTest, VendorFragmentsNotAList) {
    write("vendorfragments.yml", "Dell: 'MDDR'\n");
    expect_error_naming("vendorfragments.yml");
}

TEST_F(BrokenDataTest, PatternThatDoesNotCompileFailsOnCompile) {
    write("client/pim.yml", "- regex: 'Outlook(('\n  name: 'Outlook'\n  version: ''\n");
    const Rules rules = load_rules(dir_);  // read lazily: fine so far
    EXPECT_THROW(rules.compile_all(), Error);
}

}  // namespace
}  // namespace basalt::device
