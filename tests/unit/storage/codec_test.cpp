#include "storage/codec.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace basalt::storage {
namespace {

std::string sample() {
    std::string s;
    for (int i = 0; i < 100000; ++i) s += static_cast<char>((i * 7919) % 251);
    return s + std::string(100000, 'a');
}

TEST(Codec, Md5KnownVector) {
    Md5 md5;
    md5.update("The quick brown fox ");
    md5.update("jumps over the lazy dog");
    EXPECT_EQ(md5.hex(), "9e107d9d372bb6826bd81d3542a419d6");
}

TEST(Codec, CompressionRoundTrips) {
    const auto data = sample();
    for (const char* algorithm : {"gzip", "zstd", "none"}) {
        const auto packed = compress(algorithm, data);
        if (std::string_view(algorithm) != "none") {
            EXPECT_LT(packed.size(), data.size()) << algorithm;
        }
        EXPECT_EQ(decompress(algorithm, packed), data) << algorithm;
    }
    EXPECT_EQ(decompress("gzip", compress("gzip", "")), "");
    EXPECT_THROW(decompress("gzip", "not gzip at all"), Error);
    EXPECT_THROW(decompress("zstd", "not zstd at all"), Error);
    EXPECT_THROW(decompress("gzip", compress("gzip", data).substr(0, 100)), Error);
}

TEST(Codec, EncryptionRoundTripsAndAuthenticates) {
    const auto key = project_key(std::string(32, 'k'), "p1");
    ASSERT_EQ(key.size(), 32u);
    EXPECT_NE(key, project_key(std::string(32, 'k'), "p2"));
    const auto data = sample();
    const auto sealed = encrypt(key, data);
    EXPECT_EQ(sealed.iv.size(), 12u);
    EXPECT_EQ(sealed.tag.size(), 16u);
    EXPECT_NE(sealed.data, data);
    EXPECT_EQ(decrypt(key, sealed.data, sealed.iv, sealed.tag), data);
    auto altered = sealed.data;
    altered[10] ^= 1;
    EXPECT_THROW(decrypt(key, altered, sealed.iv, sealed.tag), Error);
    EXPECT_THROW(decrypt(project_key(std::string(32, 'k'), "p2"), sealed.data, sealed.iv, sealed.tag), Error);
    EXPECT_NE(encrypt(key, data).iv, sealed.iv);
}

TEST(Codec, HexAndMime) {
    EXPECT_EQ(to_hex(std::string("\x00\xff\x10", 3)), "00ff10");
    EXPECT_EQ(from_hex("00ff10"), std::string("\x00\xff\x10", 3));
    EXPECT_EQ(from_hex("0g"), "");
    EXPECT_EQ(sniff_mime_type("hello world\n"), "text/plain");
    using namespace std::string_literals;
    EXPECT_EQ(sniff_mime_type("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0"s), "image/png");
}

}  // namespace
}  // namespace basalt::storage
