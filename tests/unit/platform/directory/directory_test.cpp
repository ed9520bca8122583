// The platform directory on real backends: SQLite files always, PostgreSQL when
// BASALT_TEST_POSTGRES_URL names a server (make test starts one).
#include "platform/directory.hpp"

#include "support/backend_test.hpp"

namespace basalt::platform {
namespace {

using testing::error_type;

class DirectoryTest : public testing::ProjectDirectoryTest {
protected:
    KeyChanges key(std::string name, std::vector<std::string> scopes = {"users.read"}) {
        return KeyChanges{.name = std::move(name), .scopes = std::move(scopes), .expire = std::nullopt};
    }
};

TEST_P(DirectoryTest, ProjectsAreFoundAndUnique) {
    const auto found = directory_->find_project(project_.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->name, "Test");
    EXPECT_FALSE(directory_->find_project("no-such-project"));
    EXPECT_EQ(error_type([&] { directory_->create_project(project_.id, "again"); }), "project_already_exists");
}

TEST_P(DirectoryTest, KeysAuthenticateByTheirSecretOnly) {
    const auto created = directory_->create_key(project_, "k1", key("first"));
    ASSERT_TRUE(created.secret.starts_with("standard_"));
    EXPECT_EQ(created.secret.size(), 9u + 256u);
    const auto by_full = directory_->authenticate(project_, created.secret);
    ASSERT_TRUE(by_full);
    EXPECT_EQ(by_full->id, "k1");
    EXPECT_TRUE(by_full->secret.empty());  // never read back
    EXPECT_TRUE(by_full->accessed_at.has_value());
    EXPECT_TRUE(directory_->authenticate(project_, created.secret.substr(9)));
    EXPECT_FALSE(directory_->authenticate(project_, created.secret + "0"));
    EXPECT_FALSE(directory_->authenticate(project_, "standard_"));
    EXPECT_TRUE(directory_->get_key(project_, "k1").secret.empty());
}

TEST_P(DirectoryTest, KeysRecordTheServerSdksThatUseThem) {
    const auto created = directory_->create_key(project_, "k1", key("sdk"));
    EXPECT_TRUE(directory_->authenticate(project_, created.secret, "")->sdks.empty());
    EXPECT_EQ(directory_->authenticate(project_, created.secret, "Node.js")->sdks,
              std::vector<std::string>{"Node.js"});
    // Seen already, not a server SDK, or not an SDK at all: nothing is added.
    EXPECT_EQ(directory_->authenticate(project_, created.secret, "Node.js")->sdks.size(), 1u);
    EXPECT_EQ(directory_->authenticate(project_, created.secret, "Web")->sdks.size(), 1u);
    EXPECT_EQ(directory_->authenticate(project_, created.secret, "x'); DROP TABLE keys")->sdks.size(), 1u);
    EXPECT_EQ(directory_->authenticate(project_, created.secret, "Python")->sdks,
              (std::vector<std::string>{"Node.js", "Python"}));
    EXPECT_EQ(directory_->get_key(project_, "k1").sdks, (std::vector<std::string>{"Node.js", "Python"}));
}

TEST_P(DirectoryTest, KeyChangesAndDeletionTakeEffectAtOnce) {
    const auto created = directory_->create_key(project_, "k1", key("first"));
    ASSERT_TRUE(directory_->authenticate(project_, created.secret));
    directory_->update_key(project_, "k1", key("renamed", {"keys.read", "keys.write"}));
    const auto updated = directory_->authenticate(project_, created.secret);
    ASSERT_TRUE(updated);
    EXPECT_EQ(updated->name, "renamed");
    EXPECT_EQ(updated->scopes.size(), 2u);
    directory_->delete_key(project_, "k1");
    EXPECT_FALSE(directory_->authenticate(project_, created.secret));
    EXPECT_EQ(error_type([&] { directory_->get_key(project_, "k1"); }), "key_not_found");
    EXPECT_EQ(error_type([&] { directory_->delete_key(project_, "k1"); }), "key_not_found");
    EXPECT_EQ(error_type([&] { directory_->update_key(project_, "k1", key("x")); }), "key_not_found");
}

TEST_P(DirectoryTest, KeyListsTakeQueriesOnAllowedAttributesOnly) {
    directory_->create_key(project_, "a", key("alpha"));
    directory_->create_key(project_, "b", key("beta"));
    directory_->create_key(project_, "c", key("gamma"));
    EXPECT_EQ(error_type([&] { directory_->create_key(project_, "a", key("dup")); }), "key_already_exists");
    auto all = directory_->list_keys(project_, {}, true);
    EXPECT_EQ(all.total, 3);
    EXPECT_EQ(all.items.size(), 3u);
    auto one = directory_->list_keys(project_, {R"({"method":"equal","attribute":"name","values":["beta"]})"}, true);
    ASSERT_EQ(one.items.size(), 1u);
    EXPECT_EQ(one.items[0].id, "b");
    EXPECT_EQ(one.total, 1);
    auto page = directory_->list_keys(project_, {R"({"method":"limit","values":[1]})",
                                                 R"({"method":"cursorAfter","values":["a"]})"},
                                      false);
    ASSERT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.items[0].id, "b");
    EXPECT_EQ(page.total, 0);
    EXPECT_EQ(error_type([&] {
                  directory_->list_keys(project_, {R"({"method":"equal","attribute":"secretHash","values":["x"]})"}, true);
              }),
              "general_query_invalid");
    EXPECT_EQ(error_type([&] { directory_->list_keys(project_, {R"({"method":"nope"})"}, true); }),
              "general_query_invalid");
}

TEST_P(DirectoryTest, WebPlatformsBecomeAllowedHostnames) {
    directory_->create_platform(project_, "web1", PlatformType::kWeb, "Site", "app.example.com");
    directory_->create_platform(project_, "and1", PlatformType::kAndroid, "App", "com.example.app");
    auto project = directory_->find_project(project_.id);
    ASSERT_TRUE(project);
    EXPECT_EQ(project->web_hostnames, std::vector<std::string>{"app.example.com"});
    directory_->update_platform(project_, "web1", PlatformType::kWeb, "Site", "www.example.com");
    EXPECT_EQ(directory_->find_project(project_.id)->web_hostnames, std::vector<std::string>{"www.example.com"});
    EXPECT_EQ(error_type([&] {
                  directory_->update_platform(project_, "and1", PlatformType::kWeb, "x", "y.com");
              }),
              "platform_method_unsupported");
    const auto list = directory_->list_platforms(project_, {R"({"method":"equal","attribute":"type","values":["android"]})"}, true);
    ASSERT_EQ(list.items.size(), 1u);
    EXPECT_EQ(list.items[0].key, "com.example.app");
    directory_->delete_platform(project_, "web1");
    EXPECT_TRUE(directory_->find_project(project_.id)->web_hostnames.empty());
    EXPECT_EQ(error_type([&] { directory_->get_platform(project_, "web1"); }), "platform_not_found");
    EXPECT_EQ(error_type([&] {
                  directory_->create_platform(project_, "and1", PlatformType::kAndroid, "x", "y");
              }),
              "platform_already_exists");
}

INSTANTIATE_TEST_SUITE_P(Backends, DirectoryTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace basalt::platform
