#include "storage/upload_hashes.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "storage/codec.hpp"

namespace basalt::storage {
namespace {

std::string md5_of(std::string_view data) {
    Md5 md5;
    md5.update(data);
    return md5.hex();
}

TEST(UploadHashesTest, PartsInOrderOrWaitingGiveTheWholeFilesMd5) {
    UploadHashes hashes;
    hashes.add("a", 1, "one ");
    hashes.add("a", 3, "three");  // early: waits as a copy
    hashes.add("a", 2, "two ");
    EXPECT_EQ(hashes.finish("a", 3), md5_of("one two three"));
    EXPECT_EQ(hashes.finish("a", 3), std::nullopt);  // forgotten once finished
}

TEST(UploadHashesTest, AnIncompleteChainIsUnknown) {
    UploadHashes hashes;
    hashes.add("a", 1, "one ");
    hashes.add("a", 3, "three");
    EXPECT_EQ(hashes.finish("a", 3), std::nullopt);
    hashes.add("b", 2, "two");  // its first part was never seen (a restart): not tracked
    hashes.add("b", 3, "three");
    EXPECT_EQ(hashes.finish("b", 3), std::nullopt);
}

TEST(UploadHashesTest, PartsSentAgainBreakTheChain) {
    UploadHashes hashes;
    hashes.add("a", 1, "one ");
    hashes.add("a", 2, "two ");
    hashes.add("a", 2, "TWO ");  // already hashed: the device now holds other bytes
    hashes.add("a", 3, "three");
    EXPECT_EQ(hashes.finish("a", 3), std::nullopt);

    hashes.add("b", 1, "one ");
    hashes.add("b", 3, "three");
    hashes.add("b", 3, "THREE");  // twice early: which copy the device kept is unknown
    hashes.add("b", 2, "two ");
    EXPECT_EQ(hashes.finish("b", 3), std::nullopt);
}

TEST(UploadHashesTest, PartOneRestartsTheHash) {
    UploadHashes hashes;
    hashes.add("a", 1, "old ");
    hashes.add("a", 2, "stale");
    hashes.add("a", 1, "new ");
    hashes.add("a", 2, "bytes");
    EXPECT_EQ(hashes.finish("a", 2), md5_of("new bytes"));
}

TEST(UploadHashesTest, ForgottenUploadsAndAFullBudgetFallBack) {
    UploadHashes hashes(UploadHashes::Limits{.waiting_bytes = 8, .uploads = 1, .idle = std::chrono::seconds(600)});
    hashes.add("a", 1, "x");
    hashes.forget("a");
    hashes.add("a", 2, "y");
    EXPECT_EQ(hashes.finish("a", 2), std::nullopt);

    hashes.add("b", 1, "x");
    hashes.add("b", 3, "123456789");  // more than the budget
    hashes.add("b", 2, "y");
    EXPECT_EQ(hashes.finish("b", 3), std::nullopt);

    hashes.add("c", 1, "x");
    hashes.add("d", 1, "x");  // beyond the number of uploads tracked
    hashes.add("d", 2, "y");
    EXPECT_EQ(hashes.finish("d", 2), std::nullopt);
    hashes.add("c", 2, "y");
    EXPECT_EQ(hashes.finish("c", 2), md5_of("xy"));
}

TEST(UploadHashesTest, IdleUploadsAreForgottenWhenAnotherStarts) {
    UploadHashes hashes(UploadHashes::Limits{.waiting_bytes = 64, .uploads = 8, .idle = std::chrono::seconds(0)});
    hashes.add("a", 1, "x");
    hashes.add("a", 3, "z");
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    hashes.add("b", 1, "x");  // forgets "a", and frees its early part
    hashes.add("a", 2, "y");
    EXPECT_EQ(hashes.finish("a", 3), std::nullopt);
}

}  // namespace
}  // namespace basalt::storage
