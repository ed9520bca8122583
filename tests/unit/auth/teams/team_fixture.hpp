// A project database with the internal collections on a real backend (SQLite in a temporary
// directory; PostgreSQL too when BASALT_TEST_POSTGRES_URL names a server), users, and the
// authorization a user acts with: the roles auth::user_roles derives from the user's
// memberships, read afresh each time, exactly as a request resolves them.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "auth/roles.hpp"
#include "auth/users.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/store.hpp"
#include "platform/collections.hpp"

namespace basalt::auth {

inline std::string error_type(const std::function<void()>& call) {
    try {
        call();
    } catch (const Error& e) {
        return std::string(e.info().type);
    }
    return "none";
}

class TeamFixture : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "postgres") {
            const char* url = std::getenv("BASALT_TEST_POSTGRES_URL");
            if (!url || !*url) GTEST_SKIP() << "BASALT_TEST_POSTGRES_URL is not set";
            store_ = db::open_store(url);
        } else {
            dir_ = std::filesystem::temp_directory_path() / ("basalt-teams-" + ids::unique());
            store_ = db::open_store("sqlite:" + dir_.string());
        }
        project_id_ = "p" + ids::unique().substr(8);
        db_ = store_->project(project_id_);
        db_->ensure_collections(platform::project_collections());
    }
    void TearDown() override {
        db_.reset();
        if (store_ && !project_id_.empty()) store_->drop_project(project_id_);
        store_.reset();
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }

    db::Document user(const std::string& email) {
        return create_user(
            *db_, {}, {.id = ids::unique(), .email = email, .phone = {}, .name = "N " + email});
    }

    // What a request by `user_id` acts with, from the memberships stored right now.
    db::Authorization as(const std::string& user_id) {
        const auto stored = require_user(*db_, user_id);
        return db::Authorization{
            user_roles(stored, documents_of_user(*db_, "memberships", user_id)), false};
    }

    bool has_role(const std::string& user_id, const std::string& role) {
        const auto roles = as(user_id).roles;
        return std::find(roles.begin(), roles.end(), role) != roles.end();
    }

    std::filesystem::path dir_;
    std::unique_ptr<db::Store> store_;
    std::string project_id_;
    std::shared_ptr<db::Database> db_;
};

}  // namespace basalt::auth
