#include "platform/abuse/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "platform/abuse/memory_rate_limiter.hpp"

namespace basalt::abuse {
namespace {

TEST(WindowStartTest, AlignsToMultiplesOfTheWindow) {
    EXPECT_EQ(window_start(0, 60), 0);
    EXPECT_EQ(window_start(59, 60), 0);
    EXPECT_EQ(window_start(60, 60), 60);
    EXPECT_EQ(window_start(1'700'000'123, 3600), 1'699'999'200);
    EXPECT_EQ(window_start(-1, 60), -60);
    EXPECT_EQ(window_start(-60, 60), -60);
    EXPECT_EQ(window_start(7, 1), 7);
}

TEST(RateLimitArgumentsTest, RejectsNegativeLimitsAndEmptyWindows) {
    EXPECT_NO_THROW(check_rate_limit_arguments(0, 1));
    try {
        check_rate_limit_arguments(-1, 60);
        FAIL() << "negative limit accepted";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::kGeneralServerError);
    }
    EXPECT_THROW(check_rate_limit_arguments(10, 0), Error);
    EXPECT_THROW(check_rate_limit_arguments(10, -3600), Error);
}

class ApplyRateLimitsTest : public ::testing::Test {
protected:
    MemoryRateLimiter limiter_;
    const std::vector<std::string> keys_ = {"url:u,email:a@example.com", "url:u,ip:1.2.3.4"};
    static constexpr std::int64_t kNow = 7200;
};

TEST_F(ApplyRateLimitsTest, ReportsTheKeyWithFewestRemaining) {
    // Another email from the same address already used one request of the IP key.
    ASSERT_TRUE(limiter_.hit("url:u,ip:1.2.3.4", 3, 3600, kNow).allowed);
    const RateDecision first = apply_rate_limits(limiter_, keys_, 3, 3600, kNow, true);
    EXPECT_TRUE(first.allowed);
    EXPECT_EQ(first.limit, 3);
    EXPECT_EQ(first.remaining, 1);  // the IP key: 3 - (1 + 1)
    EXPECT_EQ(first.reset, 10800);
    EXPECT_EQ(limiter_.peek(keys_[0], 3, 3600, kNow).remaining, 1);  // email key counted too
}

TEST_F(ApplyRateLimitsTest, TiesKeepTheEarlierKey) {
    const std::vector<std::string> keys = {"a", "b"};
    const RateDecision decision = apply_rate_limits(limiter_, keys, 2, 60, kNow, true);
    EXPECT_EQ(decision.remaining, 1);
    EXPECT_TRUE(decision.allowed);
}

TEST_F(ApplyRateLimitsTest, StopsAtTheFirstRefusingKey) {
    ASSERT_TRUE(limiter_.hit(keys_[0], 1, 3600, kNow).allowed);
    const RateDecision refused = apply_rate_limits(limiter_, keys_, 1, 3600, kNow, true);
    EXPECT_FALSE(refused.allowed);
    EXPECT_EQ(refused.remaining, 0);
    EXPECT_EQ(refused.limit, 1);
    // The IP key after the refusing email key was not counted.
    EXPECT_TRUE(limiter_.peek(keys_[1], 1, 3600, kNow).allowed);
}

TEST_F(ApplyRateLimitsTest, UnenforcedCallersAreReportedButNotCounted) {
    ASSERT_TRUE(limiter_.hit(keys_[1], 2, 3600, kNow).allowed);
    ASSERT_TRUE(limiter_.hit(keys_[1], 2, 3600, kNow).allowed);
    for (int i = 0; i < 5; ++i) {
        const RateDecision decision = apply_rate_limits(limiter_, keys_, 2, 3600, kNow, false);
        EXPECT_TRUE(decision.allowed);
        EXPECT_EQ(decision.remaining, 0);
        EXPECT_EQ(decision.limit, 2);
    }
    EXPECT_EQ(limiter_.peek(keys_[0], 2, 3600, kNow).remaining, 1);
}

TEST_F(ApplyRateLimitsTest, LimitZeroMeansNoHeadersAndNoCounting) {
    const RateDecision decision = apply_rate_limits(limiter_, keys_, 0, 3600, kNow, true);
    EXPECT_TRUE(decision.allowed);
    EXPECT_EQ(decision.limit, 0);
    EXPECT_EQ(decision.remaining, 0);
    EXPECT_EQ(decision.reset, 0);
    EXPECT_EQ(limiter_.key_count(), 0u);
}

TEST_F(ApplyRateLimitsTest, NoKeysAllowAndReportNothing) {
    const RateDecision decision = apply_rate_limits(limiter_, {}, 5, 3600, kNow, true);
    EXPECT_TRUE(decision.allowed);
    EXPECT_EQ(decision.limit, 0);
}

TEST_F(ApplyRateLimitsTest, InvalidArgumentsThrow) {
    EXPECT_THROW(apply_rate_limits(limiter_, keys_, -1, 3600, kNow, true), Error);
    EXPECT_THROW(apply_rate_limits(limiter_, keys_, 0, 0, kNow, true), Error);
}

}  // namespace
}  // namespace basalt::abuse
