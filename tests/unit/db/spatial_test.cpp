// Spatial values, queries and indexes: the same expectations on SQLite (GEOS functions, R*Tree)
// and PostgreSQL (PostGIS, GiST).
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/geometry.hpp"
#include "db/store.hpp"

namespace basalt::db {
namespace {
namespace json = boost::json;
using S = std::set<std::string>;

struct SqliteBackend {
    static std::unique_ptr<Store> open(std::filesystem::path& dir) {
        dir = std::filesystem::temp_directory_path() / ("basalt-spatial-" + ids::unique());
        return open_store("sqlite:" + dir.string());
    }
};

struct PostgresBackend {
    static std::unique_ptr<Store> open(std::filesystem::path&) {
        const char* url = std::getenv("BASALT_TEST_POSTGRES_URL");
        if (url == nullptr || *url == '\0') return nullptr;
        return open_store(url, StoreOptions{.pool_size = 4});
    }
};

template <typename Backend>
class Spatial : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = Backend::open(dir_);
        if (!store_) GTEST_SKIP() << "BASALT_TEST_POSTGRES_URL is not set";
        project_ = "s" + ids::unique();
        db_ = store_->project(project_);
        CollectionSchema s;
        s.id = "places";
        s.attributes = {{"name", AttributeType::kString, 32, true, false, nullptr},
                        {"loc", AttributeType::kPoint, 0, false, false, nullptr},
                        {"route", AttributeType::kLinestring, 0, false, false, nullptr},
                        {"area", AttributeType::kPolygon, 0, false, false, nullptr}};
        s.permissions = {"read(\"any\")"};
        db_->create_collection(s);
        // origin: at (0,0), a diagonal, the square 0..2; east: one degree east, far away shapes;
        // far: at (10,10), the other diagonal, the square 1..3; none: no spatial values.
        put("origin", R"({"name":"origin","loc":[0,0],"route":[[0,0],[2,2]],
                          "area":[[[0,0],[0,2],[2,2],[2,0],[0,0]]]})");
        put("east", R"({"name":"east","loc":[1,0],"route":[[5,5],[6,6]],
                        "area":[[[5,5],[5,6],[6,6],[6,5],[5,5]]]})");
        put("far", R"({"name":"far","loc":"[10,10]","route":[[0,2],[2,0]],
                       "area":[[[1,1],[1,3],[3,3],[3,1],[1,1]]]})");
        put("none", R"({"name":"none"})");
    }

    void TearDown() override {
        db_.reset();
        if (store_) store_->drop_project(project_);
        store_.reset();
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }

    void put(const std::string& id, const std::string& data) {
        Document d;
        d.id = id;
        d.data = json::parse(data).as_object();
        db_->create_document(Authorization::internal(), "places", std::move(d));
    }

    S ids(const std::string& query) {
        auto list = db_->list_documents(Authorization::internal(), "places",
                                        parse_queries(std::vector<std::string>{query}));
        S out;
        for (const auto& d : list.documents) out.insert(d.id);
        EXPECT_EQ(list.total, static_cast<std::int64_t>(out.size())) << query;
        return out;
    }

    static std::string q(const std::string& method, const std::string& attribute,
                         const std::string& values) {
        return R"({"method":")" + method + R"(","attribute":")" + attribute +
               R"(","values":)" + values + "}";
    }

    void expect_error(ErrorType type, const std::function<void()>& fn, const std::string& text) {
        try {
            fn();
            ADD_FAILURE() << "no error thrown, expected: " << text;
        } catch (const Error& e) {
            EXPECT_EQ(e.type(), type) << e.what();
            EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
        }
    }

    // Every method with matching and non-matching documents; `none` (nulls) never matches.
    void expect_all_methods() {
        EXPECT_EQ(ids(q("equal", "loc", "[[0,0]]")), (S{"origin"}));
        EXPECT_EQ(ids(q("notEqual", "loc", "[[0,0]]")), (S{"east", "far"}));
        EXPECT_EQ(ids(q("distanceLessThan", "loc", "[[[0,0],1.5,false]]")), (S{"origin", "east"}));
        EXPECT_EQ(ids(q("distanceGreaterThan", "loc", "[[[0,0],1.5,false]]")), (S{"far"}));
        EXPECT_EQ(ids(q("distanceEqual", "loc", "[[[0,0],1,false]]")), (S{"east"}));
        EXPECT_EQ(ids(q("distanceNotEqual", "loc", "[[[0,0],1,false]]")), (S{"origin", "far"}));
        // One degree of longitude on the equator is 111,195 m on Appwrite's 6,371 km sphere.
        EXPECT_EQ(ids(q("distanceLessThan", "loc", "[[[0,0],111300,true]]")), (S{"origin", "east"}));
        EXPECT_EQ(ids(q("distanceLessThan", "loc", "[[[0,0],111100,true]]")), (S{"origin"}));
        EXPECT_EQ(ids(q("distanceGreaterThan", "loc", "[[[0,0],111100,true]]")), (S{"east", "far"}));
        EXPECT_EQ(ids(q("distanceLessThan", "route", "[[[4,4],2,false]]")), (S{"east"}));
        EXPECT_EQ(ids(q("intersects", "area", "[[1,1]]")), (S{"origin", "far"}));
        EXPECT_EQ(ids(q("notIntersects", "area", "[[1,1]]")), (S{"east"}));
        EXPECT_EQ(ids(q("contains", "area", "[[0.5,0.5]]")), (S{"origin"}));
        EXPECT_EQ(ids(q("contains", "area", "[[0,1]]")), (S{"origin"}));  // boundary included
        EXPECT_EQ(ids(q("notContains", "area", "[[0.5,0.5]]")), (S{"east", "far"}));
        EXPECT_EQ(ids(q("crosses", "route", "[[[0,2],[2,0]]]")), (S{"origin"}));
        EXPECT_EQ(ids(q("notCrosses", "route", "[[[0,2],[2,0]]]")), (S{"east", "far"}));
        EXPECT_EQ(ids(q("overlaps", "area", "[[[[1,1],[1,3],[3,3],[3,1],[1,1]]]]")), (S{"origin"}));
        EXPECT_EQ(ids(q("notOverlaps", "area", "[[[[1,1],[1,3],[3,3],[3,1],[1,1]]]]")),
                  (S{"east", "far"}));
        EXPECT_EQ(ids(q("touches", "area", "[[[[2,0],[2,-1],[4,-1],[4,0],[2,0]]]]")), (S{"origin"}));
        EXPECT_EQ(ids(q("notTouches", "area", "[[[[2,0],[2,-1],[4,-1],[4,0],[2,0]]]]")),
                  (S{"east", "far"}));
        EXPECT_EQ(ids(q("intersects", "route", "[[[1,0],[1,3]]]")), (S{"origin", "far"}));
        EXPECT_EQ(ids(q("isNull", "loc", "[]")), (S{"none"}));
    }

    std::filesystem::path dir_;
    std::unique_ptr<Store> store_;
    std::string project_;
    std::shared_ptr<Database> db_;
};

