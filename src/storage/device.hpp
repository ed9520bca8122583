// Where file bytes live, behind one small interface (like leveldb's Env): the local disk or
// S3-compatible object storage. Keys are relative paths built from validated ids
// ("<project>/<bucket>/<file>"), never from user-supplied names.
//
// Thread-safety: every member may be called from any thread. Writes of one object are atomic
// (a reader sees the old or the new bytes, never a mix); callers serialise the assembly of one
// upload (storage/files.cpp holds a lock per file).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace basalt::storage {

// A byte range of an object, handed out in pieces (downloads stream it instead of holding it).
class ObjectReader {
public:
    virtual ~ObjectReader() = default;
    // The range's length in bytes.
    virtual std::uint64_t size() const = 0;
    // Copies up to `max` next bytes into `out`; returns how many, 0 only at the end.
    // Throws Error(kGeneralServerError) on I/O errors.
    virtual std::size_t read(char* out, std::size_t max) = 0;
    // The local file holding the range and the range's offset in it (for sendfile(2)), when
    // there is one; the descriptor stays open as long as the reader lives.
    virtual std::optional<std::pair<int, std::uint64_t>> file() const { return std::nullopt; }
};

// An ObjectReader over bytes already in memory.
std::unique_ptr<ObjectReader> make_memory_reader(std::string bytes);

class Device {
public:
    static constexpr std::uint64_t kToEnd = ~std::uint64_t{0};

    virtual ~Device() = default;

    // Stores `data` as the whole object `key`, replacing it. Throws Error(kGeneralServerError).
    virtual void write(std::string_view key, std::string_view data) = 0;
    // `length` bytes from `offset` (fewer at the end of the object; kToEnd: to the end).
    // nullopt when the object does not exist. Throws Error(kGeneralServerError) on I/O errors.
    virtual std::optional<std::string> read(std::string_view key, std::uint64_t offset = 0,
                                            std::uint64_t length = kToEnd) = 0;
    // A reader of `length` bytes from `offset` (fewer at the end; kToEnd: to the end), opened
    // now, so a later replacement or removal of the object does not change what it reads.
    // nullopt when the object does not exist. The default reads the range into memory with
    // read(); devices that can stream override it. Throws Error(kGeneralServerError).
    virtual std::optional<std::unique_ptr<ObjectReader>> open(std::string_view key, std::uint64_t offset = 0,
                                                              std::uint64_t length = kToEnd) {
        auto bytes = read(key, offset, length);
        if (!bytes) return std::nullopt;
        return make_memory_reader(std::move(*bytes));
    }
    // The object's size in bytes; nullopt when it does not exist.
    virtual std::optional<std::uint64_t> size(std::string_view key) = 0;
    bool exists(std::string_view key) { return size(key).has_value(); }
    // Removes the object and any parts of an upload to it; false when there was nothing.
    virtual bool remove(std::string_view key) = 0;
    // Removes every object under `prefix` (a "<project>/<bucket>" folder).
    virtual void remove_prefix(std::string_view prefix) = 0;

    // Chunked uploads (S3: a multipart upload; 5 MiB parts fit its minimum part size). Every part
    // but the last is exactly kPartSize bytes (the SDKs' chunk size; storage/files.cpp checks it),
    // so part N starts at byte (N - 1) * kPartSize of the object.
    static constexpr std::uint64_t kPartSize = 5 * 1024 * 1024;
    // Stores part `part` (1-based) of the object `key` durably; a part sent again replaces
    // itself. Parts of one object may be written concurrently. Returns how many distinct parts
    // are stored now.
    virtual std::int64_t write_part(std::string_view key, std::int64_t part, std::string_view data) = 0;
    // How many distinct parts of the object `key` are stored.
    virtual std::int64_t count_parts(std::string_view key) = 0;
    // Removes one part (after a failed write of the request that sent it).
    virtual void remove_part(std::string_view key, std::int64_t part) = 0;
    // The `size` bytes of part `part` as stored, read back before the assembly; nullopt when the
    // device cannot (S3 keeps the parts of an unfinished multipart upload unreadable) or holds
    // fewer bytes there.
    virtual std::optional<std::string> read_part(std::string_view key, std::int64_t part, std::size_t size) {
        (void)key, (void)part, (void)size;
        return std::nullopt;
    }
    // Joins parts 1..total, in order, into the object `key` and drops the parts. `observe`
    // sees every byte in order (hashing while assembling). Throws Error(kGeneralServerError)
    // when a part is missing.
    virtual void assemble(std::string_view key, std::int64_t total,
                          const std::function<void(std::string_view)>& observe) = 0;
    // assemble() for a caller that needs no bytes (it hashed the parts as they came): devices
    // that can join parts without reading them override it.
    virtual void assemble_without_reading(std::string_view key, std::int64_t total) {
        assemble(key, total, [](std::string_view) {});
    }
};

// Files under `root`, one per object; parts of an upload in "<key>.parts/". Creates `root`.
std::unique_ptr<Device> make_local_device(std::filesystem::path root);

// Where an S3 device stores objects (docs/configuration.md, --s3-*).
struct S3Options {
    std::string endpoint;  // http(s)://HOST[:PORT]; empty = https://s3.<region>.amazonaws.com
    std::string region = "us-east-1";
    std::string bucket;
    std::string access_key;
    std::string secret;
    bool path_style = false;  // HOST/BUCKET/KEY instead of BUCKET.HOST/KEY (MinIO, s3rver, ...)
    long timeout_seconds = 60;  // a transfer stalled that long fails
};

// Objects of an S3-compatible bucket through libcurl (SigV4). Parts of a chunked upload are a
// multipart upload, tracked by the small record object "<folder>/.uploads/<name>" (ids never
// start with '.', so it cannot collide with a file). Throws Error(kGeneralArgumentInvalid) on
// incomplete options.
std::unique_ptr<Device> make_s3_device(S3Options options);

}  // namespace basalt::storage
