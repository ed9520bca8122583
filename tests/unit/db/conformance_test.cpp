// One suite, every backend: the same expectations on SQLite and on PostgreSQL.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/store.hpp"

namespace basalt::db {
namespace {
namespace json = boost::json;

struct SqliteBackend {
    static std::unique_ptr<Store> open(std::filesystem::path& dir) {
        dir = std::filesystem::temp_directory_path() / ("basalt-db-" + ids::unique());
        return open_store("sqlite:" + dir.string());
    }
};

struct PostgresBackend {
    static std::unique_ptr<Store> open(std::filesystem::path&) {
        const char* url = std::getenv("BASALT_TEST_POSTGRES_URL");
        if (url == nullptr || *url == '\0') return nullptr;
        return open_store(url, StoreOptions{.pool_size = 6});
    }
};

template <typename Backend>
class Conformance : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = Backend::open(dir_);
        if (!store_) {
            GTEST_SKIP() << "BASALT_TEST_POSTGRES_URL is not set: PostgreSQL conformance skipped";
        }
        project_ = "t" + ids::unique();
        db_ = store_->project(project_);
    }

    void TearDown() override {
        db_.reset();
        if (store_) store_->drop_project(project_);
        store_.reset();
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }

    // people: name (required), age, score, active, born, tags[], bio (fulltext), email (unique)
    void make_people(std::vector<std::string> permissions = {"read(\"any\")", "create(\"any\")",
                                                             "update(\"any\")", "delete(\"any\")"},
                     bool document_security = false) {
        CollectionSchema s;
        s.id = "people";
        s.attributes = {
            {"name", AttributeType::kString, 32, true, false, nullptr},
            {"age", AttributeType::kInteger, 0, false, false, nullptr},
            {"score", AttributeType::kFloat, 0, false, false, nullptr},
            {"active", AttributeType::kBoolean, 0, false, false, true},
            {"born", AttributeType::kDatetime, 0, false, false, nullptr},
            {"tags", AttributeType::kString, 16, false, true, nullptr},
            {"bio", AttributeType::kString, 500, false, false, nullptr},
            {"email", AttributeType::kString, 64, false, false, nullptr},
        };
        s.indexes = {
            {"bio_ft", IndexType::kFulltext, {"bio"}, {}, {}},
            {"email_u", IndexType::kUnique, {"email"}, {}, {}},
            {"age_k", IndexType::kKey, {"age", "name"}, {SortOrder::kAsc, SortOrder::kDesc}, {}}};
        s.permissions = std::move(permissions);
        s.document_security = document_security;
        db_->create_collection(s);
    }

    Document put(const std::string& id, json::object data,
                 std::vector<std::string> permissions = {}) {
        Document d;
        d.id = id;
        d.data = std::move(data);
        d.permissions = std::move(permissions);
        return db_->create_document(Authorization::internal(), "people", std::move(d));
    }

    void seed() {
        make_people();
        put("ann", {{"name", "Ann"},
                    {"age", 31},
                    {"score", 1.5},
                    {"born", "1990-01-01"},
                    {"tags", json::array{"a", "b"}},
                    {"bio", "loves green tea"},
                    {"email", "ann@x.io"}});
        put("bob", {{"name", "Bob"},
                    {"age", 25},
                    {"score", 2.5},
                    {"active", false},
                    {"born", "1995-06-15T12:00:00Z"},
                    {"tags", json::array{"b"}},
                    {"bio", "plays chess"}});
        put("cid", {{"name", "Cid_%"},
                    {"age", 40},
                    {"tags", json::array{"c", "a"}},
                    {"bio", "green chess clubs"}});
        put("dee", {{"name", "Dee"}, {"score", 9.0}, {"born", "2001-02-03T04:05:06.789+02:00"}});
        put("eve", {{"name", "eve"}, {"age", 25}, {"tags", json::array()}});
    }

    std::vector<std::string> ids_of(const std::vector<std::string>& queries,
                                    const Authorization& auth = Authorization::internal()) {
        auto parsed = parse_queries(queries);
        std::vector<std::string> out;
        for (const auto& d : db_->list_documents(auth, "people", parsed).documents) {
            out.push_back(d.id);
        }
        return out;
    }

    std::set<std::string> set_of(const std::string& query) {
        auto v = ids_of({query});
        return {v.begin(), v.end()};
    }

    static void expect_error(ErrorType type, const std::function<void()>& fn,
                             const std::string& fragment = "") {
        try {
            fn();
            ADD_FAILURE() << "no error thrown";
        } catch (const Error& e) {
            EXPECT_EQ(e.type(), type) << e.what();
            if (!fragment.empty()) {
                EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
            }
        }
    }

    std::filesystem::path dir_;
    std::unique_ptr<Store> store_;
    std::string project_;
    std::shared_ptr<Database> db_;
};