class Names {
public:
    template <typename T>
    static std::string GetName(int) {
        return std::is_same_v<T, SqliteBackend> ? "Sqlite" : "Postgres";
    }
};
using Backends = ::testing::Types<SqliteBackend, PostgresBackend>;
TYPED_TEST_SUITE(Spatial, Backends, Names);

TYPED_TEST(Spatial, ValuesRoundTripAsArrays) {
    auto d = this->db_->get_document(Authorization::internal(), "places", "far");
    ASSERT_TRUE(d);
    EXPECT_EQ(json::serialize(d->data.at("loc")), "[10,10]");
    EXPECT_EQ(json::serialize(d->data.at("area")), "[[[1,1],[1,3],[3,3],[3,1],[1,1]]]");
    EXPECT_TRUE(d->data.at("route").is_array());
}

TYPED_TEST(Spatial, EveryMethodWithoutIndex) { this->expect_all_methods(); }

TYPED_TEST(Spatial, EveryMethodWithIndexesKeptInSync) {
    for (const char* a : {"loc", "route", "area"}) {
        this->db_->create_index("places", Index{std::string(a) + "_sp", IndexType::kSpatial, {a}, {}, {}});
    }
    this->expect_all_methods();
    // Writes after the index was built reach it: move east away, add one, delete one.
    DocumentPatch patch;
    patch.data = json::parse(R"({"loc":[50,50]})").as_object();
    this->db_->update_document(Authorization::internal(), "places", "east", patch);
    this->put("near", R"({"name":"near","loc":[0.5,0]})");
    this->db_->delete_document(Authorization::internal(), "places", "origin");
    EXPECT_EQ(this->ids(this->q("distanceLessThan", "loc", "[[[0,0],1.5,false]]")), (S{"near"}));
    EXPECT_EQ(this->ids(this->q("distanceLessThan", "loc", "[[[50,50],0.1,false]]")), (S{"east"}));
    this->db_->drop_index("places", "loc_sp");
    EXPECT_EQ(this->ids(this->q("distanceLessThan", "loc", "[[[0,0],1.5,false]]")), (S{"near"}));
    // The collection (with its remaining spatial indexes) can be dropped.
    this->db_->drop_collection("places");
    EXPECT_EQ(this->db_->get_collection("places"), nullptr);
}

