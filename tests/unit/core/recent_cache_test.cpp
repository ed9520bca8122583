#include "core/recent_cache.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

namespace basalt {
namespace {

using namespace std::chrono_literals;
using Cache = RecentCache<std::string>;

TEST(RecentCache, ServesWhatWasStoredAtTheSameGenerationWithinMaxAge) {
    Cache cache(1s, 10);
    const auto t0 = Cache::Clock::now();
    EXPECT_EQ(cache.find("a", 1, t0), nullptr);
    cache.put("a", std::make_shared<const std::string>("bucket a"), 1, t0);
    const auto hit = cache.find("a", 1, t0 + 999ms);
    ASSERT_NE(hit, nullptr);
    EXPECT_EQ(*hit, "bucket a");
    EXPECT_EQ(cache.find("b", 1, t0), nullptr);
}

TEST(RecentCache, AnotherGenerationOrAnOldEntryIsAMiss) {
    Cache cache(1s, 10);
    const auto t0 = Cache::Clock::now();
    cache.put("a", std::make_shared<const std::string>("v1"), 1, t0);
    EXPECT_EQ(cache.find("a", 2, t0), nullptr) << "a write on this node outdates it at once";
    EXPECT_EQ(cache.find("a", 1, t0 + 1s), nullptr) << "another node's writes are seen within max_age";
    cache.put("a", std::make_shared<const std::string>("v2"), 2, t0 + 1s);
    EXPECT_EQ(*cache.find("a", 2, t0 + 1s), "v2");
}

TEST(RecentCache, StartsOverWhenFull) {
    Cache cache(1s, 2);
    const auto t0 = Cache::Clock::now();
    cache.put("a", std::make_shared<const std::string>("a"), 1, t0);
    cache.put("b", std::make_shared<const std::string>("b"), 1, t0);
    cache.put("c", std::make_shared<const std::string>("c"), 1, t0);
    EXPECT_EQ(cache.find("a", 1, t0), nullptr);
    EXPECT_EQ(cache.find("b", 1, t0), nullptr);
    EXPECT_EQ(*cache.find("c", 1, t0), "c");
}

}  // namespace
}  // namespace basalt