using Backends = ::testing::Types<SqliteBackend, PostgresBackend>;
class BackendNames {
public:
    template <typename T>
    static std::string GetName(int) {
        return std::is_same_v<T, SqliteBackend> ? "Sqlite" : "Postgres";
    }
};
TYPED_TEST_SUITE(Conformance, Backends, BackendNames);

TYPED_TEST(Conformance, CreateAndGetRoundTrip) {
    this->make_people();
    auto created = this->put("ann",
                             {{"name", "Ann"},
                              {"age", 31},
                              {"score", 2},
                              {"born", "2020-10-15T08:38:00.5+02:00"},
                              {"tags", json::array{"x", "y"}}},
                             {"read(\"any\")", "write(\"user:u1\")"});
    EXPECT_EQ(created.id, "ann");
    EXPECT_GT(created.sequence, 0);
    EXPECT_GT(created.created_at, 0);
    EXPECT_EQ(created.created_at, created.updated_at);
    EXPECT_EQ(created.permissions, (std::vector<std::string>{"read(\"any\")", "update(\"user:u1\")",
                                                             "delete(\"user:u1\")"}));
    auto got = this->db_->get_document(Authorization::internal(), "people", "ann");
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->data.at("name"), "Ann");
    EXPECT_EQ(got->data.at("age").as_int64(), 31);
    EXPECT_DOUBLE_EQ(got->data.at("score").as_double(), 2.0);
    EXPECT_EQ(got->data.at("active"), true);  // default
    EXPECT_EQ(got->data.at("born"), "2020-10-15T06:38:00.500+00:00");
    EXPECT_EQ(got->data.at("tags"), (json::array{"x", "y"}));
    EXPECT_TRUE(got->data.at("bio").is_null());
    EXPECT_EQ(got->sequence, created.sequence);
    EXPECT_FALSE(this->db_->get_document(Authorization::internal(), "people", "nobody"));
    auto generated = this->put("", {{"name", "Gen"}});
    EXPECT_EQ(generated.id.size(), 20u);
    EXPECT_EQ(this->put("unique()", {{"name", "Gen"}}).id.size(), 20u);
}

TYPED_TEST(Conformance, ValidationErrorsNameTheAttribute) {
    this->make_people();
    auto bad = [&](json::object data, const std::string& fragment) {
        this->expect_error(
            ErrorType::kDocumentInvalidStructure, [&] { this->put("", data); }, fragment);
    };
    bad({{"age", 3}}, "Missing required attribute \"name\"");
    bad({{"name", nullptr}}, "\"name\"");
    bad({{"name", "x"}, {"nope", 1}}, "Unknown attribute: \"nope\"");
    bad({{"name", 12}}, "\"name\"");
    bad({{"name", std::string(33, 'x')}}, "no longer than 32");
    bad({{"name", "x"}, {"age", "3"}}, "\"age\"");
    bad({{"name", "x"}, {"age", 1.5}}, "\"age\"");
    bad({{"name", "x"}, {"active", 1}}, "\"active\"");
    bad({{"name", "x"}, {"born", "not a date"}}, "\"born\"");
    bad({{"name", "x"}, {"tags", "a"}}, "must be an array");
    bad({{"name", "x"}, {"tags", json::array{1}}}, "\"tags\"");
    bad({{"name", "x"}, {"age", json::array{1}}}, "must not be an array");
    EXPECT_NO_THROW(this->put("", {{"name", std::string(32, 'x')}}));
    EXPECT_NO_THROW(this->put("", {{"name", "\xc3\xa9\xc3\xa9"}}));  // 2 chars, 4 bytes
    this->expect_error(ErrorType::kGeneralArgumentInvalid, [&] {
        this->put("_bad", {{"name", "x"}});
    });
    this->expect_error(ErrorType::kGeneralArgumentInvalid, [&] {
        this->put("", {{"name", "x"}}, {"read(\"someone\")"});
    });
    this->expect_error(ErrorType::kGeneralArgumentInvalid, [&] {
        this->put("", {{"name", "x"}}, {"create(\"any\")"});
    });
    EXPECT_EQ(this->db_->count_documents(Authorization::internal(), "people", {}), 2);
}

TYPED_TEST(Conformance, DuplicatesAndUniqueIndexes) {
    this->make_people();
    this->put("a", {{"name", "A"}, {"email", "same@x.io"}});
    this->expect_error(ErrorType::kDocumentAlreadyExists, [&] { this->put("a", {{"name", "B"}}); });
    this->expect_error(ErrorType::kDocumentUniqueConstraintViolation, [&] {
        this->put("b", {{"name", "B"}, {"email", "same@x.io"}});
    });
    this->put("c", {{"name", "C"}, {"email", "other@x.io"}});
    this->expect_error(ErrorType::kDocumentUniqueConstraintViolation, [&] {
        this->db_->update_document(Authorization::internal(), "people", "c",
                                   {{{"email", "same@x.io"}}, std::nullopt});
    });
    this->put("d", {{"name", "D"}});  // nulls never collide
    this->put("e", {{"name", "E"}});
    EXPECT_EQ(this->db_->count_documents(Authorization::internal(), "people", {}), 4);
    this->expect_error(ErrorType::kCollectionNotFound, [&] {
        this->db_->update_document(Authorization::internal(), "missing", "x", {});
    });
}