TYPED_TEST(Spatial, BadInputsAsAppwrite) {
    auto bad = [&](const std::string& query, const std::string& text) {
        this->expect_error(ErrorType::kGeneralQueryInvalid, [&] { this->ids(query); }, text);
    };
    bad(this->q("intersects", "name", "[[1,2]]"),
        "Spatial query \"intersects\" cannot be applied on non-spatial attribute: name");
    bad(this->q("distanceLessThan", "name", "[[[1,2],3,false]]"),
        "Spatial query \"distanceLessThan\" cannot be applied on non-spatial attribute: name");
    bad(this->q("intersects", "area", "[\"x\"]"), "Spatial data must be an array");
    bad(this->q("intersects", "area", "[[[1]]]"), "point");
    bad(this->q("intersects", "area", "[[[[0,0],[1,1],[1,0],[2,2]]]]"), "must be closed");
    bad(this->q("distanceLessThan", "loc", "[[[0,0],1]]"), "Distance query requires [[geometry, distance]] parameters");
    bad(this->q("distanceLessThan", "area", "[[[0,0],1,true]]"),
        "Distance in meters is not supported between polygon and point");
    bad(this->q("startsWith", "loc", "[\"x\"]"), "Spatial data must be an array");
    bad(this->q("intersects", "loc", "[]"), "Intersects queries require at least one value.");
    // Spatial indexes need exactly one spatial attribute; other indexes refuse spatial ones.
    this->expect_error(ErrorType::kIndexInvalid, [&] {
        this->db_->create_index("places", Index{"n_sp", IndexType::kSpatial, {"name"}, {}, {}});
    }, "spatial");
    this->expect_error(ErrorType::kIndexInvalid, [&] {
        this->db_->create_index("places", Index{"l_k", IndexType::kKey, {"loc"}, {}, {}});
    }, "spatial index");
    EXPECT_EQ(this->db_->get_collection("places")->indexes.size(), 0u);
    // Values of the wrong kind are refused and nothing is written.
    this->expect_error(ErrorType::kDocumentInvalidStructure,
                       [&] { this->put("bad", R"({"name":"bad","loc":[[0,0],[1,1]]})"); }, "loc");
    this->expect_error(ErrorType::kDocumentInvalidStructure,
                       [&] { this->put("bad", R"({"name":"bad","area":[[[0,0],[1,1],[0,0]]]})"); }, "area");
    EXPECT_FALSE(this->db_->get_document(Authorization::internal(), "places", "bad"));
}

