#include "platform/locale/geoip.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/error.hpp"

namespace basalt::platform {
namespace {

class GeoIpTest : public ::testing::Test {
protected:
    GeoIp geoip_ = GeoIp::open(BASALT_TEST_GEOIP_DB);
};

TEST_F(GeoIpTest, FindsCountryAndContinent) {
    auto us = geoip_.lookup("8.8.8.8");
    ASSERT_TRUE(us.has_value());
    EXPECT_EQ(us->country_code, "US");
    EXPECT_EQ(us->continent_code, "NA");
    auto gb = geoip_.lookup("81.2.69.160");
    ASSERT_TRUE(gb.has_value());
    EXPECT_EQ(gb->country_code, "GB");
    EXPECT_EQ(gb->continent_code, "EU");
}

TEST_F(GeoIpTest, FindsIpv6AndIpv4Mapped) {
    auto jp = geoip_.lookup("2a00:1450::1");
    ASSERT_TRUE(jp.has_value());
    EXPECT_EQ(jp->country_code, "JP");
    auto de = geoip_.lookup("::ffff:2.16.0.1");
    ASSERT_TRUE(de.has_value());
    EXPECT_EQ(de->country_code, "DE");
}

TEST_F(GeoIpTest, FallsBackToRegisteredCountry) {
    auto br = geoip_.lookup("5.5.5.5");
    ASSERT_TRUE(br.has_value());
    EXPECT_EQ(br->country_code, "BR");
    EXPECT_EQ(br->continent_code, "");
}

TEST_F(GeoIpTest, NoCountryIsNoLocation) {
    EXPECT_FALSE(geoip_.lookup("6.6.6.6").has_value());
    EXPECT_FALSE(geoip_.lookup("9.9.9.9").has_value());
}

TEST_F(GeoIpTest, NonPublicAndInvalidAddressesAreUnknown) {
    // 10.0.0.0/8 has data in the test database; the reader must not use it.
    for (const char* ip : {"10.1.2.3", "127.0.0.1", "192.168.1.1", "172.16.0.1", "::1", "::",
                           "fe80::1", "fd00::1", "0.0.0.0", "::ffff:10.1.2.3", "", "localhost",
                           "8.8.8", "8.8.8.8.8", "256.1.1.1", "8.8.8.8 ", "2a00:1450::1::1"}) {
        EXPECT_FALSE(geoip_.lookup(ip).has_value()) << ip;
    }
}

TEST(GeoIpOpen, MissingFileThrows) {
    try {
        (void)GeoIp::open("/nonexistent/basalt-geoip.mmdb");
        FAIL() << "expected an error";
    } catch (const Error& error) {
        EXPECT_EQ(error.type(), ErrorType::kGeneralServerError);
        EXPECT_NE(std::string(error.what()).find("basalt-geoip.mmdb"), std::string::npos);
    }
}

TEST(GeoIpOpen, CorruptFileThrows) {
    const std::string path = std::string(BASALT_TEST_BINARY_DIR) + "/corrupt-geoip.mmdb";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << "this is not a MaxMind database";
    }
    EXPECT_THROW((void)GeoIp::open(path), Error);
    std::remove(path.c_str());
}

TEST(GeoIpOpen, MovedReaderStillWorks) {
    GeoIp first = GeoIp::open(BASALT_TEST_GEOIP_DB);
    GeoIp second = std::move(first);
    auto us = second.lookup("8.8.8.8");
    ASSERT_TRUE(us.has_value());
    EXPECT_EQ(us->country_code, "US");
}

}  // namespace
}  // namespace basalt::platform
