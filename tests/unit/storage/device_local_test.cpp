#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

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

TEST_F(LocalDeviceTest, PartsAssembleInOrder) {
    EXPECT_EQ(device_->write_part("p/b/f", 2, "cd"), 1);
    EXPECT_EQ(device_->write_part("p/b/f", 1, "ab"), 2);
    EXPECT_EQ(device_->write_part("p/b/f", 1, "ab"), 2);  // sent again: replaces itself
    EXPECT_EQ(device_->count_parts("p/b/f"), 2);
    EXPECT_THROW(device_->assemble("p/b/f", 3, [](std::string_view) {}), Error);
    EXPECT_FALSE(device_->exists("p/b/f"));
    EXPECT_EQ(device_->write_part("p/b/f", 3, "e"), 3);
    std::string seen;
    device_->assemble("p/b/f", 3, [&](std::string_view bytes) { seen += bytes; });
    EXPECT_EQ(seen, "abcde");
    EXPECT_EQ(device_->read("p/b/f"), "abcde");
    EXPECT_EQ(device_->count_parts("p/b/f"), 0);
    EXPECT_FALSE(fs::exists(root_ / "p/b/f.parts"));
}

TEST_F(LocalDeviceTest, RemovePrefixAndAbort) {
    device_->write("p/b1/x", "1");
    device_->write_part("p/b1/y", 1, "2");
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
