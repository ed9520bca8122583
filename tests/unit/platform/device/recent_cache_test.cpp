#include "platform/device/recent_cache.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace basalt::device {
namespace {

TEST(RecentCacheTest, ForgetsTheLeastRecentlyUsed) {
    RecentCache<int> cache(2);
    cache.insert("a", 1);
    cache.insert("b", 2);
    EXPECT_EQ(cache.find("a"), 1);  // "a" is now the most recent
    cache.insert("c", 3);           // so "b" goes
    EXPECT_EQ(cache.find("b"), std::nullopt);
    EXPECT_EQ(cache.find("a"), 1);
    EXPECT_EQ(cache.find("c"), 3);
    EXPECT_EQ(cache.size(), 2u);
}

TEST(RecentCacheTest, ReplacesAnExistingKey) {
    RecentCache<int> cache(2);
    cache.insert("a", 1);
    cache.insert("a", 5);
    EXPECT_EQ(cache.find("a"), 5);
    EXPECT_EQ(cache.size(), 1u);
}

TEST(RecentCacheTest, CapacityZeroKeepsNothing) {
    RecentCache<int> cache(0);
    cache.insert("a", 1);
    EXPECT_EQ(cache.find("a"), std::nullopt);
    EXPECT_EQ(cache.size(), 0u);
}

TEST(RecentCacheTest, StaysBoundedUnderConcurrentUse) {
    RecentCache<std::string> cache(16);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&cache, t] {
            for (int i = 0; i < 2000; ++i) {
                const std::string key = std::to_string((i * 7 + t) % 40);
                if (const auto found = cache.find(key)) {
                    ASSERT_EQ(*found, "value-" + key);
                } else {
                    cache.insert(key, "value-" + key);
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_LE(cache.size(), 16u);
}

}  // namespace
}  // namespace basalt::device
