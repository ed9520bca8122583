#include <gtest/gtest.h>

#include "db/connection.hpp"

namespace basalt::db {
namespace {

void expect_exactly(const IdSet& set, const std::vector<std::int64_t>& members, std::int64_t from,
                    std::int64_t to) {
    for (std::int64_t id = from; id <= to; ++id) {
        const bool member = std::find(members.begin(), members.end(), id) != members.end();
        EXPECT_EQ(set.contains(id), member) << id;
    }
}

TEST(IdSet, SortsAndDeduplicatesItsInput) {
    IdSet set({9, 3, 3, 7, 1, 9});
    EXPECT_EQ(set.size(), 4u);
    expect_exactly(set, {1, 3, 7, 9}, -5, 20);
}

TEST(IdSet, DenseIdsAcrossWordBoundaries) {
    std::vector<std::int64_t> ids;
    for (std::int64_t id = 60; id < 300; id += 3) ids.push_back(id);
    IdSet set(ids);
    expect_exactly(set, ids, 0, 400);
}

TEST(IdSet, SparseIdsFarApart) {
    const std::vector<std::int64_t> ids{2, 1'000'000'007, 4'000'000'000'000};
    IdSet set(ids);
    EXPECT_EQ(set.size(), 3u);
    EXPECT_TRUE(set.contains(1'000'000'007));
    EXPECT_TRUE(set.contains(4'000'000'000'000));
    EXPECT_FALSE(set.contains(1'000'000'006));
    expect_exactly(set, ids, -3, 70);
}

TEST(IdSet, Empty) {
    IdSet set({});
    EXPECT_TRUE(set.empty());
    EXPECT_FALSE(set.contains(0));
}

}  // namespace
}  // namespace basalt::db
