// The catalog cache and the list cache over a real (SQLite) store: what they serve again, and what
// makes them read again.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "databases/catalog.hpp"
#include "databases/catalog_cache.hpp"
#include "databases/list_cache.hpp"
#include "db/store.hpp"
#include "platform/collections.hpp"

namespace basalt::databases {
namespace {

const Actor kKey{.auth = db::Authorization::internal(), .user_id = ""};
const Actor kUser{.auth = db::Authorization{.roles = {"any", "users", "user:u1"}, .skip = false}, .user_id = "u1"};

class Caches : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("basalt-caches-" + ids::unique());
        store_ = db::open_store("sqlite:" + dir_.string());
        project_ = store_->project("p1");
        project_->ensure_collections(platform::project_collections());
        database_ = create_database(*project_, "db1", "DB", true, "legacy");
        collection_ = create_collection(*project_, database_, {.id = "c1", .name = "C", .permissions = {"read(\"any\")"}});
    }

    void TearDown() override {
        project_.reset();
        store_.reset();
        std::filesystem::remove_all(dir_);
    }

    void add_document(const std::string& id) {
        project_->create_document(db::Authorization::internal(), collection_.documents_table(), {.id = id});
    }

    // Lists every document of c1 through `cache` ("total id id..."), counting the queries it really runs.
    ListCache::Body list(ListCache& cache, const Actor& actor = kKey) {
        const std::vector<std::string> queries = {R"({"method":"limit","values":[100]})"};
        return cache.list("p1", *project_, collection_, actor, queries, true, "v", [&] {
            ++computed_;
            const auto page = project_->list_documents(actor.auth, collection_.documents_table(),
                                                       db::parse_queries(queries), {.with_total = true});
            auto out = std::to_string(page.total);
            for (const auto& d : page.documents) out += " " + d.id;
            return out;
        });
    }

    std::filesystem::path dir_;
    std::unique_ptr<db::Store> store_;
    std::shared_ptr<db::Database> project_;
    db::Document database_;
    Collection collection_;
    int computed_ = 0;
};

TEST_F(Caches, CatalogCacheServesTheSameSnapshotUntilTheCatalogChanges) {
    CatalogCache cache;
    const auto first = cache.collection(*project_, "p1", "db1", "c1", kKey);
    EXPECT_EQ(first, cache.collection(*project_, "p1", "db1", "c1", kKey));
    EXPECT_EQ(first->name(), "C");

    update_collection(*project_, collection_, {.id = "c1", .name = "Renamed", .permissions = {}});
    const auto second = cache.collection(*project_, "p1", "db1", "c1", kKey);
    EXPECT_NE(first, second);
    EXPECT_EQ(second->name(), "Renamed");
}

TEST_F(Caches, CatalogCacheEntriesAgeOut) {
    CatalogCache cache(std::chrono::seconds(0));
    EXPECT_NE(cache.collection(*project_, "p1", "db1", "c1", kKey), cache.collection(*project_, "p1", "db1", "c1", kKey));
}

TEST_F(Caches, CatalogCacheKeepsNoMissAndChecksEachCaller) {
    CatalogCache cache;
    EXPECT_THROW(cache.collection(*project_, "p1", "db1", "c2", kKey), Error);
    create_collection(*project_, database_, {.id = "c2", .name = "Later", .enabled = false});
    EXPECT_EQ(cache.collection(*project_, "p1", "db1", "c2", kKey)->name(), "Later");
    // Disabled: API keys only.
    try {
        cache.collection(*project_, "p1", "db1", "c2", kUser);
        FAIL() << "a disabled collection was served to a user";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::kCollectionNotFound);
    }
    EXPECT_THROW(cache.collection(*project_, "p1", "nodb", "c1", kKey), Error);
}

TEST_F(Caches, ListCacheServesAPageAgainUntilAWrite) {
    ListCache cache;
    add_document("a");
    const auto first = list(cache);
    EXPECT_EQ(first, list(cache));
    EXPECT_EQ(computed_, 1);
    add_document("b");
    const auto after = list(cache);
    EXPECT_EQ(computed_, 2);
    EXPECT_EQ(*after, "2 a b");
}

TEST_F(Caches, ListCacheKeepsNothingWhileAWriteIsInFlight) {
    ListCache cache;
    project_->transact([&](db::Documents& tx) {
        tx.create_document(db::Authorization::internal(), collection_.documents_table(), {.id = "a"});
        EXPECT_EQ(*list(cache), "0");  // read beside the transaction, which has not committed
        list(cache);
        EXPECT_EQ(computed_, 2);
    });
    EXPECT_EQ(*list(cache), "1 a");
    EXPECT_EQ(computed_, 3);
}

TEST_F(Caches, ListCacheSeparatesCallersProjectsAndTheCatalog) {
    ListCache cache;
    list(cache, kKey);
    list(cache, kUser);
    EXPECT_EQ(computed_, 2);
    list(cache, kUser);
    EXPECT_EQ(computed_, 2);
    store_->project("p2")->ensure_collections(platform::project_collections());  // another project's writes
    list(cache, kUser);
    EXPECT_EQ(computed_, 2);
    catalog_changed();
    list(cache, kUser);
    EXPECT_EQ(computed_, 3);
}

TEST_F(Caches, ListCacheOffComputesEveryTime) {
    ListCache cache(std::chrono::seconds(0));
    list(cache);
    list(cache);
    EXPECT_EQ(computed_, 2);
}

}  // namespace
}  // namespace basalt::databases
