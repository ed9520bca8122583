// Shared test support for the suites that run on the real storage backends: SQLite in a fresh
// temporary directory always, PostgreSQL when BASALT_TEST_POSTGRES_URL names a server (make test
// starts one). A suite derives from one of the fixtures below and is instantiated with
//   INSTANTIATE_TEST_SUITE_P(Backends, MyTest, ::testing::Values("sqlite", "postgres"));
// A subclass that needs more setup calls the base SetUp first and returns when the test was
// skipped (`if (IsSkipped()) return;`), and calls the base TearDown last.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/store.hpp"
#include "platform/collections.hpp"
#include "platform/directory.hpp"

namespace basalt::testing {

// The Appwrite type of the basalt::Error that `call` throws, or "none" when it returns.
inline std::string error_type(const std::function<void()>& call) {
    try {
        call();
    } catch (const Error& e) {
        return std::string(e.info().type);
    }
    return "none";
}

// A store for one backend name ("sqlite" or "postgres"), closed and (for SQLite) removed with
// its temporary directory when this goes away. Empty (false) when the backend is "postgres" and
// BASALT_TEST_POSTGRES_URL is not set: the caller skips the test then, with kPostgresNotSet.
class TestStore {
public:
    static constexpr std::string_view kPostgresNotSet = "BASALT_TEST_POSTGRES_URL is not set";

    TestStore() = default;
    explicit TestStore(std::string_view backend) {
        if (backend == "postgres") {
            const char* url = std::getenv("BASALT_TEST_POSTGRES_URL");
            if (url && *url) store_ = db::open_store(url);
        } else {
            dir_ = std::filesystem::temp_directory_path() / ("basalt-test-" + ids::unique());
            store_ = db::open_store("sqlite:" + dir_.string());
        }
    }
    TestStore(TestStore&& other) noexcept
        : store_(std::move(other.store_)), dir_(std::exchange(other.dir_, {})) {}
    TestStore& operator=(TestStore&& other) noexcept {
        if (this != &other) {
            reset();
            store_ = std::move(other.store_);
            dir_ = std::exchange(other.dir_, {});
        }
        return *this;
    }
    ~TestStore() { reset(); }

    // Closes the store, then removes its directory.
    void reset() noexcept {
        store_.reset();
        if (!dir_.empty()) {
            std::error_code ignored;
            std::filesystem::remove_all(dir_, ignored);
            dir_.clear();
        }
    }

    explicit operator bool() const { return store_ != nullptr; }
    db::Store& operator*() const { return *store_; }
    db::Store* operator->() const { return store_.get(); }

private:
    std::unique_ptr<db::Store> store_;
    std::filesystem::path dir_;
};

// `store_` for the backend named by the test parameter; skips when it is not configured.
class BackendTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        store_ = TestStore(GetParam());
        if (!store_) GTEST_SKIP() << TestStore::kPostgresNotSet;
    }
    void TearDown() override { store_.reset(); }

    TestStore store_;
};

// A fresh project database `db_` (id `project_id_`) with the internal collections, dropped
// afterwards.
class ProjectDatabaseTest : public BackendTest {
protected:
    void SetUp() override {
        BackendTest::SetUp();
        if (IsSkipped()) return;
        project_id_ = "p" + ids::unique().substr(8);
        db_ = store_->project(project_id_);
        db_->ensure_collections(platform::project_collections());
    }
    void TearDown() override {
        db_.reset();
        if (store_ && !project_id_.empty()) store_->drop_project(project_id_);
        BackendTest::TearDown();
    }

    std::string project_id_;
    std::shared_ptr<db::Database> db_;
};

// A platform::Directory over the store and a fresh project `project_` ("Test") created in it,
// dropped afterwards.
class ProjectDirectoryTest : public BackendTest {
protected:
    void SetUp() override {
        BackendTest::SetUp();
        if (IsSkipped()) return;
        directory_ = std::make_unique<platform::Directory>(*store_);
        project_ = directory_->create_project("p" + ids::unique().substr(8), "Test");
    }
    void TearDown() override {
        if (store_ && !project_.id.empty()) store_->drop_project(project_.id);
        directory_.reset();
        BackendTest::TearDown();
    }

    std::unique_ptr<platform::Directory> directory_;
    platform::Project project_;
};

}  // namespace basalt::testing
