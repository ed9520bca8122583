#include "core/time.hpp"

#include <gtest/gtest.h>

namespace basalt {

TEST(TimeTest, FormatsWithMillisecondsAndOffset) {
    EXPECT_EQ(time::format_iso(0), "1970-01-01T00:00:00.000+00:00");
    EXPECT_EQ(time::format_iso(1602743880123), "2020-10-15T06:38:00.123+00:00");
    EXPECT_EQ(time::format_iso(253402300799999), "9999-12-31T23:59:59.999+00:00");  // last 4-digit year
    EXPECT_EQ(time::format_iso(-1), "1969-12-31T23:59:59.999+00:00");
    EXPECT_EQ(time::format_iso(253402300800000), "10000-01-01T00:00:00.000+00:00");  // beyond: general path
}

TEST(TimeTest, ParsesSdkDates) {
    EXPECT_EQ(time::parse_iso("2020-10-15T06:38:00.123+00:00"), 1602743880123);
    EXPECT_EQ(time::parse_iso("2020-10-15T06:38:00.123Z"), 1602743880123);
    EXPECT_EQ(time::parse_iso("2020-10-15T08:38:00.123+02:00"), 1602743880123);
    EXPECT_EQ(time::parse_iso("2020-10-15T06:38:00"), 1602743880000);
    EXPECT_EQ(time::parse_iso("2020-10-15"), 1602720000000);
    EXPECT_EQ(time::parse_iso("2020-10-15T06:38:00.123456+00:00"), 1602743880123);
}

TEST(TimeTest, RejectsNonDates) {
    EXPECT_FALSE(time::parse_iso("yesterday"));
    EXPECT_FALSE(time::parse_iso("2020-13-01"));
    EXPECT_FALSE(time::parse_iso("2020-02-30"));
    EXPECT_FALSE(time::parse_iso("2020-10-15T25:00"));
    EXPECT_FALSE(time::parse_iso("2020-10-15T06:38:00+0"));
    EXPECT_FALSE(time::parse_iso(""));
}

TEST(TimeTest, RoundTrips) {
    const auto now = time::now_ms();
    EXPECT_EQ(time::parse_iso(time::format_iso(now)), now);
}

}  // namespace basalt
