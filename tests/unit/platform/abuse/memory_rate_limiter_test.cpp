#include "platform/abuse/memory_rate_limiter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"

namespace basalt::abuse {
namespace {

constexpr std::int64_t kWindow = 60;
constexpr std::int64_t kNow = 1'000;  // window [960, 1020)

TEST(MemoryRateLimiterTest, CountsAsAppwrite) {
    MemoryRateLimiter limiter;
    const RateDecision first = limiter.hit("k", 3, kWindow, kNow);
    EXPECT_TRUE(first.allowed);
    EXPECT_EQ(first.limit, 3);
    EXPECT_EQ(first.remaining, 2);
    EXPECT_EQ(first.reset, 1020);
    EXPECT_EQ(limiter.hit("k", 3, kWindow, kNow).remaining, 1);
    const RateDecision last = limiter.hit("k", 3, kWindow, kNow + 5);
    EXPECT_TRUE(last.allowed);
    EXPECT_EQ(last.remaining, 0);
    for (int i = 0; i < 3; ++i) {
        const RateDecision refused = limiter.hit("k", 3, kWindow, kNow + 10);
        EXPECT_FALSE(refused.allowed);
        EXPECT_EQ(refused.remaining, 0);
        EXPECT_EQ(refused.limit, 3);
        EXPECT_EQ(refused.reset, 1020);
    }
}

TEST(MemoryRateLimiterTest, RefusedRequestsDoNotCount) {
    MemoryRateLimiter limiter;
    ASSERT_TRUE(limiter.hit("k", 2, kWindow, kNow).allowed);
    ASSERT_TRUE(limiter.hit("k", 2, kWindow, kNow).allowed);
    ASSERT_FALSE(limiter.hit("k", 2, kWindow, kNow).allowed);
    // Raising the limit shows the true count: two, not three.
    const RateDecision raised = limiter.hit("k", 3, kWindow, kNow);
    EXPECT_TRUE(raised.allowed);
    EXPECT_EQ(raised.remaining, 0);
}

TEST(MemoryRateLimiterTest, WindowsRollOverAtAlignedBoundaries) {
    MemoryRateLimiter limiter;
    ASSERT_TRUE(limiter.hit("k", 1, kWindow, 1019).allowed);  // last second of [960, 1020)
    EXPECT_FALSE(limiter.hit("k", 1, kWindow, 1019).allowed);
    const RateDecision next = limiter.hit("k", 1, kWindow, 1020);
    EXPECT_TRUE(next.allowed);
    EXPECT_EQ(next.remaining, 0);
    EXPECT_EQ(next.reset, 1080);
    EXPECT_FALSE(limiter.hit("k", 1, kWindow, 1079).allowed);
    EXPECT_TRUE(limiter.hit("k", 1, kWindow, 5000).allowed);  // many windows later
}

TEST(MemoryRateLimiterTest, PeekDoesNotCount) {
    MemoryRateLimiter limiter;
    for (int i = 0; i < 10; ++i) {
        const RateDecision peeked = limiter.peek("k", 2, kWindow, kNow);
        EXPECT_TRUE(peeked.allowed);
        EXPECT_EQ(peeked.remaining, 1);
    }
    EXPECT_EQ(limiter.key_count(), 0u);
    ASSERT_TRUE(limiter.hit("k", 2, kWindow, kNow).allowed);
    ASSERT_TRUE(limiter.hit("k", 2, kWindow, kNow).allowed);
    const RateDecision full = limiter.peek("k", 2, kWindow, kNow);
    EXPECT_FALSE(full.allowed);
    EXPECT_EQ(full.remaining, 0);
}

TEST(MemoryRateLimiterTest, ResetClearsTheCount) {
    MemoryRateLimiter limiter;
    ASSERT_TRUE(limiter.hit("k", 1, kWindow, kNow).allowed);
    ASSERT_FALSE(limiter.hit("k", 1, kWindow, kNow).allowed);
    limiter.reset("k", kWindow, kNow);
    EXPECT_TRUE(limiter.hit("k", 1, kWindow, kNow).allowed);
    limiter.reset("never-seen", kWindow, kNow);  // nothing to clear is fine
    EXPECT_THROW(limiter.reset("k", 0, kNow), Error);
}

TEST(MemoryRateLimiterTest, KeysAndWindowLengthsAreSeparateCounters) {
    MemoryRateLimiter limiter;
    ASSERT_TRUE(limiter.hit("a", 1, kWindow, kNow).allowed);
    EXPECT_FALSE(limiter.hit("a", 1, kWindow, kNow).allowed);
    EXPECT_TRUE(limiter.hit("b", 1, kWindow, kNow).allowed);
    EXPECT_TRUE(limiter.hit("a", 1, 3600, kNow).allowed);
    EXPECT_TRUE(limiter.hit("A", 1, kWindow, kNow).allowed);  // keys are case-sensitive
}

TEST(MemoryRateLimiterTest, LongKeysStayDistinct) {
    MemoryRateLimiter limiter;
    const std::string base(5000, 'x');
    ASSERT_TRUE(limiter.hit(base + "1", 1, kWindow, kNow).allowed);
    EXPECT_FALSE(limiter.hit(base + "1", 1, kWindow, kNow).allowed);
    EXPECT_TRUE(limiter.hit(base + "2", 1, kWindow, kNow).allowed);
    // A short key cannot alias a long key's digest.
    EXPECT_TRUE(limiter.hit("#", 1, kWindow, kNow).allowed);
}

TEST(MemoryRateLimiterTest, LimitZeroIsUnlimited) {
    MemoryRateLimiter limiter;
    for (int i = 0; i < 1000; ++i) {
        const RateDecision decision = limiter.hit("k", 0, kWindow, kNow);
        ASSERT_TRUE(decision.allowed);
        EXPECT_EQ(decision.limit, 0);
        EXPECT_EQ(decision.remaining, 0);
        EXPECT_EQ(decision.reset, 1020);
    }
    EXPECT_EQ(limiter.key_count(), 0u);
}

TEST(MemoryRateLimiterTest, RejectsInvalidArguments) {
    MemoryRateLimiter limiter;
    EXPECT_THROW(limiter.hit("k", -1, kWindow, kNow), Error);
    EXPECT_THROW(limiter.hit("k", 1, 0, kNow), Error);
    EXPECT_THROW(limiter.peek("k", 1, -60, kNow), Error);
    EXPECT_THROW(MemoryRateLimiter(MemoryRateLimiterOptions{.max_keys = 0, .shards = 4}), Error);
    EXPECT_THROW(MemoryRateLimiter(MemoryRateLimiterOptions{.max_keys = 10, .shards = 0}), Error);
    EXPECT_NE(make_memory_rate_limiter(), nullptr);
}

TEST(MemoryRateLimiterTest, KeyCountIsBounded) {
    MemoryRateLimiter limiter(MemoryRateLimiterOptions{.max_keys = 64, .shards = 4});
    for (int i = 0; i < 10'000; ++i) {
        ASSERT_TRUE(limiter.hit("key-" + std::to_string(i), 5, 3600, kNow).allowed);
    }
    EXPECT_LE(limiter.key_count(), 64u);
    EXPECT_GT(limiter.key_count(), 0u);
}

TEST(MemoryRateLimiterTest, EndedWindowsAreDropped) {
    MemoryRateLimiter limiter(MemoryRateLimiterOptions{.max_keys = 1000, .shards = 1});
    for (int i = 0; i < 100; ++i) {
        ASSERT_TRUE(limiter.hit("old-" + std::to_string(i), 5, 10, 0).allowed);
    }
    ASSERT_EQ(limiter.key_count(), 100u);
    // Far below the cap, new keys after the old windows ended still sweep them away.
    for (int i = 0; i < 150; ++i) {
        ASSERT_TRUE(limiter.hit("new-" + std::to_string(i), 5, 10, 100).allowed);
    }
    EXPECT_EQ(limiter.key_count(), 150u);
}

TEST(MemoryRateLimiterTest, WhenFullTheSoonestEndingWindowGoes) {
    MemoryRateLimiter limiter(MemoryRateLimiterOptions{.max_keys = 2, .shards = 1});
    ASSERT_TRUE(limiter.hit("short", 1, 10, 0).allowed);   // ends at 10
    ASSERT_TRUE(limiter.hit("long", 1, 100, 0).allowed);   // ends at 100
    ASSERT_TRUE(limiter.hit("other", 1, 100, 5).allowed);  // full: "short" must go
    EXPECT_EQ(limiter.key_count(), 2u);
    EXPECT_FALSE(limiter.hit("long", 1, 100, 5).allowed);
    EXPECT_FALSE(limiter.hit("other", 1, 100, 5).allowed);
    EXPECT_TRUE(limiter.hit("short", 1, 10, 5).allowed);  // forgotten, so counted afresh
}

TEST(MemoryRateLimiterTest, ConcurrentHitsOnOneKeyAllowExactlyTheLimit) {
    MemoryRateLimiter limiter;
    constexpr int kThreads = 8;
    constexpr int kHitsPerThread = 2000;
    constexpr std::int64_t kLimit = 5000;
    std::atomic<int> allowed{0};
    std::mutex remaining_mutex;
    std::multiset<std::int64_t> remaining_seen;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            std::vector<std::int64_t> mine;
            for (int i = 0; i < kHitsPerThread; ++i) {
                const RateDecision decision = limiter.hit("shared", kLimit, 3600, kNow);
                if (decision.allowed) {
                    ++allowed;
                    mine.push_back(decision.remaining);
                }
            }
            const std::lock_guard lock(remaining_mutex);
            remaining_seen.insert(mine.begin(), mine.end());
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(allowed.load(), kLimit);
    // Each allowed request saw a distinct count: remaining 0 .. limit-1, each once.
    ASSERT_EQ(remaining_seen.size(), static_cast<std::size_t>(kLimit));
    std::int64_t expected = 0;
    for (const std::int64_t remaining : remaining_seen) {
        ASSERT_EQ(remaining, expected++);
    }
}

TEST(MemoryRateLimiterTest, ConcurrentHitsOnManyKeysCountEachKey) {
    MemoryRateLimiter limiter;
    constexpr int kThreads = 4;
    constexpr int kKeys = 64;
    constexpr std::int64_t kLimit = 10;
    std::vector<std::atomic<int>> allowed(kKeys);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            for (int round = 0; round < 20; ++round) {
                for (int k = 0; k < kKeys; ++k) {
                    if (limiter.hit("key-" + std::to_string(k), kLimit, 60, kNow).allowed) {
                        ++allowed[static_cast<std::size_t>(k)];
                    }
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (int k = 0; k < kKeys; ++k) {
        EXPECT_EQ(allowed[static_cast<std::size_t>(k)].load(), kLimit) << "key " << k;
    }
}

}  // namespace
}  // namespace basalt::abuse
