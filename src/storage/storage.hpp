// Storage: buckets and their files, on the document engine and a Device.
//
// Where things live:
//  - a bucket is a record of the internal collection `buckets` (platform/collections.cpp); its
//    permissions (which may hold create(...)) are JSON in its `permissions` attribute;
//  - its files are records of the engine collection `bucket_<N>` (N = the bucket's $sequence),
//    whose schema carries the bucket permissions and fileSecurity, so the engine enforces file
//    reads exactly as it enforces documents;
//  - a file's bytes are the device object "<project>/bucket_<N>/<fileId>"; an upload in chunks
//    keeps its parts beside it until the last one arrives.
//
// Thread-safety: Storage may be used from any thread. Uploads of one file are serialised in
// this process (a striped lock per file), except the chunks of an upload in progress, which
// write and count their parts in parallel (the lock held shared; creating the upload,
// assembling and deleting take it exclusively); two nodes writing chunks of one file at the same
// instant could lose a chunksUploaded count (documented limit, as the databases' increments).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/recent_cache.hpp"
#include "db/authorization.hpp"
#include "db/document.hpp"
#include "db/query.hpp"
#include "db/store.hpp"
#include "storage/device.hpp"
#include "storage/upload_hashes.hpp"

namespace basalt::storage {

struct FileGrant;  // tokens.hpp
class Antivirus;   // antivirus.hpp

// Appwrite's constants: the SDKs' chunk size, and the size above which files are stored as
// sent (no compression, no encryption: APP_STORAGE_READ_BUFFER).
inline constexpr std::int64_t kChunkSize = static_cast<std::int64_t>(Device::kPartSize);
inline constexpr std::int64_t kTransformLimit = 20'000'000;
// Largest slice a Range request without an end gets (Appwrite's MAX_OUTPUT_CHUNK_SIZE).
inline constexpr std::int64_t kOpenRangeLimit = 10 * 1024 * 1024;

struct StorageOptions {
    // Largest file a bucket may accept (Appwrite's _APP_STORAGE_LIMIT), and the default
    // maximumFileSize of new buckets.
    std::int64_t file_size_limit = 30'000'000;
    // 32 bytes from which each project's AES-256-GCM key is derived (HMAC-SHA256).
    std::string master_key;
    // Told the device folder of a file (its key) or bucket whose bytes were removed, after the
    // removal (the preview cache forgets what it rendered from them). May be empty.
    std::function<void(std::string_view folder)> on_removed;
    // Scans uploads to buckets with `antivirus` (not owned; nullptr: no scans).
    Antivirus* antivirus = nullptr;
};

// Who acts: API keys skip permissions (auth.skip).
struct Actor {
    db::Authorization auth;
    std::string user_id;  // the signed-in user, "" otherwise

    bool privileged() const { return auth.skip; }
};

struct Bucket {
    db::Document record;  // permissions = the bucket permissions; data as in `buckets`

    const std::string& id() const { return record.id; }
    bool enabled() const;
    bool file_security() const;
    std::int64_t maximum_file_size() const;
    std::vector<std::string> allowed_file_extensions() const;
    std::string compression() const;
    bool encryption() const;
    bool antivirus() const;
    // The engine collection of its files.
    std::string files_table() const;
};

struct BucketSettings {
    std::string name;
    std::optional<std::vector<std::string>> permissions;  // nullopt: none (create) / keep (update)
    bool file_security = false;
    bool enabled = true;
    std::optional<std::int64_t> maximum_file_size;  // nullopt: the limit (create) / keep (update)
    std::vector<std::string> allowed_file_extensions;
    std::string compression = "none";  // none | gzip | zstd
    bool encryption = true;
    bool antivirus = true;
    bool transformations = true;
};

// One upload request: a whole file, or one chunk of it as the SDKs send them.
struct Upload {
    std::string file_id;                        // the fileId param, resolved ("unique()" replaced)
    std::optional<std::string> upload_id;       // the x-appwrite-id header
    std::optional<std::string> content_range;   // the Content-Range header
    std::string name;                           // the part's file name
    std::optional<std::vector<std::string>> permissions;
    std::string_view data;
};

class Storage {
public:
    Storage(db::Store& store, Device& device, StorageOptions options);

