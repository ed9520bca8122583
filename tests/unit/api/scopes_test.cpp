#include "api/scopes.hpp"

#include <algorithm>
#include <gtest/gtest.h>

namespace basalt::api {

TEST(ScopesTest, GuestsReadLocaleButNotHealthOrKeys) {
    const auto guests = guest_scopes();
    const auto has = [&](std::string_view s) { return std::find(guests.begin(), guests.end(), s) != guests.end(); };
    EXPECT_TRUE(has("locale.read"));
    EXPECT_TRUE(has("avatars.read"));
    EXPECT_FALSE(has("health.read"));
    EXPECT_FALSE(has("keys.read"));
}

TEST(ScopesTest, KeysAlwaysReadHealthAndMayHoldEverySdkScope) {
    const auto base = key_base_scopes();
    EXPECT_NE(std::find(base.begin(), base.end(), "health.read"), base.end());
    EXPECT_TRUE(is_key_scope("users.read"));
    EXPECT_TRUE(is_key_scope("keys.write"));
    EXPECT_TRUE(is_key_scope("wafRules.read"));  // node-appwrite 27.1.0 only
    EXPECT_FALSE(is_key_scope("global"));
    EXPECT_FALSE(is_key_scope("users.delete"));
    const auto all = key_scopes();
    EXPECT_GE(all.size(), 76u);
}

}  // namespace basalt::api