TYPED_TEST(Conformance, UpdateAndDelete) {
    this->make_people();
    auto before = this->put("a", {{"name", "A"}, {"age", 1}, {"tags", json::array{"t"}}});
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
    auto after = this->db_->update_document(
        Authorization::internal(), "people", "a",
        {{{"age", 2}, {"tags", nullptr}}, std::vector<std::string>{"read(\"users\")"}});
    EXPECT_EQ(after.data.at("name"), "A");
    EXPECT_EQ(after.data.at("age").as_int64(), 2);
    EXPECT_TRUE(after.data.at("tags").is_null());
    EXPECT_EQ(after.permissions, std::vector<std::string>{"read(\"users\")"});
    EXPECT_GT(after.updated_at, before.updated_at);
    EXPECT_EQ(after.created_at, before.created_at);
    this->expect_error(
        ErrorType::kDocumentInvalidStructure,
        [&] {
            this->db_->update_document(Authorization::internal(), "people", "a",
                                       {{{"name", nullptr}}, std::nullopt});
        },
        "name");
    this->expect_error(
        ErrorType::kDocumentInvalidStructure,
        [&] {
            this->db_->update_document(Authorization::internal(), "people", "a", {{{"x", 1}}, {}});
        },
        "x");
    this->expect_error(ErrorType::kDocumentNotFound, [&] {
        this->db_->update_document(Authorization::internal(), "people", "zz", {});
    });
    this->db_->delete_document(Authorization::internal(), "people", "a");
    EXPECT_FALSE(this->db_->get_document(Authorization::internal(), "people", "a"));
    this->expect_error(ErrorType::kDocumentNotFound, [&] {
        this->db_->delete_document(Authorization::internal(), "people", "a");
    });
    this->put("a", {{"name", "again"}});  // the id is free again
}

TYPED_TEST(Conformance, EveryFilterMethod) {
    this->seed();
    using S = std::set<std::string>;
    auto q = [&](const std::string& method, const std::string& attr, const std::string& values) {
        return this->set_of(R"({"method":")" + method + R"(","attribute":")" + attr +
                            R"(","values":)" + values + "}");
    };
    EXPECT_EQ(q("equal", "age", "[25]"), (S{"bob", "eve"}));
    EXPECT_EQ(q("equal", "name", R"(["Ann","Dee"])"), (S{"ann", "dee"}));
    EXPECT_EQ(q("equal", "active", "[false]"), (S{"bob"}));
    EXPECT_EQ(q("notEqual", "age", "[25]"), (S{"ann", "cid"}));
    EXPECT_EQ(q("lessThan", "age", "[31]"), (S{"bob", "eve"}));
    EXPECT_EQ(q("lessThanEqual", "age", "[31]"), (S{"ann", "bob", "eve"}));
    EXPECT_EQ(q("greaterThan", "score", "[2]"), (S{"bob", "dee"}));
    EXPECT_EQ(q("greaterThanEqual", "score", "[2.5]"), (S{"bob", "dee"}));
    EXPECT_EQ(q("between", "age", "[25,31]"), (S{"ann", "bob", "eve"}));
    EXPECT_EQ(q("notBetween", "age", "[26,40]"), (S{"bob", "eve"}));
    EXPECT_EQ(q("isNull", "age", "[]"), (S{"dee"}));
    EXPECT_EQ(q("isNotNull", "score", "[]"), (S{"ann", "bob", "dee"}));
    EXPECT_EQ(q("startsWith", "name", R"(["Ci"])"), (S{"cid"}));
    EXPECT_EQ(q("startsWith", "name", R"(["ci"])"), S{});  // case-sensitive
    EXPECT_EQ(q("notStartsWith", "name", R"(["A"])"), (S{"bob", "cid", "dee", "eve"}));
    EXPECT_EQ(q("endsWith", "name", R"(["_%"])"), (S{"cid"}));  // wildcards are literal
    EXPECT_EQ(q("notEndsWith", "name", R"(["e"])"), (S{"ann", "bob", "cid"}));
    EXPECT_EQ(q("contains", "name", R"(["n"])"), (S{"ann"}));
    EXPECT_EQ(q("contains", "tags", R"(["a"])"), (S{"ann", "cid"}));
    EXPECT_EQ(q("notContains", "tags", R"(["a"])"), (S{"bob", "eve"}));
    EXPECT_EQ(q("containsAny", "tags", R"(["c","b"])"), (S{"ann", "bob", "cid"}));
    EXPECT_EQ(q("containsAll", "tags", R"(["a","b"])"), (S{"ann"}));
    EXPECT_EQ(q("search", "bio", R"(["green"])"), (S{"ann", "cid"}));
    EXPECT_EQ(q("search", "bio", R"(["chess tea"])"), (S{"ann", "bob", "cid"}));
    EXPECT_EQ(q("search", "bio", R"(["gre"])"), (S{"ann", "cid"}));  // prefix
    EXPECT_EQ(q("notSearch", "bio", R"(["chess"])"), (S{"ann", "dee", "eve"}));
    EXPECT_EQ(q("regex", "name", R"(["^[A-C][a-z]+$"])"), (S{"ann", "bob"}));
    EXPECT_EQ(this->set_of(R"({"method":"exists","values":["age","score"]})"), (S{"ann", "bob"}));
    EXPECT_EQ(this->set_of(R"({"method":"notExists","values":["tags"]})"), (S{"dee"}));
    EXPECT_EQ(
        this->set_of(
            R"({"method":"or","values":[{"method":"equal","attribute":"name","values":["Dee"]},)"
            R"({"method":"and","values":[{"method":"equal","attribute":"age","values":[25]},)"
            R"({"method":"equal","attribute":"active","values":[true]}]}]})"),
        (S{"dee", "eve"}));
    // meta attributes
    EXPECT_EQ(q("equal", "$id", R"(["bob"])"), (S{"bob"}));
    auto bob = *this->db_->get_document(Authorization::internal(), "people", "bob");
    EXPECT_EQ(q("greaterThan", "$sequence", "[\"" + std::to_string(bob.sequence) + "\"]"),
              (S{"cid", "dee", "eve"}));
    EXPECT_EQ(q("lessThan", "$createdAt", R"(["2100-01-01"])").size(), 5u);
    EXPECT_EQ(q("greaterThan", "$updatedAt", R"(["2100-01-01"])").size(), 0u);
    EXPECT_EQ(q("lessThan", "born", R"(["1995-06-15T12:00:00.001Z"])"), (S{"ann", "bob"}));
    // several filters are ANDed
    EXPECT_EQ(this->ids_of({R"({"method":"equal","attribute":"age","values":[25]})",
                            R"({"method":"isNotNull","attribute":"score"})"}),
              std::vector<std::string>{"bob"});
}