// Runs `sql` on the test cluster as its superuser.
void admin(const std::string& url, const std::string& sql) {
    PGconn* c = PQconnectdb(url.c_str());
    PGresult* r = PQexec(c, sql.c_str());
    std::string error = PQresultStatus(r) == PGRES_COMMAND_OK ? "" : PQerrorMessage(c);
    PQclear(r);
    PQfinish(c);
    ASSERT_EQ(error, "") << sql;
}

// A database whose role may not create extensions: PostGIS cannot be installed there.
TEST(SpatialWithoutPostgis, StoresValuesAndRefusesQueriesAndIndexes) {
    const char* url = std::getenv("BASALT_TEST_POSTGRES_URL");
    if (url == nullptr || *url == '\0') GTEST_SKIP() << "BASALT_TEST_POSTGRES_URL is not set";
    std::smatch m;
    const std::string base = url;
    ASSERT_TRUE(std::regex_match(base, m, std::regex("postgres://([^@]+)@([^/]+)/(.+)")));
    const std::string name = "nogis_" + ids::unique();
    admin(base, "CREATE ROLE " + name + " LOGIN");
    admin(base, "CREATE DATABASE " + name + " OWNER " + name);
    {
        auto store = open_store("postgres://" + name + "@" + m[2].str() + "/" + name);
        auto db = store->project("p");
        CollectionSchema s;
        s.id = "places";
        s.attributes = {{"loc", AttributeType::kPoint, 0, true, false, nullptr}};
        db->create_collection(s);
        Document d;
        d.id = "a";
        d.data = json::parse(R"({"loc":[1,2]})").as_object();
        db->create_document(Authorization::internal(), "places", d);
        EXPECT_EQ(json::serialize(db->get_document(Authorization::internal(), "places", "a")->data.at("loc")),
                  "[1,2]");
        try {
            db->list_documents(Authorization::internal(), "places",
                               parse_queries(std::vector<std::string>{
                                   R"({"method":"intersects","attribute":"loc","values":[[1,2]]})"}));
            ADD_FAILURE() << "spatial query without PostGIS";
        } catch (const Error& e) {
            EXPECT_EQ(e.type(), ErrorType::kGeneralQueryInvalid);
            EXPECT_NE(std::string(e.what()).find("PostGIS"), std::string::npos) << e.what();
        }
        try {
            db->create_index("places", Index{"sp", IndexType::kSpatial, {"loc"}, {}, {}});
            ADD_FAILURE() << "spatial index without PostGIS";
        } catch (const Error& e) {
            EXPECT_EQ(e.type(), ErrorType::kIndexInvalid);
            EXPECT_NE(std::string(e.what()).find("PostGIS"), std::string::npos) << e.what();
        }
        EXPECT_TRUE(db->get_collection("places")->indexes.empty());
        store->drop_project("p");
    }
    admin(base, "DROP DATABASE " + name);
    admin(base, "DROP ROLE " + name);
}

TEST(Geometry, ReadsKindsAndMeasuresTheSphere) {
    EXPECT_EQ(read_geometry(json::parse("[1,2]"))->kind, GeometryKind::kPoint);
    EXPECT_EQ(read_geometry(json::parse("[[1,2],[3,4]]"))->kind, GeometryKind::kLinestring);
    EXPECT_EQ(read_geometry(json::parse("\"[[[0,0],[0,1],[1,1],[0,0]]]\""))->kind,
              GeometryKind::kPolygon);
    std::string problem;
    EXPECT_FALSE(read_geometry(json::parse("[[1,2]]"), &problem));
    EXPECT_NE(problem.find("at least 2 points"), std::string::npos) << problem;
    EXPECT_FALSE(read_geometry(json::parse("[1,2,3]")));
    EXPECT_NEAR(sphere_distance(0, 0, 1, 0), 111194.93, 0.01);
    EXPECT_NEAR(sphere_distance(-0.1278, 51.5074, 2.3522, 48.8566), 343'556, 500);  // London-Paris
    auto box = bounding_box(*read_geometry(json::parse("[[[0,-1],[3,2],[1,5],[0,-1]]]")));
    EXPECT_EQ(box, (std::array<double, 4>{0, 3, -1, 5}));
}

}  // namespace
}  // namespace basalt::db
