#include "storage/preview_cache.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace basalt::storage {
namespace {

namespace fs = std::filesystem;

class PreviewCacheTest : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() /
                ("basalt-previews-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
    }
    void TearDown() override { fs::remove_all(root_); }

    fs::path root_;
};

TEST_F(PreviewCacheTest, StoresAndServesEntries) {
    PreviewCache cache({.root = root_, .max_bytes = 1000});
    EXPECT_FALSE(cache.get("p/bucket_1/f", "a"));
    cache.put("p/bucket_1/f", "a", "bytes of a");
    EXPECT_EQ(cache.get("p/bucket_1/f", "a"), "bytes of a");
    EXPECT_TRUE(fs::exists(root_ / "p/bucket_1/f/a"));
    cache.put("p/bucket_1/f", "a", "replaced");
    EXPECT_EQ(cache.get("p/bucket_1/f", "a"), "replaced");
    EXPECT_EQ(cache.bytes(), 8u);
    EXPECT_EQ(cache.entries(), 1u);
}

TEST_F(PreviewCacheTest, EvictsTheLeastRecentlyUsedAboveItsBound) {
    PreviewCache cache({.root = root_, .max_bytes = 30});
    const std::string ten(10, 'x');
    cache.put("p/b/f", "1", ten);
    cache.put("p/b/f", "2", ten);
    cache.put("p/b/f", "3", ten);
    ASSERT_TRUE(cache.get("p/b/f", "1"));  // 1 is now the most recent; 2 the least
    cache.put("p/b/f", "4", ten);
    EXPECT_FALSE(cache.get("p/b/f", "2"));
    EXPECT_FALSE(fs::exists(root_ / "p/b/f/2")) << "an evicted entry leaves the disk";
    EXPECT_TRUE(cache.get("p/b/f", "1"));
    EXPECT_TRUE(cache.get("p/b/f", "4"));
    EXPECT_EQ(cache.bytes(), 30u);
    cache.put("p/b/f", "huge", std::string(31, 'y'));
    EXPECT_FALSE(cache.get("p/b/f", "huge")) << "an entry above the whole bound is not kept";
}

TEST_F(PreviewCacheTest, ForgetsAFileOrABucket) {
    PreviewCache cache({.root = root_, .max_bytes = 1000});
    cache.put("p/bucket_1/f", "a", "1");
    cache.put("p/bucket_1/f", "b", "2");
    cache.put("p/bucket_1/f2", "a", "3");
    cache.put("p/bucket_2/f", "a", "4");
    cache.forget("p/bucket_1/f");
    EXPECT_FALSE(cache.get("p/bucket_1/f", "a"));
    EXPECT_FALSE(cache.get("p/bucket_1/f", "b"));
    EXPECT_FALSE(fs::exists(root_ / "p/bucket_1/f"));
    EXPECT_EQ(cache.get("p/bucket_1/f2", "a"), "3") << "a file whose id extends another's is kept";
    cache.forget("p/bucket_1");
    EXPECT_FALSE(cache.get("p/bucket_1/f2", "a"));
    EXPECT_EQ(cache.get("p/bucket_2/f", "a"), "4");
    EXPECT_EQ(cache.bytes(), 1u);
}

TEST_F(PreviewCacheTest, KeepsWhatAnEarlierRunStoredWithinItsBound) {
    {
        PreviewCache cache({.root = root_, .max_bytes = 1000});
        cache.put("p/b/f", "a", "12345");
        cache.put("p/b/g", "a", "67890");
    }
    PreviewCache reopened({.root = root_, .max_bytes = 1000});
    EXPECT_EQ(reopened.entries(), 2u);
    EXPECT_EQ(reopened.get("p/b/f", "a"), "12345");
    PreviewCache smaller({.root = root_, .max_bytes = 5});
    EXPECT_EQ(smaller.entries(), 1u) << "a smaller bound evicts at start-up";
    EXPECT_EQ(smaller.bytes(), 5u);
}

TEST_F(PreviewCacheTest, KeepsTheMostRecentEntriesInMemory) {
    PreviewCache cache({.root = root_, .max_bytes = 1000, .memory_bytes = 10});
    cache.put("p/b/f", "old", "0123456789");
    cache.put("p/b/f", "new", "abcdefghij");  // pushes "old" out of memory, not off the disk
    fs::remove(root_ / "p/b/f/new");
    EXPECT_EQ(cache.get("p/b/f", "new"), "abcdefghij") << "served from memory";
    EXPECT_EQ(cache.get("p/b/f", "old"), "0123456789") << "served from the disk";
    fs::remove(root_ / "p/b/f/old");
    EXPECT_EQ(cache.get("p/b/f", "old"), "0123456789") << "read once, now in memory";
    EXPECT_FALSE(cache.get("p/b/f", "new")) << "its memory copy made room; its file is gone";

    PreviewCache disk_only({.root = root_ / "d", .max_bytes = 1000, .memory_bytes = 0});
    disk_only.put("p/b/f", "a", "x");
    fs::remove(root_ / "d/p/b/f/a");
    EXPECT_FALSE(disk_only.get("p/b/f", "a"));
}

TEST_F(PreviewCacheTest, ABoundOfZeroKeepsNothing) {
    PreviewCache cache({.root = root_, .max_bytes = 0});
    cache.put("p/b/f", "a", "x");
    EXPECT_FALSE(cache.get("p/b/f", "a"));
    EXPECT_EQ(cache.entries(), 0u);
}

}  // namespace
}  // namespace basalt::storage
