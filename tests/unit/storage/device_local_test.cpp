#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "storage/device.hpp"

namespace basalt::storage {
namespace {

namespace fs = std::filesystem;

class LocalDeviceTest : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() / ("basalt-device-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        device_ = make_local_device(root_);
    }
    void TearDown() override { fs::remove_all(root_); }

    fs::path root_;
    std::unique_ptr<Device> device_;
};

TEST_F(LocalDeviceTest, WriteReadRangesRemove) {
    device_->write("p/b/f", "0123456789");
    EXPECT_EQ(device_->size("p/b/f"), 10u);
    EXPECT_EQ(device_->read("p/b/f"), "0123456789");
    EXPECT_EQ(device_->read("p/b/f", 3, 4), "3456");
    EXPECT_EQ(device_->read("p/b/f", 8, 100), "89");
    EXPECT_EQ(device_->read("p/b/f", 20, 1), "");
    EXPECT_FALSE(device_->read("p/b/missing"));
    device_->write("p/b/f", "new");
    EXPECT_EQ(device_->read("p/b/f"), "new");
    EXPECT_TRUE(device_->remove("p/b/f"));
    EXPECT_FALSE(device_->exists("p/b/f"));
    EXPECT_FALSE(device_->remove("p/b/f"));
}

// A full part of `c` bytes (every part but the last is Device::kPartSize long).
std::string full_part(char c) { return std::string(Device::kPartSize, c); }

TEST_F(LocalDeviceTest, PartsAssembleInOrder) {
    const auto a = full_part('a');
    const auto b = full_part('b');
    EXPECT_EQ(device_->write_part("p/b/f", 2, b), 1);
    EXPECT_EQ(device_->write_part("p/b/f", 1, full_part('x')), 2);
    EXPECT_EQ(device_->write_part("p/b/f", 1, a), 2);  // sent again: replaces itself
    EXPECT_EQ(device_->count_parts("p/b/f"), 2);
    EXPECT_THROW(device_->assemble("p/b/f", 3, [](std::string_view) {}), Error);
    EXPECT_FALSE(device_->exists("p/b/f"));
    EXPECT_EQ(device_->count_parts("p/b/f"), 2);  // a failed assembly keeps the parts
    EXPECT_EQ(device_->write_part("p/b/f", 3, "end"), 3);
    std::string seen;
    device_->assemble("p/b/f", 3, [&](std::string_view bytes) { seen += bytes; });
    EXPECT_EQ(seen, a + b + "end");
    EXPECT_EQ(device_->read("p/b/f"), a + b + "end");
    EXPECT_EQ(device_->count_parts("p/b/f"), 0);
    EXPECT_FALSE(fs::exists(root_ / "p/b/f.parts"));
}

// Bytes that differ from position to position (a misplaced block shows).
std::string pattern(std::size_t size, std::uint32_t seed) {
    std::string out(size, '\0');
    for (auto& c : out) {
        seed = seed * 1664525u + 1013904223u;
        c = static_cast<char>(seed >> 24);
    }
    return out;
}

// Parts go past the page cache (O_DIRECT) through an aligned buffer, with a tail shorter than a
// block through the cache, and read back as stored; tmpfs (/dev/shm) refuses O_DIRECT before Linux 6.6, and everything
// then goes through the cache. Either way the exact bytes, whatever the caller's alignment.
TEST_F(LocalDeviceTest, PartsKeepTheirBytesWithOrWithoutDirectWrites) {
    std::vector<fs::path> roots{root_ / "disk"};
    if (fs::is_directory("/dev/shm")) roots.push_back(fs::path("/dev/shm") / root_.filename());
    for (const auto& root : roots) {
        SCOPED_TRACE(root.string());
        const auto device = make_local_device(root);
        const auto first = pattern(Device::kPartSize, 1);
        const auto buffer = "?" + pattern(3 * 4096 + 100, 2);  // an unaligned view, with a tail
        const std::string_view last = std::string_view(buffer).substr(1);
        EXPECT_EQ(device->write_part("p/b/f", 2, last), 1);
        EXPECT_EQ(device->write_part("p/b/f", 1, pattern(Device::kPartSize, 3)), 2);
        EXPECT_EQ(device->write_part("p/b/f", 1, first), 2);  // sent again
        EXPECT_TRUE(device->read_part("p/b/f", 1, first.size()) == first);
        EXPECT_TRUE(device->read_part("p/b/f", 2, last.size()) == std::string(last));
        EXPECT_EQ(device->read_part("p/b/f", 2, last.size() + 1), std::nullopt) << "fewer bytes stored";
        EXPECT_EQ(device->read_part("p/b/g", 1, 1), std::nullopt) << "no such upload";
        device->assemble_without_reading("p/b/f", 2);
        EXPECT_TRUE(device->read("p/b/f") == first + std::string(last));
        fs::remove_all(root);
    }
}

TEST_F(LocalDeviceTest, RemovedPartIsMissingUntilSentAgain) {
    device_->write_part("p/b/f", 1, full_part('a'));
    device_->write_part("p/b/f", 2, "tail");
    device_->remove_part("p/b/f", 2);
    EXPECT_EQ(device_->count_parts("p/b/f"), 1);
    EXPECT_THROW(device_->assemble("p/b/f", 2, [](std::string_view) {}), Error);
    device_->write_part("p/b/f", 2, "TAIL");
    device_->assemble("p/b/f", 2, [](std::string_view) {});
    EXPECT_EQ(device_->read("p/b/f", Device::kPartSize), "TAIL");
    EXPECT_EQ(device_->size("p/b/f"), Device::kPartSize + 4);
}

TEST_F(LocalDeviceTest, PartsMarkedInAnotherBootNoLongerCount) {
    device_->write_part("p/b/f", 1, full_part('a'));
    device_->write_part("p/b/f", 2, "tail");
    // As after a crash of the machine: the marker names another boot, whose bytes may never
    // have reached the disk.
    std::ofstream(root_ / "p/b/f.parts/1", std::ios::trunc) << "00000000-0000-0000-0000-000000000000";
    EXPECT_EQ(device_->count_parts("p/b/f"), 1);
    EXPECT_THROW(device_->assemble("p/b/f", 2, [](std::string_view) {}), Error);
    EXPECT_EQ(device_->write_part("p/b/f", 1, full_part('b')), 2);  // sent again
    device_->assemble_without_reading("p/b/f", 2);
    EXPECT_EQ(device_->read("p/b/f", 0, 3), "bbb");
    EXPECT_EQ(device_->size("p/b/f"), Device::kPartSize + 4);
}

TEST_F(LocalDeviceTest, RefusesPartsLongerThanThePartSizeOrNumberedBelowOne) {
    EXPECT_THROW(device_->write_part("p/b/f", 1, std::string(Device::kPartSize + 1, 'a')), Error);
    EXPECT_THROW(device_->write_part("p/b/f", 0, "a"), Error);
    EXPECT_EQ(device_->count_parts("p/b/f"), 0);
}

TEST_F(LocalDeviceTest, ReaderStreamsARangeFromTheFileItOpened) {
    device_->write("p/b/f", "0123456789");
    auto reader = device_->open("p/b/f", 2, 5);
    ASSERT_TRUE(reader);
    auto& r = **reader;
    EXPECT_EQ(r.size(), 5u);
    ASSERT_TRUE(r.file());
    EXPECT_GE(r.file()->first, 0);
    EXPECT_EQ(r.file()->second, 2u);
    device_->write("p/b/f", "replaced");  // renamed over: the reader keeps the bytes it opened
    char out[8] = {};
    EXPECT_EQ(r.read(out, 3), 3u);
    EXPECT_EQ(std::string_view(out, 3), "234");
    EXPECT_EQ(r.read(out, 8), 2u);
    EXPECT_EQ(std::string_view(out, 2), "56");
    EXPECT_EQ(r.read(out, 8), 0u);
    EXPECT_EQ((*device_->open("p/b/f", 100))->size(), 0u);
    EXPECT_EQ((*device_->open("p/b/f"))->size(), 8u);
    EXPECT_FALSE(device_->open("p/b/missing"));
}

TEST(MemoryReaderTest, HandsOutItsBytesInPieces) {
    auto reader = make_memory_reader("abcdef");
    EXPECT_EQ(reader->size(), 6u);
    EXPECT_FALSE(reader->file());
    char out[4] = {};
    EXPECT_EQ(reader->read(out, 4), 4u);
    EXPECT_EQ(std::string_view(out, 4), "abcd");
    EXPECT_EQ(reader->read(out, 4), 2u);
    EXPECT_EQ(std::string_view(out, 2), "ef");
    EXPECT_EQ(reader->read(out, 4), 0u);
}

TEST_F(LocalDeviceTest, RemovePrefixAndAbort) {
    device_->write("p/b1/x", "1");
    device_->write_part("p/b1/y", 1, "2");
    EXPECT_EQ(device_->count_parts("p/b1/y"), 1);
    device_->write("p/b2/x", "3");
    EXPECT_TRUE(device_->remove("p/b1/y"));  // an unfinished upload: its parts go
    EXPECT_EQ(device_->count_parts("p/b1/y"), 0);
    device_->remove_prefix("p/b1");
    EXPECT_FALSE(device_->exists("p/b1/x"));
    EXPECT_TRUE(device_->exists("p/b2/x"));
}

TEST_F(LocalDeviceTest, RefusesKeysLeavingTheRoot) {
    EXPECT_THROW(device_->write("../outside", "x"), Error);
    EXPECT_THROW(device_->read("/etc/passwd"), Error);
}

}  // namespace
}  // namespace basalt::storage
