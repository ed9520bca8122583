// Documents (rows) of users' collections, with Appwrite's rules on top of the engine's:
// disabled databases and collections are invisible to everyone but API keys, a caller may only
// grant permissions to roles it holds, a signed-in creator gets read, update and delete on
// what it creates unless it names the permissions itself, and a unique-index violation is
// reported as document_already_exists (Appwrite 1.9 has no unique-constraint error type).
//
// Every write follows validate -> write -> render (prepare_* builds the engine document, the
// engine call writes it, to_api renders it), so a hook (relationships, staged transactions)
// can sit between the steps.
//
// Writes take a db::Documents&: the project database (one transaction per call) or the handle
// of Database::transact. Operations that read before they write (upserts, bulk writes,
// increments) must run inside transact to be all-or-nothing — the API layer does that.
//
// Thread-safety: free functions over a thread-safe db::Database.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "databases/catalog.hpp"
#include "db/query.hpp"

namespace basalt::databases {

// Documents in one bulk request, and documents shown in a bulk response (Appwrite's
// APP_LIMIT_DATABASE_BATCH).
inline constexpr std::size_t kBatchLimit = 100;
// Permissions one document may carry.
inline constexpr std::size_t kMaxPermissions = 100;

// Who acts on the data.
struct Actor {
    db::Authorization auth;  // skip for API keys
    std::string user_id;     // the signed-in user, "" for guests and keys

    bool privileged() const { return auth.skip; }
};

// The database, for `actor`. Throws kDatabaseNotFound (absent, or disabled for non-keys).
db::Document require_database(db::Documents& project, std::string_view id, const Actor& actor);
// The collection of a database, for `actor`. Throws kDatabaseNotFound, kCollectionNotFound
// (absent, or disabled for non-keys).
Collection require_collection(db::Documents& project, std::string_view database_id, std::string_view collection_id,
                              const Actor& actor);

// What Appwrite's Permissions validator says about a document's permission list, nullopt
// when it is valid (syntax, known types and roles, no create, at most kMaxPermissions).
std::optional<std::string> permissions_problem(std::span<const std::string> permissions);

// Checks that `actor` may grant every role of `permissions` (normalised document permissions).
// Throws kUserUnauthorized naming the roles it may grant.
void check_grantable(const std::vector<std::string>& permissions, const Actor& actor);

struct NewDocument {
    std::string id;             // empty: generated
    boost::json::object data;   // may hold $createdAt/$updatedAt (kept for privileged callers)
    std::optional<std::vector<std::string>> permissions;  // nullopt: the creator's defaults
};

// A bulk item ({$id?, $permissions?, ...data}) as a NewDocument. Throws kGeneralBadRequest for
// an invalid $id or $permissions.
NewDocument bulk_item(boost::json::object item);

// read, update and delete for "user:ID": what a signed-in creator gets by default.
std::vector<std::string> creator_permissions(std::string_view user_id);
// `permissions` checked (Appwrite's messages), normalised and grantable by `actor`. Throws
// kGeneralArgumentInvalid, kUserUnauthorized.
std::vector<std::string> granted(const std::vector<std::string>& permissions, const Actor& actor);

// Validates `document` and builds what the engine stores. Throws kDocumentMissingData,
// kDocumentInvalidStructure, kUserUnauthorized.
db::Document prepare_create(const Collection& collection, const Actor& actor, NewDocument document);

// Throws what prepare_create throws, kDocumentAlreadyExists (id taken or unique index), and the
// engine's kUserUnauthorized (no create permission).
db::Document create_document(db::Documents& project, const Collection& collection, const Actor& actor,
                             NewDocument document);
// Throws kDocumentNotFound.
db::Document get_document(db::Documents& project, const Collection& collection, const Actor& actor,
                          std::string_view id, std::span<const db::Query> queries);
db::DocumentList list_documents(db::Documents& project, const Collection& collection, const Actor& actor,
                                std::span<const db::Query> queries, bool with_total);
// `data` may be empty when `permissions` are given (else kDocumentMissingPayload).
db::Document update_document(db::Documents& project, const Collection& collection, const Actor& actor,
                             std::string_view id, const boost::json::object& data,
                             std::optional<std::vector<std::string>> permissions);
void delete_document(db::Documents& project, const Collection& collection, const Actor& actor, std::string_view id);

// Creates the document when `id` is free (as create_document, with the creator's defaults when
// `permissions` is nullopt), else merges `data` into it (as update_document). Run in transact.
db::Document upsert_document(db::Documents& tx, const Collection& collection, const Actor& actor, NewDocument document);

// Bulk writes (run in transact: one bad item refuses the batch). Each returns the number of
// documents written as `total` and the first kBatchLimit of them.
// Throws kGeneralUnauthorizedScope unless the actor is privileged, and what create_document throws.
db::DocumentList create_documents(db::Documents& tx, const Collection& collection, const Actor& actor,
                                  std::vector<NewDocument> documents);
db::DocumentList upsert_documents(db::Documents& tx, const Collection& collection, const Actor& actor,
                                  std::vector<NewDocument> documents);
// Applies `data` (which may hold $permissions) to every document matching `queries` (all when
// none; limit/offset/cursor/order queries apply). Throws kDocumentMissingPayload for empty data.
db::DocumentList update_documents(db::Documents& tx, const Collection& collection, const Actor& actor,
                                  const boost::json::object& data, std::span<const db::Query> queries);
// Deletes every document matching `queries`; returns the deleted ones.
db::DocumentList delete_documents(db::Documents& tx, const Collection& collection, const Actor& actor,
                                  std::span<const db::Query> queries);

// Adds `value` (> 0) to a numeric attribute, or subtracts it; `bound` is the max (increment) or
// the min (decrement) the result may reach. `service` names the API in messages ("databases",
// "tablesDB"). The engine applies it in one SQL statement (db::Documents::increment_document),
// so concurrent steps never lose one another, also across nodes. Throws kAttributeNotFound (unknown attribute or document),
// kAttributeTypeInvalid, kAttributeLimitExceeded, kUserUnauthorized, kDocumentInvalidStructure.
struct Step {
    std::string attribute;
    double value = 1;
    std::optional<double> bound;
    bool decrement = false;
    std::string_view service;
};
db::Document step_document(db::Documents& tx, const Collection& collection, const Actor& actor, std::string_view id,
                           const Step& step);
// The API form of a stored document's data, in place.
void to_api(const Collection& collection, db::Document& document);

}  // namespace basalt::databases
