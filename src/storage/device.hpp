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

namespace basalt::storage {

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
    // The object's size in bytes; nullopt when it does not exist.
    virtual std::optional<std::uint64_t> size(std::string_view key) = 0;
    bool exists(std::string_view key) { return size(key).has_value(); }
    // Removes the object and any parts of an upload to it; false when there was nothing.
    virtual bool remove(std::string_view key) = 0;
    // Removes every object under `prefix` (a "<project>/<bucket>" folder).
    virtual void remove_prefix(std::string_view prefix) = 0;

    // Chunked uploads (S3: a multipart upload; 5 MiB parts fit its minimum part size).
    // Stores part `part` (1-based) of the object `key`; a part sent again replaces itself.
    // Returns how many distinct parts are stored now.
    virtual std::int64_t write_part(std::string_view key, std::int64_t part, std::string_view data) = 0;
    // How many distinct parts of the object `key` are stored.
    virtual std::int64_t count_parts(std::string_view key) = 0;
    // Removes one part (after a failed write of the request that sent it).
    virtual void remove_part(std::string_view key, std::int64_t part) = 0;
    // Joins parts 1..total, in order, into the object `key` and drops the parts. `observe`
    // sees every byte in order (hashing while assembling). Throws Error(kGeneralServerError)
    // when a part is missing.
    virtual void assemble(std::string_view key, std::int64_t total,
                          const std::function<void(std::string_view)>& observe) = 0;
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
