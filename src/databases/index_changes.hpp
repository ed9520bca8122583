// A collection's indexes as Appwrite runs them: a create is checked and stored `processing`
// (202), then a background job builds the engine index and marks it `available`, or `failed`
// with the reason in `error` (nothing of it is left in the engine then); a delete marks an
// available index `deleting` and a job drops it (`stuck` when that fails).
//
// Catalog changes happen under the catalog lock (see schema_changes.hpp); index builds do not
// hold it, so other schema changes go on meanwhile.
#pragma once

#include <string>
#include <string_view>

#include "databases/catalog.hpp"
#include "databases/index_rules.hpp"
#include "databases/schema_jobs.hpp"
#include "databases/vocabulary.hpp"

namespace basalt::databases {

// Checks `index` against the collection as Appwrite does, in its order, and stores it
// `processing` (with its lengths padded to one per attribute; 0 stands for null). Errors carry
// the types and messages of `words`: kIndexLimitExceeded, kAttributeUnknown,
// kAttributeTypeInvalid (relationship), kAttributeNotAvailable, kIndexInvalid,
// kIndexAlreadyExists, kCollectionNotFound.
IndexSpec add_index(db::Database& project, const Collection& collection, IndexSpec index, const Vocabulary& words);

// For the indexes a collection create declares inline: checked as add_index, then built at
// once and stored `available` (Appwrite creates them with the collection). A failed build
// throws kIndexInvalid with the reason and leaves nothing.
IndexSpec create_index_now(db::Database& project, const Collection& collection, IndexSpec index,
                           const Vocabulary& words);

// Marks an available index `deleting` (an index in another state keeps it). Returns the index.
// Throws kIndexNotFound (in `words`).
IndexSpec remove_index(db::Database& project, const Collection& collection, std::string_view key,
                       const Vocabulary& words);

// The jobs. Each finds the collection again and does nothing when it or the index is gone.
// build_index: builds a `processing` index; available, or failed with the reason.
void build_index(db::Database& project, const CollectionRef& ref, const std::string& key);
// drop_index: drops the index from the engine and the catalog; `stuck` when the engine fails.
void drop_index(db::Database& project, const CollectionRef& ref, const std::string& key);

// Queues the job of an index just added / marked for removal.
void queue_index_build(SchemaJobs& jobs, std::string_view project_id, const Collection& collection,
                       const std::string& key);
void queue_index_drop(SchemaJobs& jobs, std::string_view project_id, const Collection& collection,
                      const std::string& key);

// Message of a failed unique index build (as Appwrite's MariaDB adapter words it).
inline constexpr std::string_view kUniqueIndexFailed = "Document with the requested unique attributes already exists";

}  // namespace basalt::databases
