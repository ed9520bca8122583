// Documents (rows) of users' collections, with Appwrite's rules on top of the engine's:
// disabled databases and collections are invisible to everyone but API keys, a caller may only
// grant permissions to roles it holds, and a signed-in creator gets read, update and delete on
// what it creates unless it names the permissions itself.
//
// Thread-safety: free functions over a thread-safe db::Database.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "databases/catalog.hpp"
#include "db/query.hpp"

namespace basalt::databases {

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

// Checks that `actor` may grant every role of `permissions` (normalised document permissions).
// Throws kUserUnauthorized naming the roles it may grant.
void check_grantable(const std::vector<std::string>& permissions, const Actor& actor);

struct NewDocument {
    std::string id;
    boost::json::object data;
    std::optional<std::vector<std::string>> permissions;  // nullopt: the creator's defaults
};

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

// The API form of a stored document's data, in place.
void to_api(const Collection& collection, db::Document& document);

}  // namespace basalt::databases