TYPED_TEST(Conformance, QueryErrorsAsAppwrite) {
    this->seed();
    auto bad = [&](const std::string& query, const std::string& fragment) {
        this->expect_error(
            ErrorType::kGeneralQueryInvalid, [&] { this->ids_of({query}); }, fragment);
    };
    bad(R"({"method":"search","attribute":"name","values":["x"]})", "requires a fulltext index");
    bad(R"({"method":"equal","attribute":"nope","values":[1]})", "Attribute not found");
    bad(R"({"method":"equal","attribute":"tags","values":["a"]})", "array");
    bad(R"({"method":"equal","attribute":"age","values":["x"]})", "age");
    bad(R"({"method":"intersects","attribute":"age","values":[[1,2]]})",
        "Spatial query \"intersects\" cannot be applied on non-spatial attribute: age");
    this->expect_error(ErrorType::kGeneralCursorNotFound,
                       [&] { this->ids_of({R"({"method":"cursorAfter","values":["zzz"]})"}); });
    this->expect_error(ErrorType::kGeneralQueryInvalid, [&] {
        this->db_->get_document(
            Authorization::internal(), "people", "ann",
            parse_queries(std::vector<std::string>{R"({"method":"limit","values":[1]})"}));
    });
    this->expect_error(ErrorType::kCollectionNotFound,
                       [&] { this->db_->list_documents(Authorization::internal(), "nope", {}); });
}

