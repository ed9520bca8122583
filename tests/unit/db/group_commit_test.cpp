// Group commit on SQLite: concurrent writes share one transaction, each in its own savepoint.
// (PostgreSQL commits every write alone; the conformance suite covers what both must agree on.)
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "db/store.hpp"

namespace basalt::db {
namespace {

const Authorization kInternal = Authorization::internal();

class GroupCommit : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("basalt-group-" + ids::unique());
        store_ = open_store("sqlite:" + dir_.string());
        db_ = store_->project("p");
        CollectionSchema s;
        s.id = "notes";
        s.attributes = {{"text", AttributeType::kString, 64, false, false, nullptr},
                        {"code", AttributeType::kString, 16, false, false, nullptr}};
        s.indexes = {{"code_u", IndexType::kUnique, {"code"}, {}, {}}};
        db_->create_collection(s);
    }

    void TearDown() override {
        db_.reset();
        store_.reset();
        std::filesystem::remove_all(dir_);
    }

    Document note(const std::string& id, const std::string& code = "") {
        Document d;
        d.id = id;
        d.data = {{"text", id}};
        if (!code.empty()) d.data["code"] = code;
        return d;
    }

    bool committed(const std::string& id) {
        return db_->get_document(kInternal, "notes", id).has_value();
    }

    // Runs `writes` on threads while a first transaction (which writes "first") holds the
    // writer, so they queue up behind it, in order (each gets a margin to reach the queue before
    // the next starts), and join its batch.
    void batched(const std::vector<std::function<void()>>& writes) {
        std::vector<std::thread> threads;
        db_->transact([&](Documents& tx) {
            tx.create_document(kInternal, "notes", note("first"));
            for (const auto& write : writes) {
                threads.emplace_back(write);
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        });
        for (auto& t : threads) t.join();
    }

    std::filesystem::path dir_;
    std::unique_ptr<Store> store_;
    std::shared_ptr<Database> db_;
};

TEST_F(GroupCommit, ConcurrentWritesAllCommitBeforeTheyReturn) {
    constexpr int kThreads = 8;
    constexpr int kPerThread = 60;
    std::atomic<int> unseen{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                auto id = fmt::format("n{}-{}", t, i);
                if (i % 3 == 0) {
                    db_->transact([&](Documents& tx) {
                        tx.create_document(kInternal, "notes", note(id));
                        tx.update_document(kInternal, "notes", id, {{{"text", "updated"}}, {}});
                    });
                } else {
                    db_->create_document(kInternal, "notes", note(id));
                }
                // Returned means committed: a reader connection sees it at once.
                if (!committed(id)) ++unseen;
            }
        });
    }
    // Schema changes run beside the writes, in transactions of their own.
    db_->create_attribute("notes", {"extra", AttributeType::kInteger, 0, false, false, nullptr});
    db_->create_index("notes", {"extra_k", IndexType::kKey, {"extra"}, {}, {}});
    db_->create_document(kInternal, "notes", {.id = "extra", .data = {{"extra", 7}}});
    for (auto& t : threads) t.join();
    EXPECT_EQ(unseen.load(), 0);
    EXPECT_EQ(db_->count_documents(kInternal, "notes", {}), kThreads * kPerThread + 1);
    EXPECT_EQ(db_->get_document(kInternal, "notes", "extra")->data.at("extra").as_int64(), 7);
}

TEST_F(GroupCommit, AFailingWriteInABatchUndoesOnlyItself) {
    db_->create_document(kInternal, "notes", note("taken", "dup"));
    std::atomic<int> saw_uncommitted{0};
    std::string duplicate_id, duplicate_code, gave_up;
    batched({
        [&] {
            db_->transact([&](Documents& tx) {
                // Batched with "first": visible to this transaction, not yet to readers.
                if (tx.get_document(kInternal, "notes", "first") && !committed("first")) {
                    ++saw_uncommitted;
                }
                tx.create_document(kInternal, "notes", note("a1"));
                tx.create_document(kInternal, "notes", note("a2"));
            });
        },
        [&] {
            try {
                db_->transact([&](Documents& tx) {
                    tx.create_document(kInternal, "notes", note("b1"));
                    tx.create_document(kInternal, "notes", note("first"));  // in this batch
                });
            } catch (const Error& e) {
                duplicate_id = e.info().type;
            }
        },
        [&] { db_->create_document(kInternal, "notes", note("c1")); },
        [&] {
            try {
                db_->create_document(kInternal, "notes", note("d1", "dup"));
            } catch (const Error& e) {
                duplicate_code = e.info().type;
            }
        },
        [&] {
            try {
                db_->transact([&](Documents& tx) {
                    tx.create_document(kInternal, "notes", note("e1"));
                    throw std::runtime_error("caller gave up");
                });
            } catch (const std::runtime_error& e) {
                gave_up = e.what();
            }
        },
        [&] {
            db_->update_document(kInternal, "notes", "taken", {{{"text", "again"}}, {}});
        },
    });
    EXPECT_EQ(saw_uncommitted.load(), 1) << "the writes were not batched";
    EXPECT_EQ(duplicate_id, "document_already_exists");
    EXPECT_EQ(duplicate_code, "document_unique_constraint_violation");
    EXPECT_EQ(gave_up, "caller gave up");
    for (const auto* id : {"first", "a1", "a2", "c1"}) EXPECT_TRUE(committed(id)) << id;
    for (const auto* id : {"b1", "d1", "e1"}) EXPECT_FALSE(committed(id)) << id;
    EXPECT_EQ(db_->get_document(kInternal, "notes", "taken")->data.at("text").as_string(), "again");
    EXPECT_EQ(db_->count_documents(kInternal, "notes", {}), 5);
}

TEST_F(GroupCommit, TransactionsKeepTheirSemanticsInABatch) {
    bool inner_failed = false;
    std::string nested;
    batched({
        [&] {
            // A body that catches a failed write and carries on keeps its other writes.
            db_->transact([&](Documents& tx) {
                tx.create_document(kInternal, "notes", note("k1"));
                try {
                    tx.create_document(kInternal, "notes", note("k1"));
                } catch (const Error&) {
                    inner_failed = true;
                }
                tx.update_document(kInternal, "notes", "k1", {{{"text", "kept"}}, {}});
                EXPECT_EQ(tx.get_document(kInternal, "notes", "k1")->data.at("text").as_string(),
                          "kept");
            });
        },
        [&] {
            // Calling the Database (not the handle) from inside a body fails instead of hanging.
            try {
                db_->transact(
                    [&](Documents&) { db_->create_document(kInternal, "notes", note("n1")); });
            } catch (const Error& e) {
                nested = e.info().type;
            }
        },
    });
    EXPECT_TRUE(inner_failed);
    EXPECT_EQ(db_->get_document(kInternal, "notes", "k1")->data.at("text").as_string(), "kept");
    EXPECT_EQ(nested, "general_server_error");
    EXPECT_FALSE(committed("n1"));
    EXPECT_TRUE(committed("first"));
}

}  // namespace
}  // namespace basalt::db
