// Applying one staged transaction operation to the documents, through the same document
// functions the document routes use (documents.hpp), on the handle of the engine transaction
// that commits (or, for a read inside a transaction, previews) the whole transaction.
//
// Thread-safety: stateless; the handle belongs to one engine transaction.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <utility>

#include "databases/transactions.hpp"

namespace basalt::databases {

// What earlier operations of the same commit did: documents they wrote (by documents table
// and id), which a later operation may change without a conflict check.
struct ApplyState {
    std::set<std::pair<std::string, std::string>> written;
};

// Applies `operation`, staged at `staged_at` (ms), as `actor`. A document it would change or
// delete that was changed by someone else after `staged_at` (and not by this commit) is a
// conflict. Throws kDocumentNotFound, kTransactionConflict, kDocumentInvalidStructure,
// kAttributeLimitExceeded, kAttributeTypeInvalid, kAttributeNotFound, kGeneralQueryInvalid,
// kDatabaseNotFound, kCollectionNotFound, kUserUnauthorized.
void apply_operation(db::Documents& documents, const Actor& actor, const Operation& operation,
                     std::int64_t staged_at, ApplyState& state);

// The attribute key of an increment/decrement (`attribute`, or `column` in TablesDB's words).
std::string counter_attribute(const boost::json::object& data);

}  // namespace basalt::databases
