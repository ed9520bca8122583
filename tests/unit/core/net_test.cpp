#include "core/net.hpp"

#include <gtest/gtest.h>

namespace basalt {

TEST(NetTest, ClassifiesAddresses) {
    EXPECT_TRUE(net::is_ip_address("1.2.3.4"));
    EXPECT_TRUE(net::is_ip_address("2001:4860::8888"));
    EXPECT_FALSE(net::is_ip_address("1.2.3"));
    EXPECT_FALSE(net::is_ip_address("example.com"));
    EXPECT_FALSE(net::is_ip_address(""));
    EXPECT_TRUE(net::is_non_public_ip("127.0.0.1"));
    EXPECT_TRUE(net::is_non_public_ip("100.64.0.1"));
    EXPECT_TRUE(net::is_non_public_ip("169.254.10.10"));
    EXPECT_TRUE(net::is_non_public_ip("224.0.0.1"));
    EXPECT_TRUE(net::is_non_public_ip("255.255.255.255"));
    EXPECT_TRUE(net::is_non_public_ip("2001:db8::1"));
    EXPECT_TRUE(net::is_non_public_ip("ff02::1"));
    EXPECT_FALSE(net::is_non_public_ip("8.8.8.8"));
    EXPECT_FALSE(net::is_non_public_ip("172.32.0.1"));
    EXPECT_FALSE(net::is_non_public_ip("100.128.0.1"));
    EXPECT_FALSE(net::is_non_public_ip("2a00:1450::1"));
    EXPECT_FALSE(net::is_non_public_ip("not an ip"));
    EXPECT_TRUE(net::is_non_public_ip("10.1.2.3"));
    EXPECT_TRUE(net::is_non_public_ip("192.168.0.10"));
    EXPECT_TRUE(net::is_non_public_ip("::ffff:10.1.2.3"));
    EXPECT_TRUE(net::is_non_public_ip("fd00::1"));
}

}  // namespace basalt
