// Appwrite's staged transactions over users' documents (rows): a transaction collects write
// operations (staged through POST .../transactions/{id}/operations or through the document
// routes called with `transactionId`) and applies all of them at commit in one engine
// transaction, or none.
//
// Everything lives in the project's store, so any node may stage into or commit a transaction
// another node created: the record in the internal collection `transactions` (status,
// operation count, expiresAt; document permissions for the creating user) and one record per
// staged operation in `transactionLogs` (platform/collections.cpp). Writers serialise on the
// transaction record: each staging, commit and rollback first touches it inside its engine
// transaction (a row lock on PostgreSQL; SQLite has one writer anyway) and decides on the
// state it reads after that, so two commits never both apply, and nothing staged concurrently
// with a commit is lost.
//
// Thread-safety: free functions over a thread-safe db::Database.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "databases/documents.hpp"
#include "databases/vocabulary.hpp"
#include "db/store.hpp"

namespace basalt::databases {

inline constexpr std::string_view kTransactionsCollection = "transactions";
inline constexpr std::string_view kTransactionLogsCollection = "transactionLogs";

inline constexpr std::size_t kMaxTransactionOperations = 100;  // APP_LIMIT_DATABASE_TRANSACTION
inline constexpr std::int64_t kMinTransactionTtl = 60;         // seconds
inline constexpr std::int64_t kMaxTransactionTtl = 3600;
inline constexpr std::int64_t kDefaultTransactionTtl = 300;

// Transaction statuses (there is no "rolled back": a rollback ends as failed, as in Appwrite).
inline constexpr std::string_view kStatusPending = "pending";
inline constexpr std::string_view kStatusCommitting = "committing";
inline constexpr std::string_view kStatusCommitted = "committed";
inline constexpr std::string_view kStatusFailed = "failed";

enum class Action {
    kCreate,
    kUpdate,
    kUpsert,
    kDelete,
    kIncrement,
    kDecrement,
    kBulkCreate,
    kBulkUpdate,
    kBulkUpsert,
    kBulkDelete,
};

std::string_view to_string(Action action) noexcept;
std::optional<Action> action_from(std::string_view name) noexcept;
bool is_bulk(Action action) noexcept;
// Actions that name one document (documentId/rowId required).
bool names_document(Action action) noexcept;

// One staged write. `data` by action: create/update/upsert: the document's attributes (plus
// `$permissions` when given); delete: empty; increment/decrement: {attribute|column, value,
// max|min}; bulkCreate/bulkUpsert: an array of documents ($id, $permissions, attributes);
// bulkUpdate: {data, queries}; bulkDelete: {queries}.
struct Operation {
    Action action = Action::kCreate;
    std::string database_id;
    std::string collection_id;
    std::string document_id;  // empty for bulk actions
    boost::json::value data;
};

// How a route reports a transaction it cannot stage into; Appwrite 1.9.6 differs per route.
enum class StagingRoute {
    kDocument,    // single create/update/upsert/delete and bulk create: 404 transaction_not_found,
                  // 400 transaction_not_ready, 410 transaction_expired
    kOperations,  // createOperations: 404, 400 general_bad_request "Invalid or non‑pending
                  // transaction", 410
    kIncrement,   // increment/decrement: general_bad_request for absent or not pending, 410
    kBulk,        // bulk update/upsert/delete: general_bad_request; expiry not checked
};

// Creates a pending transaction expiring in `ttl_seconds` (kMinTransactionTtl..kMax..., checked
// by the caller). A signed-in creator gets read, update and delete on it. Removes expired
// transactions of the project first.
db::Document create_transaction(db::Database& project, const Actor& actor, std::int64_t ttl_seconds);

// Throws kTransactionNotFound (absent or not readable by `actor`).
db::Document get_transaction(db::Documents& project, const Actor& actor, std::string_view id);

// `queries` may filter and order on status and expiresAt (checked by the caller).
db::DocumentList list_transactions(db::Database& project, const Actor& actor, std::span<const db::Query> queries);

// Removes the transaction and its staged operations. Throws kTransactionNotFound.
void delete_transaction(db::Database& project, const Actor& actor, std::string_view id);

// The checks of `route` on the transaction before staging `adding` operations: it exists for
// `actor`, is pending, not expired, and has room (kTransactionLimitExceeded). Throws per `route`.
void require_stageable(db::Documents& project, const Actor& actor, std::string_view transaction_id,
                       StagingRoute route, std::size_t adding);

// Checks what Appwrite checks before staging `operations` (createOperations, or one document
// route): the database and collection exist for `actor`; update/delete/increment/decrement
// (and upsert, for its permission) find their document in the transaction's view (stored,
// or created by an earlier staged or listed operation); `actor` may write. Throws
// kDatabaseNotFound, kCollectionNotFound, kDocumentNotFound, kUserUnauthorized,
// kGeneralBadRequest.
void check_operations(db::Documents& project, const Actor& actor, std::string_view transaction_id,
                      std::span<const Operation> operations);

// Appends `operations` to a pending transaction. Returns the updated transaction record.
// Throws per `route` (see StagingRoute) and kTransactionLimitExceeded past
// kMaxTransactionOperations.
db::Document stage_operations(db::Database& project, const Actor& actor, std::string_view transaction_id,
                              std::span<const Operation> operations, StagingRoute route);

// Applies every staged operation in one engine transaction, in order, as `actor`; then the
// transaction is committed. When one fails nothing is written, the transaction is marked failed
// and the error is thrown: kDocumentNotFound, kTransactionConflict (duplicate id, or a document
// changed outside the transaction after the operation was staged), kDocumentInvalidStructure,
// kAttributeLimitExceeded, kGeneralQueryInvalid, or what the document functions throw.
// Throws kTransactionNotFound, kTransactionNotReady (not pending), kTransactionExpired.
db::Document commit_transaction(db::Database& project, const Actor& actor, std::string_view id);

// Marks a pending transaction failed without applying anything. Same errors as commit's
// precondition checks.
db::Document rollback_transaction(db::Database& project, const Actor& actor, std::string_view id);

// Runs `read` on the transaction's view of the data: the stored documents with the
// transaction's staged operations applied, in an engine transaction that is always rolled back.
// When a staged operation cannot be applied, `read` sees the stored documents only. Throws
// kTransactionNotFound, and what `read` throws.
void read_in_transaction(db::Database& project, const Actor& actor, std::string_view id,
                         const std::function<void(db::Documents&)>& read);

// Deletes transactions past their expiry (at most `limit`) with their staged operations.
void remove_expired_transactions(db::Database& project, std::int64_t limit = 100);

}  // namespace basalt::databases
