#include "storage/upload_hashes.hpp"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "storage/codec.hpp"

namespace basalt::storage {
namespace {

std::string md5_of(std::string_view data) {
    Md5 md5;
    md5.update(data);
    return md5.hex();
}

// Adds a part and runs the hash's turn when this add took it.
void add(UploadHashes& hashes, const std::string& key, std::int64_t part, std::string_view data) {
    if (auto turn = hashes.add(key, part, data)) turn->run();
}

TEST(UploadHashesTest, PartsInOrderOrWaitingGiveTheWholeFilesMd5) {
    UploadHashes hashes;
    add(hashes, "a", 1, "one ");
    add(hashes, "a", 3, "three");  // early: waits as a copy
    add(hashes, "a", 2, "two ");
    EXPECT_EQ(hashes.finish("a", 3), md5_of("one two three"));
    EXPECT_EQ(hashes.finish("a", 3), std::nullopt);  // forgotten once finished
}

TEST(UploadHashesTest, AnIncompleteChainIsUnknown) {
    UploadHashes hashes;
    add(hashes, "a", 1, "one ");
    add(hashes, "a", 3, "three");
    EXPECT_EQ(hashes.finish("a", 3), std::nullopt);
    add(hashes, "b", 2, "two");  // its first part was never seen (a restart): not tracked
    add(hashes, "b", 3, "three");
    EXPECT_EQ(hashes.finish("b", 3), std::nullopt);
}

TEST(UploadHashesTest, PartsSentAgainBreakTheChain) {
    UploadHashes hashes;
    add(hashes, "a", 1, "one ");
    add(hashes, "a", 2, "two ");
    add(hashes, "a", 2, "TWO ");  // already hashed: the device now holds other bytes
    add(hashes, "a", 3, "three");
    EXPECT_EQ(hashes.finish("a", 3), std::nullopt);

    add(hashes, "b", 1, "one ");
    add(hashes, "b", 3, "three");
    add(hashes, "b", 3, "THREE");  // twice early: which copy the device kept is unknown
    add(hashes, "b", 2, "two ");
    EXPECT_EQ(hashes.finish("b", 3), std::nullopt);
}

TEST(UploadHashesTest, PartOneRestartsTheHash) {
    UploadHashes hashes;
    add(hashes, "a", 1, "old ");
    add(hashes, "a", 2, "stale");
    add(hashes, "a", 1, "new ");
    add(hashes, "a", 2, "bytes");
    EXPECT_EQ(hashes.finish("a", 2), md5_of("new bytes"));
}

TEST(UploadHashesTest, ForgottenUploadsAndAFullBudgetFallBack) {
    UploadHashes hashes(UploadHashes::Limits{.waiting_bytes = 8, .uploads = 1, .idle = std::chrono::seconds(600)}, {});
    add(hashes, "a", 1, "x");
    hashes.forget("a");
    add(hashes, "a", 2, "y");
    EXPECT_EQ(hashes.finish("a", 2), std::nullopt);

    add(hashes, "b", 1, "x");
    add(hashes, "b", 3, "123456789");  // more than the budget, and no way to read it back
    add(hashes, "b", 2, "y");
    EXPECT_EQ(hashes.finish("b", 3), std::nullopt);

    add(hashes, "c", 1, "x");
    add(hashes, "d", 1, "x");  // beyond the number of uploads tracked
    add(hashes, "d", 2, "y");
    EXPECT_EQ(hashes.finish("d", 2), std::nullopt);
    add(hashes, "c", 2, "y");
    EXPECT_EQ(hashes.finish("c", 2), md5_of("xy"));
}

// Over the budget a part is noted, not copied, and read back from the device in its turn; a
// part the device cannot read back (S3), or reads back short, breaks the chain.
TEST(UploadHashesTest, PartsOverTheBudgetAreReadBackInTheirTurn) {
    const UploadHashes::Limits limits{.waiting_bytes = 8, .uploads = 8, .idle = std::chrono::seconds(600)};
    // The device: uploads "a" and "b" hold these parts 3 and 4; "c" cannot be read back.
    std::map<std::int64_t, std::string> stored{{3, "three "}, {4, "four"}};
    std::vector<std::string> read;
    UploadHashes hashes(limits, [&](const std::string& key, std::int64_t part, std::size_t size) -> std::optional<std::string> {
        read.push_back(key + std::to_string(part));
        if (key == "c") return std::nullopt;
        return stored[part].substr(0, size);
    });
    add(hashes, "a", 1, "one ");
    EXPECT_FALSE(hashes.add("a", 3, "three "));  // copied: 6 of 8 bytes
    EXPECT_FALSE(hashes.add("a", 4, "four"));    // noted
    add(hashes, "a", 2, "two ");
    EXPECT_EQ(hashes.finish("a", 4), md5_of("one two three four"));
    EXPECT_EQ(read, std::vector<std::string>{"a4"});

    add(hashes, "b", 1, "one ");
    EXPECT_FALSE(hashes.add("b", 3, "0123456789"));  // noted; the device holds "three "
    add(hashes, "b", 2, "two ");
    EXPECT_EQ(hashes.finish("b", 3), std::nullopt) << "read back short";

    add(hashes, "c", 1, "one ");
    EXPECT_FALSE(hashes.add("c", 3, "0123456789"));
    add(hashes, "c", 2, "two ");
    EXPECT_EQ(hashes.finish("c", 3), std::nullopt) << "not readable back";
    EXPECT_EQ(read, (std::vector<std::string>{"a4", "b3", "c3"}));
}

TEST(UploadHashesTest, IdleUploadsAreForgottenWhenAnotherStarts) {
    UploadHashes hashes(UploadHashes::Limits{.waiting_bytes = 64, .uploads = 8, .idle = std::chrono::seconds(0)}, {});
    add(hashes, "a", 1, "x");
    add(hashes, "a", 3, "z");
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    add(hashes, "b", 1, "x");  // forgets "a", and frees its early part
    add(hashes, "a", 2, "y");
    EXPECT_EQ(hashes.finish("a", 3), std::nullopt);
}

TEST(UploadHashesTest, PartsArrivingDuringATurnAreHashedByIt) {
    UploadHashes hashes;
    auto turn = hashes.add("a", 1, "one ");
    ASSERT_TRUE(turn);
    EXPECT_FALSE(hashes.add("a", 2, "two "));  // waits: part 1 is being hashed
    EXPECT_FALSE(hashes.add("a", 3, "three"));
    turn->run();
    EXPECT_EQ(hashes.finish("a", 3), md5_of("one two three"));
}

TEST(UploadHashesTest, ATurnNotRunMakesTheHashUnknown) {
    UploadHashes hashes;
    { auto turn = hashes.add("a", 1, "one "); }
    add(hashes, "a", 2, "two");
    EXPECT_EQ(hashes.finish("a", 2), std::nullopt);
}

TEST(UploadHashesTest, FinishWaitsForATurnStillRunning) {
    UploadHashes hashes;
    const std::string big(8u << 20, 'x');
    add(hashes, "a", 1, "one ");
    auto turn = hashes.add("a", 2, big);
    ASSERT_TRUE(turn);
    std::thread runner([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        turn->run();
    });
    EXPECT_EQ(hashes.finish("a", 2), md5_of("one " + big));
    runner.join();
}

}  // namespace
}  // namespace basalt::storage