TYPED_TEST(Conformance, SelectOrderLimitOffsetTotal) {
    this->seed();
    auto page = this->db_->list_documents(
        Authorization::internal(), "people",
        parse_queries(std::vector<std::string>{R"({"method":"select","values":["name","$id"]})",
                                               R"({"method":"orderDesc","attribute":"age"})",
                                               R"({"method":"orderAsc","attribute":"name"})",
                                               R"({"method":"limit","values":[3]})",
                                               R"({"method":"offset","values":[1]})"}));
    EXPECT_EQ(page.total, 5);
    ASSERT_EQ(page.documents.size(), 3u);
    // age desc (nulls last), name asc: cid 40, ann 31, bob 25, eve 25, dee null
    EXPECT_EQ(page.documents[0].id, "ann");
    EXPECT_EQ(page.documents[1].id, "bob");
    EXPECT_EQ(page.documents[2].id, "eve");
    EXPECT_EQ(page.documents[0].data.size(), 1u);
    EXPECT_EQ(page.documents[0].data.at("name"), "Ann");
    EXPECT_EQ(this->ids_of({R"({"method":"orderAsc","attribute":"age"})",
                            R"({"method":"orderDesc","attribute":"$id"})"}),
              (std::vector<std::string>{"dee", "eve", "bob", "ann", "cid"}));
    EXPECT_EQ(this->ids_of({}), (std::vector<std::string>{"ann", "bob", "cid", "dee", "eve"}));
    auto random = this->ids_of({R"({"method":"orderRandom"})"});
    EXPECT_EQ(std::set<std::string>(random.begin(), random.end()).size(), 5u);
    auto no_total = this->db_->list_documents(Authorization::internal(), "people",
                                              std::vector<Query>{Query::limit(1)},
                                              ListOptions{.with_total = false});
    EXPECT_EQ(no_total.total, 0);
    EXPECT_EQ(no_total.documents.size(), 1u);
    EXPECT_EQ(this->db_->count_documents(Authorization::internal(), "people", {}, 3), 3);
    auto filtered =
        this->db_->list_documents(Authorization::internal(), "people",
                                  std::vector<Query>{Query::equal("age", {25}), Query::limit(1)});
    EXPECT_EQ(filtered.total, 2);
    EXPECT_EQ(filtered.documents.size(), 1u);
    // Short pages (the total follows from the page) and a page past the end (it is counted).
    const auto total_and_size = [&](std::vector<Query> queries) {
        auto listed = this->db_->list_documents(Authorization::internal(), "people", queries);
        return std::pair{listed.total, listed.documents.size()};
    };
    EXPECT_EQ(total_and_size({Query::limit(3), Query::offset(3)}),
              (std::pair<std::int64_t, std::size_t>{5, 2}));
    EXPECT_EQ(total_and_size({Query::equal("age", {25}), Query::limit(5)}),
              (std::pair<std::int64_t, std::size_t>{2, 2}));
    EXPECT_EQ(total_and_size({Query::limit(3), Query::offset(9)}),
              (std::pair<std::int64_t, std::size_t>{5, 0}));
    EXPECT_EQ(total_and_size({Query::equal("age", {99})}),
              (std::pair<std::int64_t, std::size_t>{0, 0}));
}

TYPED_TEST(Conformance, CursorPaginationBothWaysMissesNothing) {
    this->make_people();
    // 23 documents; age repeats and is sometimes null so the tie-breaker matters.
    std::vector<std::string> all;
    for (int i = 0; i < 23; ++i) {
        json::object data{{"name", "n" + std::to_string(i)}};
        if (i % 5 != 0) data["age"] = i % 4;
        all.push_back(this->put(fmt::format("d{:02}", i), data).id);
    }
    for (const char* order : {"orderAsc", "orderDesc"}) {
        std::string order_query = std::string(R"({"method":")") + order + R"(","attribute":"age"})";
        std::vector<std::string> forward;
        std::string cursor;
        for (int guard = 0; guard < 20; ++guard) {
            std::vector<std::string> qs = {order_query, R"({"method":"limit","values":[4]})"};
            if (!cursor.empty())
                qs.push_back(R"({"method":"cursorAfter","values":[")" + cursor + "\"]}");
            auto page = this->ids_of(qs);
            if (page.empty()) break;
            forward.insert(forward.end(), page.begin(), page.end());
            cursor = page.back();
        }
        ASSERT_EQ(forward.size(), all.size()) << order;
        EXPECT_EQ(std::set<std::string>(forward.begin(), forward.end()).size(), all.size());
        EXPECT_EQ(this->ids_of({order_query, R"({"method":"limit","values":[100]})"}), forward);
        // Walk back from the end with cursorBefore: same rows, same order.
        std::vector<std::string> backward;
        cursor = forward.back();
        backward.push_back(cursor);
        for (int guard = 0; guard < 20; ++guard) {
            auto page = this->ids_of({order_query, R"({"method":"limit","values":[4]})",
                                      R"({"method":"cursorBefore","values":[")" + cursor + "\"]}"});
            if (page.empty()) break;
            backward.insert(backward.begin(), page.begin(), page.end());
            cursor = page.front();
        }
        EXPECT_EQ(backward, forward) << order;
    }
}

TYPED_TEST(Conformance, CollectionLevelPermissions) {
    this->make_people({"read(\"users\")", "create(\"team:t1/editor\")", "update(\"user:u1\")"});
    Authorization guest = Authorization::guest();
    Authorization user{{"any", "users", "user:u1"}, false};
    Authorization editor{{"any", "users", "user:u2", "team:t1", "team:t1/editor"}, false};
    Document d;
    d.id = "a";
    d.data = {{"name", "A"}};
    this->expect_error(ErrorType::kUserUnauthorized,
                       [&] { this->db_->create_document(user, "people", d); });
    EXPECT_NO_THROW(this->db_->create_document(editor, "people", d));
    EXPECT_TRUE(this->db_->get_document(user, "people", "a"));
    EXPECT_FALSE(this->db_->get_document(guest, "people", "a"));
    this->expect_error(ErrorType::kUserUnauthorized,
                       [&] { this->db_->list_documents(guest, "people", {}); });
    EXPECT_EQ(this->db_->list_documents(user, "people", {}).total, 1);
    EXPECT_NO_THROW(this->db_->update_document(user, "people", "a", {{{"age", 3}}, {}}));
    this->expect_error(ErrorType::kUserUnauthorized,
                       [&] { this->db_->update_document(editor, "people", "a", {}); });
    this->expect_error(ErrorType::kUserUnauthorized,
                       [&] { this->db_->delete_document(user, "people", "a"); });
    this->expect_error(ErrorType::kDocumentNotFound,
                       [&] { this->db_->delete_document(guest, "people", "a"); });
    // Without document security, document permissions grant nothing.
    this->put("b", {{"name", "B"}}, {"read(\"any\")", "delete(\"any\")"});
    EXPECT_FALSE(this->db_->get_document(guest, "people", "b"));
    this->expect_error(ErrorType::kUserUnauthorized,
                       [&] { this->db_->delete_document(user, "people", "b"); });
    this->db_->update_collection("people", {"read(\"any\")"}, false);
    EXPECT_TRUE(this->db_->get_document(guest, "people", "b"));
}

