// Rendered previews on the local disk, bounded in bytes (least recently used go first), the
// most recently used of them also in memory (a hit then costs no system call).
//
// An entry lives at "<root>/<folder>/<name>": the folder is a file's device key
// ("<project>/bucket_<N>/<fileId>", ids validated upstream) and the name a digest of what the
// preview was made from (the file's signature and every parameter), so an entry can never be
// served for other bytes; forget() frees a file's or a bucket's entries when they go.
// A cache per node: entries are not shared between nodes, and a stale one (a file deleted on
// another node) is never served because its file's record is read first.
//
// Thread-safety: every member may be called from any thread; the index is guarded by a mutex,
// file reads and writes happen outside it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace basalt::storage {

struct PreviewCacheOptions {
    std::filesystem::path root;                // created if missing; entries found there are kept
    std::uint64_t max_bytes = 256ull << 20;    // 0 disables the cache
    std::uint64_t memory_bytes = 32ull << 20;  // of those, kept in memory too
};

class PreviewCache {
public:
    explicit PreviewCache(PreviewCacheOptions options);

    // The entry's bytes, or nullopt (also when its file vanished from the disk).
    std::optional<std::string> get(std::string_view folder, std::string_view name);
    // Stores an entry (atomically: a reader sees all of it or nothing), then evicts the least
    // recently used entries above max_bytes. I/O errors are logged, not thrown: the cache
    // is an optimisation.
    void put(std::string_view folder, std::string_view name, std::string_view bytes);
    // Drops every entry under `folder` (a file's or a bucket's).
    void forget(std::string_view folder);

    std::uint64_t bytes() const;
    std::size_t entries() const;

private:
    struct Entry {
        std::string key;  // "<folder>/<name>"
        std::uint64_t size = 0;
        std::shared_ptr<const std::string> bytes;  // in memory, or null
    };
    // Under mutex_: adds or replaces an entry (most recent), keeps `bytes` in memory if given.
    void index(std::string key, std::uint64_t size, std::shared_ptr<const std::string> bytes);
    void evict();  // under mutex_: above max_bytes from the disk, above memory_bytes from memory

    // Constant after construction.
    const PreviewCacheOptions options_;

    mutable std::mutex mutex_;
    std::list<Entry> lru_;  // guarded by mutex_; most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;  // guarded by mutex_
    std::uint64_t bytes_ = 0;                                             // guarded by mutex_
    std::uint64_t memory_ = 0;                                            // guarded by mutex_
};

}  // namespace basalt::storage
