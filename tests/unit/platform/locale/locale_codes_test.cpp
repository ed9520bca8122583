#include "platform/locale/locale_codes.hpp"

#include <gtest/gtest.h>

namespace basalt::platform {
namespace {

TEST(LocaleCodes, ListsAppwritesCodesInOrder) {
    const auto codes = locale_codes();
    ASSERT_EQ(codes.size(), 131u);
    EXPECT_EQ(codes.front().code, "af");
    EXPECT_EQ(codes.back().code, "zu");
    EXPECT_EQ(codes[default_locale_index()].code, "en");
}

TEST(LocaleCodes, FindsExactCodesOnly) {
    EXPECT_TRUE(find_locale_code("de").has_value());
    EXPECT_TRUE(find_locale_code("pt-br").has_value());
    EXPECT_EQ(locale_codes()[*find_locale_code("zh-tw")].icu_id, "zh_TW");
    EXPECT_FALSE(find_locale_code("pt-BR").has_value());
    EXPECT_FALSE(find_locale_code("pt_br").has_value());
    EXPECT_FALSE(find_locale_code("DE").has_value());
    EXPECT_FALSE(find_locale_code("").has_value());
    EXPECT_FALSE(find_locale_code("non-existing").has_value());
    EXPECT_FALSE(find_locale_code("zz").has_value());
    EXPECT_FALSE(find_locale_code("de ").has_value());
}

TEST(LocaleCodes, MapsNonStandardCodesToIcuLocales) {
    EXPECT_EQ(locale_codes()[*find_locale_code("ua")].icu_id, "uk");
    EXPECT_EQ(locale_codes()[*find_locale_code("ji")].icu_id, "yi");
}

}  // namespace
}  // namespace basalt::platform