TYPED_TEST(Conformance, DocumentLevelPermissions) {
    this->make_people({"create(\"users\")"}, true);
    this->put("mine", {{"name", "M"}, {"age", 1}}, {"read(\"user:u1\")", "write(\"user:u1\")"});
    this->put("team", {{"name", "T"}, {"age", 2}}, {"read(\"team:t1/editor\")"});
    this->put("public", {{"name", "P"}, {"age", 3}}, {"read(\"any\")"});
    this->put("hidden", {{"name", "H"}, {"age", 4}}, {"read(\"label:vip\")"});
    Authorization u1{{"any", "users", "user:u1"}, false};
    Authorization editor{{"any", "users", "user:u2", "team:t1", "team:t1/editor"}, false};
    Authorization nobody{{}, false};
    auto visible = [&](const Authorization& auth) {
        std::set<std::string> out;
        for (const auto& d :
             this->db_->list_documents(auth, "people", std::vector<Query>{Query::limit(100)})
                 .documents) {
            out.insert(d.id);
        }
        return out;
    };
    EXPECT_EQ(visible(u1), (std::set<std::string>{"mine", "public"}));
    EXPECT_EQ(visible(editor), (std::set<std::string>{"team", "public"}));
    EXPECT_EQ(visible(Authorization::guest()), (std::set<std::string>{"public"}));
    EXPECT_EQ(visible(nobody), std::set<std::string>{});
    EXPECT_EQ(visible(Authorization::internal()).size(), 4u);
    EXPECT_EQ(this->db_->count_documents(u1, "people", {}), 2);
    EXPECT_EQ(this->db_->list_documents(editor, "people", {}).total, 2);
    EXPECT_TRUE(this->db_->get_document(editor, "people", "team"));
    EXPECT_FALSE(this->db_->get_document(editor, "people", "mine"));
    // A cursor the caller cannot read is unknown to it.
    this->expect_error(ErrorType::kGeneralCursorNotFound, [&] {
        this->db_->list_documents(editor, "people",
                                  std::vector<Query>{Query::cursor_after("mine")});
    });
    EXPECT_NO_THROW(this->db_->update_document(u1, "people", "mine", {{{"age", 9}}, {}}));
    this->expect_error(ErrorType::kUserUnauthorized,
                       [&] { this->db_->update_document(u1, "people", "public", {}); });
    this->expect_error(ErrorType::kDocumentNotFound,
                       [&] { this->db_->update_document(u1, "people", "hidden", {}); });
    // Permissions replaced on update are what later reads see.
    this->db_->update_document(Authorization::internal(), "people", "hidden",
                               {{}, std::vector<std::string>{"read(\"user:u1\")"}});
    EXPECT_EQ(visible(u1), (std::set<std::string>{"mine", "public", "hidden"}));
    this->db_->delete_document(u1, "people", "mine");
    EXPECT_EQ(visible(u1), (std::set<std::string>{"public", "hidden"}));
    // A transaction's list sees the grants it has not committed yet; a rolled-back grant is gone.
    EXPECT_THROW(this->db_->transact([&](Documents& tx) {
        Document granted;
        granted.id = "staged";
        granted.data = {{"name", "S"}, {"age", 5}};
        granted.permissions = {"read(\"user:u1\")"};
        tx.create_document(Authorization::internal(), "people", granted);
        EXPECT_EQ(tx.list_documents(u1, "people", std::vector<Query>{Query::limit(100)}).total, 3);
        EXPECT_EQ(tx.count_documents(u1, "people", {}), 3);
        throw std::runtime_error("roll back");
    }), std::runtime_error);
    EXPECT_EQ(visible(u1), (std::set<std::string>{"public", "hidden"}));
    // Collection-level read still grants everything.
    this->db_->update_collection("people", {"read(\"users\")", "create(\"users\")"}, true);
    EXPECT_EQ(visible(u1).size(), 3u);
}

