// Appwrite's rules for a new index (its create handler, then utopia-php/database's Index
// validator with the MariaDB adapter's limits), as pure functions of the collection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "databases/catalog.hpp"
#include "databases/vocabulary.hpp"

namespace basalt::databases {

// Appwrite's limits with its MariaDB adapter: 64 indexes per table, 6 of them internal; the
// sum of the key lengths of one index.
inline constexpr std::size_t kMaxIndexes = 58;
inline constexpr std::int64_t kMaxIndexLength = 768;


// Checks `index` against `collection` in Appwrite's order: the index count, each attribute
// (exists, not a relationship, available, not an array), then the definition (attributes,
// fulltext on strings, lengths, spatial rules) and last the key's uniqueness. Pads `lengths`
// to one entry per attribute (0 = null, as Appwrite stores an empty length). Throws
// SettledError with the types and messages of `words` (see index_changes.hpp).
void check_new_index(const Collection& collection, IndexSpec& index, std::size_t max_indexes, const Vocabulary& words);

// Throws the index-not-found error of `words`.
[[noreturn]] void index_not_found(std::string_view key, const Vocabulary& words);

// The engine's form of an index: orders upper-cased and one per attribute (Appwrite accepts
// fewer orders than attributes, and lower-case ones).
db::Index engine_index(const IndexSpec& index);

}  // namespace basalt::databases
