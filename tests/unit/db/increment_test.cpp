// Atomic increments (Documents::increment_document) and encrypted attributes, on SQLite and
// PostgreSQL (BASALT_TEST_POSTGRES_URL; skipped without it).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/store.hpp"

namespace basalt::db {
namespace {
namespace json = boost::json;

const std::string kMaster(32, 'k');

struct SqliteBackend {
    static std::unique_ptr<Store> open(const std::filesystem::path& dir, const std::string& key) {
        return open_store("sqlite:" + dir.string(), StoreOptions{.master_key = key});
    }
};

struct PostgresBackend {
    static std::unique_ptr<Store> open(const std::filesystem::path&, const std::string& key) {
        const char* url = std::getenv("BASALT_TEST_POSTGRES_URL");
        if (url == nullptr || *url == '\0') return nullptr;
        return open_store(url, StoreOptions{.pool_size = 8, .master_key = key});
    }
};

template <typename Backend>
class Steps : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("basalt-inc-" + ids::unique());
        store_ = Backend::open(dir_, kMaster);
        if (!store_) GTEST_SKIP() << "BASALT_TEST_POSTGRES_URL is not set: PostgreSQL skipped";
        project_ = "t" + ids::unique();
        db_ = store_->project(project_);
        CollectionSchema s;
        s.id = "counters";
        s.attributes = {
            {"n", AttributeType::kInteger, 0, false, false, nullptr},
            {"f", AttributeType::kFloat, 0, false, false, nullptr},
            {"tags", AttributeType::kInteger, 0, false, true, nullptr},
            {"secret", AttributeType::kString, 200, false, false, nullptr, true},
            {"secrets", AttributeType::kString, 200, false, true, nullptr, true},
            {"label", AttributeType::kString, 20, false, false, "plain"},
        };
        s.permissions = {"read(\"users\")", "create(\"users\")"};
        s.document_security = true;
        db_->create_collection(s);
    }

    void TearDown() override {
        db_.reset();
        if (store_) store_->drop_project(project_);
        store_.reset();
        std::filesystem::remove_all(dir_);
    }

    Document put(const std::string& id, json::object data, std::vector<std::string> permissions = {}) {
        return db_->create_document(Authorization::internal(), "counters",
                                    Document{.id = id, .permissions = std::move(permissions), .data = std::move(data)});
    }

    static Increment by(json::value v, std::optional<double> min = {}, std::optional<double> max = {},
                        std::string attribute = "n") {
        return Increment{.attribute = std::move(attribute), .by = std::move(v), .min = min, .max = max};
    }

    std::filesystem::path dir_;
    std::unique_ptr<Store> store_;
    std::string project_;
    std::shared_ptr<Database> db_;
};

using Backends = ::testing::Types<SqliteBackend, PostgresBackend>;
struct BackendNames {
    template <typename T>
    static std::string GetName(int) {
        return std::is_same_v<T, SqliteBackend> ? "sqlite" : "postgres";
    }
};
TYPED_TEST_SUITE(Steps, Backends, BackendNames);

TYPED_TEST(Steps, AddsAndBumpsUpdatedAt) {
    const auto created = this->put("a", {{"n", 5}});
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
    auto out = this->db_->increment_document(Authorization::internal(), "counters", "a", this->by(3));
    ASSERT_TRUE(out);
    EXPECT_EQ(out->data.at("n").as_int64(), 8);
    EXPECT_GT(out->updated_at, created.updated_at);
    out = this->db_->increment_document(Authorization::internal(), "counters", "a", this->by(-10));
    EXPECT_EQ(out->data.at("n").as_int64(), -2);
    // A null value counts as 0; floats add as floats.
    this->put("b", json::object{});
    out = this->db_->increment_document(Authorization::internal(), "counters", "b", this->by(2.5, {}, {}, "f"));
    EXPECT_DOUBLE_EQ(out->data.at("f").template to_number<double>(), 2.5);
    out = this->db_->increment_document(Authorization::internal(), "counters", "b", this->by(4));
    EXPECT_EQ(out->data.at("n").as_int64(), 4);
}

TYPED_TEST(Steps, BoundsRefuseWithoutWriting) {
    this->put("a", {{"n", 8}, {"f", 1.0}});
    const Authorization key = Authorization::internal();
    EXPECT_FALSE(this->db_->increment_document(key, "counters", "a", this->by(3, {}, 10)));
    EXPECT_TRUE(this->db_->increment_document(key, "counters", "a", this->by(2, {}, 10)));  // exactly 10
    EXPECT_FALSE(this->db_->increment_document(key, "counters", "a", this->by(-11, 0, {})));
    EXPECT_FALSE(this->db_->increment_document(key, "counters", "a", this->by(0.5, {}, 1.2, "f")));
    EXPECT_EQ(this->db_->get_document(key, "counters", "a")->data.at("n").as_int64(), 10);
    // int64 overflow is refused, never wrapped or turned into a float.
    this->put("big", {{"n", INT64_MAX - 1}});
    EXPECT_FALSE(this->db_->increment_document(key, "counters", "big", this->by(2)));
    EXPECT_EQ(this->db_->increment_document(key, "counters", "big", this->by(1))->data.at("n").as_int64(), INT64_MAX);
    this->put("small", {{"n", INT64_MIN + 1}});
    EXPECT_FALSE(this->db_->increment_document(key, "counters", "small", this->by(-2)));
}