    // Buckets (reached with API keys only: no permission checks here).
    // Throws kStorageBucketAlreadyExists, kGeneralArgumentInvalid (permissions, size, compression).
    Bucket create_bucket(std::string_view project, const std::string& id, const BucketSettings& settings);
    std::optional<Bucket> find_bucket(std::string_view project, std::string_view id);
    // Throws kStorageBucketNotFound and what create_bucket throws.
    Bucket update_bucket(std::string_view project, std::string_view id, const BucketSettings& settings);
    // Removes the bucket, its files, their tokens and their bytes. Throws kStorageBucketNotFound.
    void delete_bucket(std::string_view project, std::string_view id);
    // Bucket from a record of `buckets` (as listed).
    static Bucket bucket_from(db::Document record);

    // The bucket for `actor`: kStorageBucketNotFound when absent, or disabled for non-keys.
    // Served from a cache (the gate of every file request): outdated at once by a bucket write on
    // this node, within a second by another node's.
    std::shared_ptr<const Bucket> require_bucket(std::string_view project, std::string_view id, const Actor& actor);

    // Stores a whole file or one chunk; returns the file record (chunksUploaded shows the
    // progress). Throws kUserUnauthorized (no create permission, ungrantable roles),
    // kGeneralArgumentInvalid (permissions), kStorageInvalidContentRange, kStorageInvalidAppwriteId,
    // kStorageFileTypeUnsupported, kStorageInvalidFileSize, kStorageFileAlreadyExists. A refused
    // request leaves nothing behind.
    db::Document upload(std::string_view project, const Bucket& bucket, const Actor& actor, const Upload& upload);

    // Throws kUserUnauthorized (no bucket read and no fileSecurity), kStorageFileNotFound.
    // `grant` (a file token presented with a download, view or preview) lets anyone read the
    // file it names, and refuses every other file (kUserUnauthorized), as Appwrite.
    db::Document get_file(std::string_view project, const Bucket& bucket, const Actor& actor, std::string_view id,
                          const FileGrant* grant = nullptr);
    // Throws kUserUnauthorized, and the engine's query errors.
    db::DocumentList list_files(std::string_view project, const Bucket& bucket, const Actor& actor,
                                std::span<const db::Query> queries, bool with_total);
    // Throws kUserUnauthorized, kStorageFileNotFound, kGeneralArgumentInvalid.
    db::Document update_file(std::string_view project, const Bucket& bucket, const Actor& actor, std::string_view id,
                             std::optional<std::string> name, std::optional<std::vector<std::string>> permissions);
    // Removes the record, its file tokens and the bytes (or the parts of an unfinished upload).
    void delete_file(std::string_view project, const Bucket& bucket, const Actor& actor, std::string_view id);

    // `length` bytes of the file's original content from `offset` (kToEnd: to the end),
    // decrypted and decompressed. Throws kStorageFileNotFound when the upload is unfinished
    // or the bytes are missing on the device.
    std::string read(std::string_view project, const db::Document& file, std::uint64_t offset = 0,
                     std::uint64_t length = Device::kToEnd);
    // The same bytes as read(), as a reader: files stored as sent stream from the device;
    // encrypted or compressed ones (at most kTransformLimit bytes) are decoded in memory first.
    std::unique_ptr<ObjectReader> open(std::string_view project, const db::Document& file, std::uint64_t offset = 0,
                                       std::uint64_t length = Device::kToEnd);

private:
    db::Document store_whole(db::Database& db, std::string_view project, const Bucket& bucket,
                             const std::string& key, const std::string& id, const Upload& upload,
                             std::vector<std::string> permissions);
    void finish_chunks(db::Database& db, std::string_view project, const Bucket& bucket, const std::string& key,
                       const db::Document& file);
    // What a file's bytes become on the device, and the record fields saying so.
    boost::json::object seal(std::string_view project, const Bucket& bucket, std::string& data);
    void add_to_total(db::Database& db, const Bucket& bucket, std::int64_t delta);
    // Outdates the cached buckets when it goes out of scope (also when the write throws): the
    // first line of every function that writes bucket records.
    struct BucketWrite {
        std::atomic<std::uint64_t>& writes;
        ~BucketWrite() { writes.fetch_add(1, std::memory_order_acq_rel); }
    };

    // Constant after construction.
    db::Store& store_;
    Device& device_;
    const StorageOptions options_;
    const std::shared_ptr<UploadHashes> hashes_;  // the MD5 of chunked uploads in progress

    std::atomic<std::uint64_t> bucket_writes_{0};  // the generation of buckets_
    RecentCache<Bucket> buckets_;                   // what require_bucket found, by project and id
};

// Appwrite's checks of a permission list: at most 100, valid syntax, types allowed in
// `allowed` ("read", "create", ...). nullopt when valid.
std::optional<std::string> permissions_problem(std::span<const std::string> permissions,
                                               std::span<const std::string_view> allowed);

}  // namespace basalt::storage
