// File tokens (Appwrite's Tokens service, `resourceTokens`): a token lets anyone holding it read
// one file (download, view, preview) whatever the bucket and file permissions say.
//
// Records live in the internal collection `resourceTokens` (platform/collections.cpp) with
// Appwrite's attributes: resourceId "<bucketId>:<fileId>", resourceInternalId
// "<bucket $sequence>:<file $sequence>", resourceType "files", expire (null: never) and
// accessedAt; `bucketInternalId` lets a bucket's delete find its tokens. No secret is stored:
// what a client presents is a JWT the API layer signs from the record (api/tokens.cpp), as
// Appwrite re-signs its model's `secret` on every read, so there is nothing to hash.
//
// Thread-safety: FileTokens may be used from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "db/query.hpp"
#include "db/store.hpp"
#include "storage/storage.hpp"

namespace basalt::storage {

inline constexpr std::string_view kFileTokenType = "files";
// accessedAt is written at most once per this period (Appwrite's APP_RESOURCE_TOKEN_ACCESS).
inline constexpr std::int64_t kTokenAccessPeriodMs = 24LL * 60 * 60 * 1000;

// What a valid presented token grants: reading the file with these sequences.
struct FileGrant {
    std::int64_t bucket_sequence = 0;
    std::int64_t file_sequence = 0;
};

class FileTokens {
public:
    explicit FileTokens(db::Store& store);

    // A token for `file` of `bucket`; `expire_ms` nullopt = never expires.
    db::Document create(std::string_view project, const Bucket& bucket, const db::Document& file,
                        std::optional<std::int64_t> expire_ms);
    // The tokens of one file; `queries` already validated by the caller (filters on expire).
    // Throws the engine's query errors.
    db::DocumentList list(std::string_view project, const Bucket& bucket, const db::Document& file,
                          std::vector<db::Query> queries, bool with_total);
    // Throws kTokenNotFound.
    db::Document get(std::string_view project, std::string_view id);
    // Sets (or clears, nullopt) the expiry. Throws kTokenNotFound.
    db::Document update(std::string_view project, std::string_view id,
                        std::optional<std::int64_t> expire_ms);
    // Throws kTokenNotFound.
    void remove(std::string_view project, std::string_view id);

    // What the token `id` grants at `now_ms`: nullopt when it does not exist, has expired or is
    // not a file token. Records the access (accessedAt) at most once per kTokenAccessPeriodMs.
    std::optional<FileGrant> grant(std::string_view project, std::string_view id,
                                   std::int64_t now_ms);

private:
    db::Store& store_;  // constant after construction
};

// Remove the tokens of one file / of every file of a bucket (used by the deletes in Storage).
void delete_file_tokens(db::Database& db, const Bucket& bucket, const db::Document& file);
void delete_bucket_tokens(db::Database& db, const Bucket& bucket);

}  // namespace basalt::storage
