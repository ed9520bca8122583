// Where each relationship side keeps its links (the storage rules of relationships.hpp).
#include "databases/relationship_sides.hpp"

#include <gtest/gtest.h>

namespace basalt::databases::relationships {
namespace {

struct Rule {
    Type type;
    bool parent;
    bool two_way;
    bool holds_id, twin_holds_id, many, dependent;
};

// One row per side: the parent side and the child side, one-way and two-way.
constexpr Rule kRules[] = {
    {Type::kOneToOne, true, false, true, false, false, true},
    {Type::kOneToOne, false, false, false, true, false, true},
    {Type::kOneToOne, true, true, true, true, false, true},
    {Type::kOneToOne, false, true, true, true, false, true},
    {Type::kOneToMany, true, false, false, true, true, true},
    {Type::kOneToMany, false, false, true, false, false, false},
    {Type::kOneToMany, true, true, false, true, true, true},
    {Type::kOneToMany, false, true, true, false, false, false},
    {Type::kManyToOne, true, false, true, false, false, false},
    {Type::kManyToOne, false, false, false, true, true, true},
    {Type::kManyToOne, true, true, true, false, false, false},
    {Type::kManyToOne, false, true, false, true, true, true},
    {Type::kManyToMany, true, true, false, false, true, true},
    {Type::kManyToMany, false, true, false, false, true, false},
};

TEST(RelationshipSides, StorageRules) {
    for (const auto& rule : kRules) {
        const Side side{.key = "k", .related = "r", .type = rule.type, .two_way = rule.two_way, .twin_key = "t",
                        .on_delete = OnDelete::kRestrict, .parent = rule.parent, .hidden = false};
        SCOPED_TRACE(std::string(name_of(rule.type)) + (rule.parent ? " parent" : " child") +
                     (rule.two_way ? " two-way" : " one-way"));
        EXPECT_EQ(side.holds_id(), rule.holds_id);
        EXPECT_EQ(side.twin_holds_id(), rule.twin_holds_id);
        EXPECT_EQ(side.many(), rule.many);
        EXPECT_EQ(side.dependent(), rule.dependent);
    }
}

TEST(RelationshipSides, TwinMirrorsTheSide) {
    const Side parent{.key = "books", .related = "book", .type = Type::kOneToMany, .two_way = false,
                      .twin_key = "author", .on_delete = OnDelete::kCascade, .parent = true, .hidden = false};
    const auto child = twin_of(parent, "author");
    EXPECT_EQ(child.key, "author");
    EXPECT_EQ(child.related, "author");
    EXPECT_EQ(child.twin_key, "books");
    EXPECT_FALSE(child.parent);
    EXPECT_TRUE(child.hidden);
    EXPECT_EQ(child.on_delete, OnDelete::kCascade);
    // Exactly one side of a oneToMany holds the id: the child.
    EXPECT_TRUE(child.holds_id());
    EXPECT_FALSE(parent.holds_id());
}

TEST(RelationshipSides, Names) {
    for (const auto name : {"oneToOne", "oneToMany", "manyToOne", "manyToMany"}) {
        ASSERT_TRUE(type_named(name));
        EXPECT_EQ(name_of(*type_named(name)), name);
    }
    for (const auto name : {"cascade", "restrict", "setNull"}) {
        ASSERT_TRUE(on_delete_named(name));
        EXPECT_EQ(name_of(*on_delete_named(name)), name);
    }
    EXPECT_FALSE(type_named("oneToAll"));
    EXPECT_FALSE(on_delete_named("explode"));
}

}  // namespace
}  // namespace basalt::databases::relationships
