// The document engine's public face: a Store (one backend) hands out one Database per project.
//
//   auto store = db::open_store("sqlite:/var/lib/basalt");        // or postgres://user@host/db
//   auto project = store->project("myproject");                    // created on first use
//   project->ensure_collections(kInternalCollections);             // idempotent
//   auto doc = project->create_document(auth, "users", {.id = "u1", .data = {{"name", "Ann"}}});
//   auto page = project->list_documents(auth, "users",
//                                       db::parse_queries(texts), {.with_total = true});
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "db/authorization.hpp"
#include "db/document.hpp"
#include "db/query.hpp"
#include "db/schema.hpp"

namespace basalt::db {

// An addition to a numeric attribute (see Documents::increment_document).
struct Increment {
    std::string attribute;
    // The amount added: an int64 for an integer attribute, a double for a float one; negative
    // to decrement. A null stored value counts as 0.
    boost::json::value by;
    // Inclusive bounds the result must stay within (an integer attribute's result also stays
    // within int64).
    std::optional<double> min, max;
};

struct ListOptions {
    bool with_total = true;  // false skips the count query (DocumentList::total stays 0)
};

// Document operations. Implemented by Database (each call is its own transaction) and by the
// handle a transaction body receives (all calls share one transaction).
//
// Every call takes the caller's Authorization. Unless `auth.skip`:
//  - create needs collection-level create;
//  - get/list see a document when the caller holds collection-level read, or when the
//    collection has document_security and the document grants read to one of the roles;
//  - update/delete need read (else kDocumentNotFound) and then update/delete at collection level
//    or (document_security) at document level (else kUserUnauthorized);
//  - list without collection read on a collection without document_security: kUserUnauthorized.
// All calls throw Error(kCollectionNotFound) for an unknown collection.
class Documents {
public:
    virtual ~Documents() = default;

    // Validates and stores `doc` (id empty = generated; timestamps 0 = now; permissions
    // normalised, write expanded). Returns the stored document as `get_document` would.
    // Throws kDocumentInvalidStructure (message names the attribute), kGeneralArgumentInvalid
    // (bad id or permission), kDocumentAlreadyExists, kDocumentUniqueConstraintViolation,
    // kUserUnauthorized.
    virtual Document create_document(const Authorization& auth, std::string_view collection,
                                     Document doc) = 0;

    // nullopt when absent or not readable. `queries` may hold select queries only
    // (kGeneralQueryInvalid otherwise).
    virtual std::optional<Document> get_document(const Authorization& auth,
                                                 std::string_view collection, std::string_view id,
                                                 std::span<const Query> queries = {}) = 0;

    // Applies a partial update and bumps updated_at. Throws kDocumentNotFound,
    // kUserUnauthorized, kDocumentInvalidStructure, kGeneralArgumentInvalid,
    // kDocumentUniqueConstraintViolation.
    virtual Document update_document(const Authorization& auth, std::string_view collection,
                                     std::string_view id, const DocumentPatch& patch) = 0;

    // Adds `step.by` to a numeric attribute in one SQL statement (so concurrent increments,
    // also from other nodes sharing PostgreSQL, never lose one another) and bumps updated_at.
    // Returns the updated document, or nullopt (nothing written) when the result would leave
    // [step.min, step.max]. Permissions as update_document: kDocumentNotFound (absent, or not
    // readable), kUserUnauthorized. Throws kGeneralArgumentInvalid when the attribute is not a
    // numeric, non-array attribute of the collection.
    virtual std::optional<Document> increment_document(const Authorization& auth, std::string_view collection,
                                                       std::string_view id, const Increment& step) = 0;

    // Throws kDocumentNotFound, kUserUnauthorized.
    virtual void delete_document(const Authorization& auth, std::string_view collection,
                                 std::string_view id) = 0;

    // Filters, select, orders, cursor, limit (default 25) and offset from `queries`, validated
    // against the schema. Ascending orders put nulls first, descending ones last; the internal
    // sequence breaks ties, so cursors (also on null order values) never skip or repeat a row.
    // `total` counts the filter matches (ignoring cursor, limit, offset) up to kMaxCount.
    // Throws kGeneralQueryInvalid, kGeneralCursorNotFound (cursor absent or not readable),
    // kUserUnauthorized.
    virtual DocumentList list_documents(const Authorization& auth, std::string_view collection,
                                        std::span<const Query> queries,
                                        ListOptions options = {}) = 0;

    // Number of readable documents matching the filter queries in `queries`, up to `max`.
    virtual std::int64_t count_documents(const Authorization& auth, std::string_view collection,
                                         std::span<const Query> queries,
                                         std::int64_t max = kMaxCount) = 0;
};

// One project's (or the platform's) collections. Thread-safe: every member may be called from
// any thread concurrently. Schemas are cached; schema changes must go through this object.
class Database : public Documents {
public:
    // This process's write transactions on this database, begun and ended (committed or
    // not); equal counts mean none is in flight. Caches of reads compare them to tell whether
    // what they hold may be stale (databases/list_cache).
    struct WriteCounts {
        std::uint64_t started = 0;
        std::uint64_t ended = 0;
    };
    virtual WriteCounts write_counts() const noexcept = 0;