TYPED_TEST(Steps, PermissionsAndErrors) {
    const Authorization user{.roles = {"any", "users", "user:u1"}, .skip = false};
    const Authorization other{.roles = {"any", "users", "user:u2"}, .skip = false};
    this->put("mine", {{"n", 1}}, {"read(\"user:u1\")", "update(\"user:u1\")"});
    this->put("readonly", {{"n", 1}}, {"read(\"user:u2\")"});
    EXPECT_EQ(this->db_->increment_document(user, "counters", "mine", this->by(1))->data.at("n").as_int64(), 2);
    const auto expect = [&](ErrorType type, const Authorization& auth, const std::string& id, const Increment& step) {
        try {
            (void)this->db_->increment_document(auth, "counters", id, step);
            ADD_FAILURE() << "no error";
        } catch (const Error& e) {
            EXPECT_EQ(e.type(), type) << e.what();
        }
    };
    expect(ErrorType::kDocumentNotFound, user, "missing", this->by(1));
    expect(ErrorType::kDocumentNotFound, Authorization::guest(), "mine", this->by(1));  // not readable
    expect(ErrorType::kUserUnauthorized, other, "readonly", this->by(1));  // readable, no update
    expect(ErrorType::kUserUnauthorized, other, "mine", this->by(1));      // update is u1's
    expect(ErrorType::kGeneralArgumentInvalid, user, "mine", this->by(1, {}, {}, "tags"));
    expect(ErrorType::kGeneralArgumentInvalid, user, "mine", this->by(1, {}, {}, "label"));
    expect(ErrorType::kGeneralArgumentInvalid, user, "mine", this->by(1.5));  // a fraction on an integer
    EXPECT_EQ(this->db_->get_document(Authorization::internal(), "counters", "readonly")->data.at("n").as_int64(), 1);
}

TYPED_TEST(Steps, ConcurrentStepsAreNeverLost) {
    this->put("c", {{"n", 0}});
    // Two stores on one backend behave as two nodes (SQLite: two writers on one file).
    auto second = TypeParam::open(this->dir_, kMaster);
    auto db2 = second->project(this->project_);
    constexpr int kThreads = 8, kEach = 25;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            auto& db = t % 2 == 0 ? *this->db_ : *db2;
            for (int i = 0; i < kEach; ++i) {
                (void)db.increment_document(Authorization::internal(), "counters", "c", Steps<TypeParam>::by(1));
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(this->db_->get_document(Authorization::internal(), "counters", "c")->data.at("n").as_int64(),
              kThreads * kEach);
    // Inside a transaction the step sees and is seen by the transaction's writes.
    this->db_->transact([&](Documents& tx) {
        tx.update_document(Authorization::internal(), "counters", "c", DocumentPatch{.data = {{"n", 1000}}});
        auto out = tx.increment_document(Authorization::internal(), "counters", "c", Steps<TypeParam>::by(5));
        EXPECT_EQ(out->data.at("n").as_int64(), 1005);
    });
    EXPECT_THROW(this->db_->read([&](Documents& r) {
        (void)r.increment_document(Authorization::internal(), "counters", "c", Steps<TypeParam>::by(5));
    }),
                 Error);
}

TYPED_TEST(Steps, EncryptedAttributesRoundTripAndRefuseFilters) {
    const std::string plain = "the launch code is 0000";
    this->put("s", {{"secret", plain}, {"secrets", json::array{"one", "two"}}});
    auto read = this->db_->get_document(Authorization::internal(), "counters", "s");
    EXPECT_EQ(read->data.at("secret").as_string(), plain);
    EXPECT_EQ(read->data.at("secrets"), (json::array{"one", "two"}));
    auto page = this->db_->list_documents(Authorization::internal(), "counters",
                                          parse_queries(std::vector<std::string>{R"({"method":"orderAsc","attribute":"secret"})"}));
    ASSERT_EQ(page.documents.size(), 1U);
    EXPECT_EQ(page.documents[0].data.at("secret").as_string(), plain);
    auto updated = this->db_->update_document(Authorization::internal(), "counters", "s",
                                              DocumentPatch{.data = {{"secret", "changed"}}});
    EXPECT_EQ(updated.data.at("secret").as_string(), "changed");
    // The size applies to the plain text.
    EXPECT_THROW(this->db_->update_document(Authorization::internal(), "counters", "s",
                                            DocumentPatch{.data = {{"secret", std::string(201, 'x')}}}),
                 Error);
    for (const char* q : {R"({"method":"equal","attribute":"secret","values":["changed"]})",
                          R"({"method":"isNull","attribute":"secret"})",
                          R"({"method":"exists","values":["secret"]})",
                          R"({"method":"or","values":[{"method":"equal","attribute":"label","values":["x"]},{"method":"startsWith","attribute":"secrets","values":["o"]}]})"}) {
        try {
            (void)this->db_->list_documents(Authorization::internal(), "counters", parse_queries(std::vector<std::string>{q}));
            ADD_FAILURE() << q;
        } catch (const Error& e) {
            EXPECT_EQ(e.type(), ErrorType::kGeneralQueryInvalid);
            EXPECT_NE(std::string(e.what()).find("Invalid query: Cannot query encrypted attribute: secret"),
                      std::string::npos)
                << e.what();
        }
    }
    // Another master key (or none) cannot read the values: they are not stored in the clear.
    auto stranger = TypeParam::open(this->dir_, std::string(32, 'z'));
    EXPECT_THROW((void)stranger->project(this->project_)->get_document(Authorization::internal(), "counters", "s"),
                 Error);
    auto keyless = TypeParam::open(this->dir_, "");
    EXPECT_THROW((void)keyless->project(this->project_)->get_document(Authorization::internal(), "counters", "s"),
                 Error);
    auto same = TypeParam::open(this->dir_, kMaster);
    EXPECT_EQ(same->project(this->project_)->get_document(Authorization::internal(), "counters", "s")->data.at("secret"),
              "changed");
}

}  // namespace
}  // namespace basalt::db