TYPED_TEST(Conformance, ReadsShareOneHandleAndRefuseWrites) {
    this->make_people();
    auto internal = Authorization::internal();
    Document a;
    a.id = "r1";
    a.data = {{"name", "R1"}};
    this->db_->create_document(internal, "people", a);
    std::optional<Document> got;
    std::int64_t listed = 0;
    this->db_->read([&](Documents& docs) {
        got = docs.get_document(internal, "people", "r1");
        listed = docs.list_documents(internal, "people", {}).total;
        EXPECT_EQ(docs.count_documents(internal, "people", {}), listed);
    });
    ASSERT_TRUE(got);
    EXPECT_EQ(got->data.at("name").as_string(), "R1");
    EXPECT_EQ(listed, 1);
    this->expect_error(ErrorType::kGeneralServerError, [&] {
        this->db_->read([&](Documents& docs) { docs.delete_document(internal, "people", "r1"); });
    });
    EXPECT_TRUE(this->db_->get_document(internal, "people", "r1"));
    // A failed read leaves the connection usable: the next read works.
    this->expect_error(ErrorType::kCollectionNotFound, [&] {
        this->db_->read([&](Documents& docs) { docs.get_document(internal, "nothing", "x"); });
    });
    this->db_->read(
        [&](Documents& docs) { EXPECT_TRUE(docs.get_document(internal, "people", "r1")); });
}

TYPED_TEST(Conformance, TransactionsCommitOrLeaveNothing) {
    this->make_people();
    auto internal = Authorization::internal();
    this->db_->transact([&](Documents& tx) {
        Document a;
        a.id = "t1";
        a.data = {{"name", "T1"}};
        tx.create_document(internal, "people", a);
        EXPECT_TRUE(tx.get_document(internal, "people", "t1"));  // own writes visible
        tx.update_document(internal, "people", "t1", {{{"age", 5}}, {}});
        EXPECT_EQ(tx.list_documents(internal, "people", {}).total, 1);
    });
    EXPECT_EQ(this->db_->get_document(internal, "people", "t1")->data.at("age").as_int64(), 5);

    this->expect_error(ErrorType::kDocumentAlreadyExists, [&] {
        this->db_->transact([&](Documents& tx) {
            Document b;
            b.id = "t2";
            b.data = {{"name", "T2"}};
            tx.create_document(internal, "people", b);
            tx.delete_document(internal, "people", "t1");
            b.id = "t1";
            tx.create_document(internal, "people", b);
            b.id = "t2";
            tx.create_document(internal, "people", b);  // duplicate: everything rolls back
        });
    });
    EXPECT_FALSE(this->db_->get_document(internal, "people", "t2"));
    EXPECT_TRUE(this->db_->get_document(internal, "people", "t1"));
    EXPECT_THROW(this->db_->transact([&](Documents& tx) {
        tx.delete_document(internal, "people", "t1");
        throw std::runtime_error("caller gave up");
    }),
                 std::runtime_error);
    EXPECT_TRUE(this->db_->get_document(internal, "people", "t1"));
    // A failed single write leaves nothing either (unique index after the row insert).
    this->put("u1", {{"name", "U"}, {"email", "e@x.io"}}, {"read(\"any\")"});
    this->expect_error(ErrorType::kDocumentUniqueConstraintViolation, [&] {
        this->put("u2", {{"name", "U"}, {"email", "e@x.io"}}, {"read(\"any\")"});
    });
    EXPECT_EQ(this->db_->count_documents(internal, "people", {}), 2);
}