    // Throws kCollectionAlreadyExists, and what validate_schema throws.
    virtual void create_collection(const CollectionSchema& schema) = 0;

    // Creates missing collections and adds missing attributes and indexes to existing ones;
    // never drops anything. Safe to call at every start-up.
    virtual void ensure_collections(std::span<const CollectionSchema> schemas) = 0;

    // nullptr when absent.
    virtual std::shared_ptr<const CollectionSchema> get_collection(std::string_view id) = 0;
    virtual std::vector<std::shared_ptr<const CollectionSchema>> list_collections() = 0;

    // Replaces collection permissions and document_security. Throws kCollectionNotFound,
    // kGeneralArgumentInvalid.
    virtual void update_collection(std::string_view id, const std::vector<std::string>& permissions,
                                   bool document_security) = 0;

    // Drops the table and its documents. Throws kCollectionNotFound.
    virtual void drop_collection(std::string_view id) = 0;

    // Throws kCollectionNotFound, kAttributeAlreadyExists, kAttributeValueInvalid,
    // kAttributeDefaultUnsupported. Existing documents get the default value.
    virtual void create_attribute(std::string_view collection, const Attribute& attribute) = 0;
    // Replaces attribute `key` with `updated` (required, default, size; a different
    // `updated.key` renames the column, and the indexes naming it follow). The type and
    // array-ness cannot change. Existing documents keep their values. Throws
    // kCollectionNotFound, kAttributeNotFound, kAttributeAlreadyExists (new key taken),
    // kAttributeValueInvalid (type change), kAttributeInvalidResize (a stored string is longer
    // than a smaller `updated.size`), and what validate_attribute throws.
    virtual void update_attribute(std::string_view collection, std::string_view key,
                                  const Attribute& updated) = 0;
    // Throws kCollectionNotFound, kAttributeNotFound, kIndexDependency.
    virtual void drop_attribute(std::string_view collection, std::string_view key) = 0;
    // Throws kCollectionNotFound, kIndexAlreadyExists, kIndexInvalid, kAttributeUnknown,
    // kDocumentUniqueConstraintViolation (unique index over duplicate existing values).
    virtual void create_index(std::string_view collection, const Index& index) = 0;
    // Throws kCollectionNotFound, kIndexNotFound.
    virtual void drop_index(std::string_view collection, std::string_view key) = 0;

    // Runs the reads in `body` on one connection (on SQLite in one read transaction: a consistent
    // snapshot for the price of one). Writing through the handle throws Error(kGeneralServerError).
    virtual void read(const std::function<void(Documents&)>& body) = 0;

    // Runs `body` in one transaction: everything it writes through the handle commits together
    // when it returns, and nothing is left when it throws (the exception is rethrown).
    // Reads through the handle see the transaction's own writes. Returns once the writes are
    // committed (on SQLite possibly together with concurrent writes; see docs/engine.md). Do not
    // call this Database's other members from inside `body`: on SQLite the writer is held by the
    // transaction, and its write members throw Error(kGeneralServerError) there.
    virtual void transact(const std::function<void(Documents&)>& body) = 0;
};

// A backend: hands out project databases. Thread-safe.
class Store {
public:
    virtual ~Store() = default;

    // The platform's own database (projects, keys, platforms...).
    virtual std::shared_ptr<Database> platform() = 0;

    // Opens the project's database, creating its storage when it does not exist yet.
    // Throws Error(kGeneralArgumentInvalid) for an invalid project id.
    virtual std::shared_ptr<Database> project(std::string_view project_id) = 0;

    // Removes the project's storage (no-op when absent). Handles still held by callers
    // must not be used afterwards.
    virtual void drop_project(std::string_view project_id) = 0;
};

struct StoreOptions {
    std::size_t pool_size = 8;   // PostgreSQL connections; SQLite readers per database
    int busy_timeout_ms = 5000;  // SQLite busy timeout
    // SQLite: most concurrent writes committed in one transaction (group commit); 1 commits
    // every write alone.
    std::size_t write_batch = 64;
    // The server's 32-byte master key (the one Storage uses for files): each database derives
    // its key for encrypted attributes from it (value_cipher.hpp). Empty: encrypted attributes
    // cannot be written or read (general_server_error).
    std::string master_key;
};

// Opens a backend from its URL: "sqlite:/path/to/dir" (the directory is created; one file per
// project plus platform.sqlite) or "postgres://user:pass@host:port/db" (one schema per project).
// Throws Error(kGeneralServerError) when the URL is malformed or the backend cannot be reached.
std::unique_ptr<Store> open_store(std::string_view url, const StoreOptions& options = {});

}  // namespace basalt::db
