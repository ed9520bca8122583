#include "db/permission.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace basalt::db {
namespace {

TEST(Permission, ParsesEveryTypeAndRole) {
    for (const char* text :
         {"read(\"any\")", "create(\"guests\")", "update(\"users\")", "delete(\"users/verified\")",
          "write(\"users/unverified\")", "read(\"user:abc\")", "read(\"user:abc/verified\")",
          "read(\"user:abc/unverified\")", "read(\"team:t1\")", "read(\"team:t1/editor\")",
          "read(\"member:m1\")", "read(\"label:vip\")"}) {
        auto p = parse_permission(text);
        ASSERT_TRUE(p.has_value()) << text;
        EXPECT_EQ(p->to_string(), text);
    }
}

TEST(Permission, RejectsMalformed) {
    for (const char* text :
         {"", "read", "read()", "read(\"\")", "read('any')", "read(\"any\"", "view(\"any\")",
          "read(\"anyone\")", "read(\"user:\")", "read(\"user:_x\")", "read(\"user:a/admin\")",
          "read(\"team:\")", "read(\"team:t/\")", "read(\"label:a-b\")", "read(\"member:\")",
          "read(\"users/other\")", "READ(\"any\")", " read(\"any\")"}) {
        EXPECT_FALSE(parse_permission(text).has_value()) << text;
    }
}

TEST(Permission, RoleValidation) {
    EXPECT_TRUE(is_valid_role("team:abc/owner"));
    EXPECT_FALSE(is_valid_role("team:abc/owner/x"));
    EXPECT_FALSE(is_valid_role("label:"));
    EXPECT_FALSE(is_valid_role("user:" + std::string(37, 'a')));
}

TEST(Permission, WriteExpandsPerScope) {
    auto collection = normalize_permissions({"write(\"users\")"}, PermissionScope::kCollection);
    EXPECT_EQ(collection, (std::vector<std::string>{"create(\"users\")", "update(\"users\")",
                                                    "delete(\"users\")"}));
    auto document =
        normalize_permissions({"write(\"user:a\")", "read(\"any\")"}, PermissionScope::kDocument);
    EXPECT_EQ(document, (std::vector<std::string>{"update(\"user:a\")", "delete(\"user:a\")",
                                                  "read(\"any\")"}));
}

TEST(Permission, NormalizeRemovesDuplicates) {
    auto out = normalize_permissions(
        {"read(\"any\")", "read(\"any\")", "update(\"users\")", "write(\"users\")"},
        PermissionScope::kDocument);
    EXPECT_EQ(
        out, (std::vector<std::string>{"read(\"any\")", "update(\"users\")", "delete(\"users\")"}));
}

TEST(Permission, NormalizeRejectsBadAndCreateOnDocuments) {
    try {
        normalize_permissions({"read(\"nobody\")"}, PermissionScope::kCollection);
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::kGeneralArgumentInvalid);
        EXPECT_NE(std::string(e.what()).find("read(\"nobody\")"), std::string::npos);
    }
    EXPECT_THROW(normalize_permissions({"create(\"any\")"}, PermissionScope::kDocument), Error);
    EXPECT_NO_THROW(normalize_permissions({"create(\"any\")"}, PermissionScope::kCollection));
}

}  // namespace
}  // namespace basalt::db
