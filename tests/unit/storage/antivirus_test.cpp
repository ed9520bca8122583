// clamd addresses (--clamd) and the client's behaviour with nothing listening. Scans against a
// real clamd are in tests/e2e/storage-antivirus.test.mjs (clamd needs a signature database).
#include "storage/antivirus.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace basalt::storage {
namespace {

TEST(ClamdAddress, ParsesUnixSockets) {
    const auto a = ClamdAddress::parse("unix:/run/clamav/clamd.ctl");
    ASSERT_TRUE(a);
    EXPECT_TRUE(a->unix_socket);
    EXPECT_EQ(a->path, "/run/clamav/clamd.ctl");
}

TEST(ClamdAddress, ParsesTcpAddresses) {
    const auto a = ClamdAddress::parse("tcp:127.0.0.1:3310");
    ASSERT_TRUE(a);
    EXPECT_FALSE(a->unix_socket);
    EXPECT_EQ(a->host, "127.0.0.1");
    EXPECT_EQ(a->port, 3310);
    const auto v6 = ClamdAddress::parse("tcp:[::1]:3310");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->host, "::1");
    const auto named = ClamdAddress::parse("tcp:localhost:1");
    ASSERT_TRUE(named);
    EXPECT_EQ(named->host, "localhost");
}

TEST(ClamdAddress, RefusesMalformedAddresses) {
    for (const char* text :
         {"", "unix:", "unix:relative.sock", "tcp:", "tcp:127.0.0.1", "tcp::3310",
          "tcp:127.0.0.1:0", "tcp:127.0.0.1:65536", "tcp:127.0.0.1:33a", "tcp:[::1:3310",
          "127.0.0.1:3310", "http://127.0.0.1:3310"}) {
        EXPECT_FALSE(ClamdAddress::parse(text)) << text;
    }
}

TEST(Antivirus, DisabledWithoutAddress) {
    const Antivirus antivirus(std::nullopt);
    EXPECT_FALSE(antivirus.enabled());
    EXPECT_THROW((void)antivirus.version(), Error);
}

TEST(Antivirus, UnreachableClamdIsAnError) {
    const Antivirus antivirus(ClamdAddress::parse("unix:/nonexistent/basalt-clamd.sock"));
    EXPECT_TRUE(antivirus.enabled());
    try {
        (void)antivirus.scan("bytes");
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::kGeneralUnknown);
    }
    EXPECT_THROW((void)antivirus.ping(), Error);
}

}  // namespace
}  // namespace basalt::storage