TYPED_TEST(Conformance, ConcurrentWritersAndReaders) {
    this->make_people();
    constexpr int kThreads = 4;
    constexpr int kPerThread = 40;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            try {
                for (int i = 0; i < kPerThread; ++i) {
                    auto id = fmt::format("w{}-{}", t, i);
                    this->put(id, {{"name", id}, {"age", i}});
                    if (!this->db_->get_document(Authorization::internal(), "people", id)) {
                        ++failures;
                    }
                    if (i % 10 == 0) {
                        this->db_->list_documents(Authorization::internal(), "people",
                                                  std::vector<Query>{Query::equal("age", {i})});
                    }
                }
            } catch (const std::exception& e) {
                ADD_FAILURE() << e.what();
                ++failures;
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(this->db_->count_documents(Authorization::internal(), "people", {}),
              kThreads * kPerThread);
    auto all = this->db_->list_documents(Authorization::internal(), "people",
                                         std::vector<Query>{Query::limit(5000)});
    std::set<std::int64_t> sequences;
    for (const auto& d : all.documents) sequences.insert(d.sequence);
    EXPECT_EQ(sequences.size(), static_cast<std::size_t>(kThreads * kPerThread));
}

TYPED_TEST(Conformance, SchemaChanges) {
    this->make_people();
    this->put("a", {{"name", "A"}, {"email", "x@x.io"}});
    this->put("b", {{"name", "B"}, {"email", "x2@x.io"}, {"age", 2}});
    this->expect_error(ErrorType::kCollectionAlreadyExists, [&] { this->make_people(); });
    Attribute level{"level", AttributeType::kInteger, 0, false, false, 7};
    this->db_->create_attribute("people", level);
    EXPECT_EQ(this->db_->get_document(Authorization::internal(), "people", "a")
                  ->data.at("level")
                  .as_int64(),
              7);
    this->expect_error(ErrorType::kAttributeAlreadyExists,
                       [&] { this->db_->create_attribute("people", level); });
    this->expect_error(ErrorType::kAttributeDefaultUnsupported, [&] {
        this->db_->create_attribute("people", {"x", AttributeType::kInteger, 0, true, false, 1});
    });
    this->expect_error(ErrorType::kIndexDependency,
                       [&] { this->db_->drop_attribute("people", "email"); });
    this->db_->create_index("people", {"level_k", IndexType::kKey, {"level"}, {}, {}});
    this->expect_error(ErrorType::kIndexAlreadyExists, [&] {
        this->db_->create_index("people", {"level_k", IndexType::kKey, {"level"}, {}, {}});
    });
    this->expect_error(ErrorType::kAttributeUnknown, [&] {
        this->db_->create_index("people", {"bad", IndexType::kKey, {"nope"}, {}, {}});
    });
    this->expect_error(ErrorType::kDocumentUniqueConstraintViolation, [&] {
        this->db_->create_index("people", {"level_u", IndexType::kUnique, {"level"}, {}, {}});
    });
    EXPECT_EQ(this->db_->get_collection("people")->index("level_u"), nullptr);
    this->db_->drop_index("people", "level_k");
    this->expect_error(ErrorType::kIndexNotFound,
                       [&] { this->db_->drop_index("people", "level_k"); });
    this->db_->drop_attribute("people", "level");
    EXPECT_FALSE(
        this->db_->get_document(Authorization::internal(), "people", "a")->data.contains("level"));
    this->expect_error(ErrorType::kAttributeNotFound,
                       [&] { this->db_->drop_attribute("people", "level"); });
    // Fulltext index added later covers existing rows.
    this->db_->drop_index("people", "bio_ft");
    this->db_->update_document(Authorization::internal(), "people", "b",
                               {{{"bio", "late bloomer"}}, {}});
    this->expect_error(ErrorType::kGeneralQueryInvalid, [&] {
        this->ids_of({R"({"method":"search","attribute":"bio","values":["late"]})"});
    });
    this->db_->create_index("people", {"bio2", IndexType::kFulltext, {"bio"}, {}, {}});
    EXPECT_EQ(this->ids_of({R"({"method":"search","attribute":"bio","values":["late"]})"}),
              std::vector<std::string>{"b"});
    this->db_->delete_document(Authorization::internal(), "people", "b");
    EXPECT_TRUE(
        this->ids_of({R"({"method":"search","attribute":"bio","values":["late"]})"}).empty());
    EXPECT_EQ(this->db_->list_collections().size(), 1u);
    this->db_->drop_collection("people");
    EXPECT_EQ(this->db_->get_collection("people"), nullptr);
    this->expect_error(ErrorType::kCollectionNotFound,
                       [&] { this->db_->drop_collection("people"); });
    this->make_people();  // the id can be used again
    EXPECT_EQ(this->db_->count_documents(Authorization::internal(), "people", {}), 0);
}

TYPED_TEST(Conformance, EnsureCollectionsIsIdempotent) {
    CollectionSchema keys;
    keys.id = "keys";
    keys.attributes = {{"name", AttributeType::kString, 128, true, false, nullptr}};
    std::vector<CollectionSchema> declared{keys};
    this->db_->ensure_collections(declared);
    this->db_->ensure_collections(declared);
    declared[0].attributes.push_back(
        {"expire", AttributeType::kDatetime, 0, false, false, nullptr});
    declared[0].indexes.push_back({"name_k", IndexType::kKey, {"name"}, {}, {}});
    declared[0].permissions = {"read(\"any\")"};
    this->db_->ensure_collections(declared);
    auto schema = this->db_->get_collection("keys");
    ASSERT_NE(schema, nullptr);
    EXPECT_NE(schema->attribute("expire"), nullptr);
    EXPECT_NE(schema->index("name_k"), nullptr);
    EXPECT_EQ(schema->permissions, std::vector<std::string>{"read(\"any\")"});
    // A second handle on the same storage sees the catalog.
    this->db_.reset();
    this->db_ = this->store_->project(this->project_);
    EXPECT_NE(this->db_->get_collection("keys"), nullptr);
}

TYPED_TEST(Conformance, ProjectsAreIsolatedAndDroppable) {
    this->make_people();
    this->put("a", {{"name", "A"}});
    auto other_id = "o" + ids::unique();
    auto other = this->store_->project(other_id);
    EXPECT_EQ(other->get_collection("people"), nullptr);
    auto platform = this->store_->platform();
    EXPECT_NO_THROW(platform->list_collections());
    this->store_->drop_project(other_id);
    other = this->store_->project(other_id);
    EXPECT_TRUE(other->list_collections().empty());
    this->store_->drop_project(other_id);
    this->expect_error(ErrorType::kGeneralArgumentInvalid,
                       [&] { this->store_->project("../etc"); });
}

}  // namespace
}  // namespace basalt::db
