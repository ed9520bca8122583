// Internal: the document engine over any Backend; one instance per project database.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

#include "db/collection.hpp"
#include "db/connection.hpp"
#include "db/dialect.hpp"
#include "db/granted_cache.hpp"
#include "db/query_compiler.hpp"
#include "db/store.hpp"
#include "db/value_cipher.hpp"

namespace basalt::db {

struct ReadScope;  // engine.cpp

class Engine final : public Database {
public:
    // `prefix` qualifies table names: "" on SQLite, "\"p_x\"." on PostgreSQL. Creates the
    // catalog table when missing. Throws Error(kGeneralServerError) on driver failures.
    // `value_key` (32 bytes, value_cipher.hpp) seals encrypted attributes; empty = none.
    Engine(std::unique_ptr<Backend> backend, const Dialect& dialect, std::string prefix,
           std::string value_key = {});

    Document create_document(const Authorization& auth, std::string_view collection,
                             Document doc) override;
    std::optional<Document> get_document(const Authorization& auth, std::string_view collection,
                                         std::string_view id,
                                         std::span<const Query> queries) override;
    Document update_document(const Authorization& auth, std::string_view collection,
                             std::string_view id, const DocumentPatch& patch) override;
    void delete_document(const Authorization& auth, std::string_view collection,
                         std::string_view id) override;
    std::optional<Document> increment_document(const Authorization& auth, std::string_view collection,
                                               std::string_view id, const Increment& step) override;
    DocumentList list_documents(const Authorization& auth, std::string_view collection,
                                std::span<const Query> queries, ListOptions options) override;
    std::int64_t count_documents(const Authorization& auth, std::string_view collection,
                                 std::span<const Query> queries, std::int64_t max) override;

    void create_collection(const CollectionSchema& schema) override;
    void ensure_collections(std::span<const CollectionSchema> schemas) override;
    std::shared_ptr<const CollectionSchema> get_collection(std::string_view id) override;
    std::vector<std::shared_ptr<const CollectionSchema>> list_collections() override;
    void update_collection(std::string_view id, const std::vector<std::string>& permissions,
                           bool document_security) override;
    void drop_collection(std::string_view id) override;
    void create_attribute(std::string_view collection, const Attribute& attribute) override;
    void drop_attribute(std::string_view collection, std::string_view key) override;
    void update_attribute(std::string_view collection, std::string_view key,
                          const Attribute& updated) override;
    void create_index(std::string_view collection, const Index& index) override;
    void drop_index(std::string_view collection, std::string_view key) override;
    void transact(const std::function<void(Documents&)>& body) override;
    WriteCounts write_counts() const noexcept override;
    void read(const std::function<void(Documents&)>& body) override;

    // The document operations on a given connection (used directly by transactions).
    Document create_in(Connection& c, const Authorization& auth, std::string_view collection,
                       Document doc);
    std::optional<Document> get_in(Connection& c, const Authorization& auth,
                                   std::string_view collection, std::string_view id,
                                   std::span<const Query> queries);
    Document update_in(Connection& c, const Authorization& auth, std::string_view collection,
                       std::string_view id, const DocumentPatch& patch);
    void delete_in(Connection& c, const Authorization& auth, std::string_view collection,
                   std::string_view id);
    std::optional<Document> increment_in(Connection& c, const Authorization& auth,
                                         std::string_view collection, std::string_view id,
                                         const Increment& step);
    // `own_writes`: `c` holds uncommitted writes (a transaction), which caches of committed
    // state do not see.
    DocumentList list_in(Connection& c, const Authorization& auth, std::string_view collection,
                         std::span<const Query> queries, ListOptions options, bool own_writes);
    std::int64_t count_in(Connection& c, const Authorization& auth, std::string_view collection,
                          std::span<const Query> queries, std::int64_t max, bool own_writes);

private:
    // Backend writes, counted when they end (committed or not): caches of what this process
    // read compare the count to tell whether they may be stale.
    void write(const std::function<void(Connection&)>& fn);
    void schema_write(const std::function<void(Connection&)>& fn);
    ReadScope read_scope(Connection& c, const CollectionInfo& info, const Authorization& auth,
                         bool own_writes);
    // COUNT(*) of the documents in `scope` matching a planned list's filters, up to `max`.
    std::int64_t count_planned(Connection& c, const CollectionInfo& info, const Authorization& auth,
                               const ReadScope& scope, const ListPlan& plan, std::int64_t max);
    std::shared_ptr<const CollectionInfo> info(std::string_view id);
    std::shared_ptr<const CollectionInfo> make_info(CollectionSchema schema) const;
    // Throws Error(kIndexInvalid) when the backend has no spatial support.
    void require_spatial() const;
    std::shared_ptr<const CollectionInfo> read_catalog(Connection& c, std::string_view id) const;
    // Caches `info`. Schema changes replace; catalog reads only fill a gap, so a slow reader
    // never puts back a snapshot older than one a concurrent change published.
    void publish(std::shared_ptr<const CollectionInfo> info, bool replace);
    // Applies `change` to a copy of the collection's schema and runs `ddl` with the new one in
    // one write transaction, then stores the schema in the catalog and the cache.
    void alter(std::string_view id, const std::function<void(CollectionSchema&)>& change,
               const std::function<void(Connection&, const CollectionInfo&)>& ddl);
    void create_tables(Connection& c, const CollectionInfo& info) const;
    void create_index_sql(Connection& c, const CollectionInfo& info, const Index& index) const;
    void drop_index_sql(Connection& c, const CollectionInfo& info, const Index& index) const;
    // Throws kAttributeInvalidResize when a stored value of `attribute` is longer than `size`.
    void check_resize(Connection& c, const CollectionInfo& info, const Attribute& attribute,
                      std::int64_t size) const;
    std::optional<Document> fetch(Connection& c, const CollectionInfo& info,
                                  const Authorization& auth, std::string_view id,
                                  const std::vector<const Attribute*>& attributes,
                                  const std::string& columns);
    // Order values of the cursor document, readable by `auth`. Throws kGeneralCursorNotFound.
    std::vector<SqlValue> cursor_values(Connection& c, const CollectionInfo& info,
                                        const Authorization& auth, const std::string& cursor,
                                        const std::vector<OrderTerm>& orders);
    void write_permissions(Connection& c, const CollectionInfo& info, std::int64_t sequence,
                           const std::vector<std::string>& permissions);

    // Constant after construction.
    std::unique_ptr<Backend> backend_;
    const Dialect& dialect_;
    std::string prefix_;
    std::string catalog_;
    ValueCipher cipher_;

    // Serialises schema changes of this database in this process.
    std::mutex ddl_mutex_;

    std::atomic<std::uint64_t> writes_started_{0};
    std::atomic<std::uint64_t> writes_{0};  // ended
    GrantedCache granted_;  // used when backend_->sole_writer()

    // Guards cache_ (collection id -> immutable info).
    std::shared_mutex cache_mutex_;
    std::map<std::string, std::shared_ptr<const CollectionInfo>, std::less<>> cache_;
};

}  // namespace basalt::db
