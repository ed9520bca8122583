// The S3 device: objects of one bucket of an S3-compatible store (AWS, MinIO, s3rver, ...).
//
// Chunked uploads are S3 multipart uploads. S3 cannot list the parts of an upload everywhere
// (s3rver has no ListParts), so the upload id and each part's ETag are kept in a small record
// object "<folder>/.uploads/<name>", whose read-modify-write is serialised per key in this
// process (parts of one upload arrive in parallel); two nodes writing parts of one upload at
// the same instant could lose one (docs/scaling.md). Parts cannot be read back before the
// upload completes, so `assemble` completes it and then re-reads the object once to let
// `observe` see every byte in order (an MD5 cannot be combined from the parts' hashes).
#include <fmt/format.h>

#include <array>
#include <mutex>
#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include <map>
#include <sstream>

#include "core/error.hpp"
#include "storage/device.hpp"
#include "storage/s3_http.hpp"
#include "storage/s3_xml.hpp"

namespace basalt::storage {
namespace {

constexpr std::size_t kDeleteBatch = 1000;  // DeleteObjects' limit

std::string base64(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3), '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string md5_base64(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(data.data(), data.size(), digest, &size, EVP_md5(), nullptr);
    return base64(std::string_view(reinterpret_cast<const char*>(digest), size));
}

// The multipart upload in progress for one key: its id and the ETag of each part.
struct UploadRecord {
    std::string upload_id;
    std::map<std::int64_t, std::string> parts;

    std::string serialise() const {
        std::string out = "upload " + upload_id + "\n";
        for (const auto& [number, etag] : parts) out += fmt::format("{} {}\n", number, etag);
        return out;
    }
    static UploadRecord parse(const std::string& text) {
        UploadRecord record;
        std::istringstream in(text);
        std::string word;
        if (!(in >> word) || word != "upload" || !(in >> record.upload_id)) {
            throw Error(ErrorType::kGeneralServerError, "corrupt upload record on the storage device");
        }
        std::int64_t number = 0;
        std::string etag;
        while (in >> number >> etag) record.parts[number] = etag;
        return record;
    }
};

class S3Device final : public Device {
public:
    explicit S3Device(S3Options options) : http_(std::move(options)) { probe(); }

    void write(std::string_view key, std::string_view data) override {
        expect_ok(send({.method = "PUT", .key = checked(key), .body = data}), "write");
    }

    std::optional<std::string> read(std::string_view key, std::uint64_t offset, std::uint64_t length) override {
        if (length == 0) return exists(key) ? std::optional<std::string>("") : std::nullopt;
        S3Request request{.method = "GET", .key = checked(key)};
        const bool to_end = length == kToEnd || offset + length < offset;
        if (offset > 0 || !to_end) {
            request.headers.push_back(to_end ? fmt::format("Range: bytes={}-", offset)
                                             : fmt::format("Range: bytes={}-{}", offset, offset + length - 1));
        }
        auto response = send(request);
        if (missing(response)) return std::nullopt;
        if (response.status == 416) return std::string();  // the object exists, the range starts past its end
        expect_ok(response, "read");
        if (response.status == 200 && (offset > 0 || !to_end)) {  // a server that ignores Range
            if (offset >= response.body.size()) return std::string();
            return response.body.substr(offset, to_end ? std::string::npos : length);
        }
        // A server that sends more than asked (s3rver reads "bytes=0-0" as "bytes=0-").
        if (!to_end && response.body.size() > length) response.body.resize(length);
        return std::move(response.body);
    }

    std::optional<std::uint64_t> size(std::string_view key) override {
        auto response = send({.method = "HEAD", .key = checked(key)});
        if (missing(response)) return std::nullopt;
        expect_ok(response, "size");
        const auto found = response.headers.find("content-length");
        if (found == response.headers.end()) fail(response, "size", "no Content-Length");
        return std::stoull(found->second);
    }

    bool remove(std::string_view key) override {
        const bool existed = exists(key);
        expect_ok(send({.method = "DELETE", .key = checked(key)}), "remove");
        const bool had_upload = drop_upload(std::string(key));
        return existed || had_upload;
    }

    void remove_prefix(std::string_view prefix) override {
        const auto folder = checked(prefix) + "/";
        // ListObjectsV2 pages (1000 keys at most), each deleted before the next is asked for.
        std::string token;
        for (;;) {
            std::string query = token.empty() ? "" : "continuation-token=" + s3_encode(token, false) + "&";
            query += "list-type=2&prefix=" + s3_encode(folder, false);
            auto response = send({.method = "GET", .query = query});
            expect_ok(response, "list");
            auto page = s3xml::parse_list_page(response.body);
            for (const auto& key : page.keys) {
                if (key.find("/.uploads/") != std::string::npos) abort_upload(key);
            }
            for (std::size_t i = 0; i < page.keys.size(); i += kDeleteBatch) {
                const std::vector<std::string> batch(page.keys.begin() + static_cast<std::ptrdiff_t>(i),
                                                     page.keys.begin() + static_cast<std::ptrdiff_t>(
                                                                             std::min(page.keys.size(), i + kDeleteBatch)));
                delete_objects(batch);
            }
            if (page.next_token.empty()) break;
            token = page.next_token;
        }
    }

    // Parts of one upload arrive in parallel (storage/files.cpp): the record's read-modify-write
    // is serialised per key in this process, the part itself uploads outside the lock.
    std::int64_t write_part(std::string_view key, std::int64_t part, std::string_view data) override {
        const auto name = checked(key);
        std::string upload_id;
        {
            const std::lock_guard lock(record_lock(name));
            auto record = load_record(name);
            if (!record) {
                auto created = send({.method = "POST", .key = name, .query = "uploads="});
                expect_ok(created, "create multipart upload");
                record = UploadRecord{.upload_id = s3xml::parse_upload_id(created.body), .parts = {}};
                store_record(name, *record);  // before any part, so remove() can always abort it
            }
            upload_id = record->upload_id;
        }
        auto uploaded = send({.method = "PUT",
                              .key = name,
                              .query = fmt::format("partNumber={}&uploadId={}", part, s3_encode(upload_id, false)),
                              .body = data});
        expect_ok(uploaded, "upload part");
        const auto etag = uploaded.headers.find("etag");
        if (etag == uploaded.headers.end() || etag->second.empty()) fail(uploaded, "upload part", "no ETag");
        const std::lock_guard lock(record_lock(name));
        auto record = load_record(name);
        if (!record || record->upload_id != upload_id) {
            throw Error(ErrorType::kGeneralServerError, fmt::format("the upload of {} was removed meanwhile", name));
        }
        record->parts[part] = etag->second;
        store_record(name, *record);
        return static_cast<std::int64_t>(record->parts.size());
    }

    std::int64_t count_parts(std::string_view key) override {
        const auto record = load_record(checked(key));
        return record ? static_cast<std::int64_t>(record->parts.size()) : 0;
    }

    // S3 cannot delete one part; forgetting its ETag leaves it out of the completed object
    // (and a part sent again replaces it on the server).
    void remove_part(std::string_view key, std::int64_t part) override {
        const auto name = checked(key);
        const std::lock_guard lock(record_lock(name));
        auto record = load_record(name);
        if (!record || record->parts.erase(part) == 0) return;
        store_record(name, *record);
    }

    void assemble(std::string_view key, std::int64_t total,
                  const std::function<void(std::string_view)>& observe) override {
        complete(key, total);
        // Parts cannot be read before completion, and their hashes do not combine into the
        // object's MD5: the caller's bytes come from one read of the whole object.
        expect_ok(send({.method = "GET", .key = checked(key), .sink = observe}), "read assembled object");
    }

    void assemble_without_reading(std::string_view key, std::int64_t total) override { complete(key, total); }

private:
    // CompleteMultipartUpload of parts 1..total, then drops the upload record.
    void complete(std::string_view key, std::int64_t total) {
        const auto name = checked(key);
        const std::lock_guard lock(record_lock(name));
        const auto record = load_record(name);
        if (!record) throw Error(ErrorType::kGeneralServerError, fmt::format("no parts of {} are stored", name));
        std::vector<std::pair<std::int64_t, std::string>> parts;
        for (std::int64_t part = 1; part <= total; ++part) {
            const auto found = record->parts.find(part);
            if (found == record->parts.end()) {
                throw Error(ErrorType::kGeneralServerError, fmt::format("part {} of {} is missing", part, name));
            }
            parts.emplace_back(part, found->second);
        }
        const auto body = s3xml::complete_request(parts);
        auto completed = send({.method = "POST",
                               .key = name,
                               .query = "uploadId=" + s3_encode(record->upload_id, false),
                               .headers = {"Content-Type: application/xml"},
                               .body = body});
        expect_ok(completed, "complete multipart upload");
        // A CompleteMultipartUpload can fail after its 200 status line: the body says so.
        if (auto error = s3xml::parse_error(completed.body)) fail(completed, "complete multipart upload", error->code);
        expect_ok(send({.method = "DELETE", .key = record_key(name)}), "remove upload record");
    }

    static std::mutex& record_lock(const std::string& name) {
        static std::array<std::mutex, 64> stripes;
        return stripes[std::hash<std::string>{}(name) % stripes.size()];
    }

    S3Response send(const S3Request& request) { return http_.send(request); }

    // HeadBucket once at start-up: a wrong bucket, key or endpoint shows in the log at once
    // rather than at the first upload. Not fatal: the store may come up after Basalt.
    void probe() {
        try {
            const auto response = send({.method = "HEAD"});
            if (response.status / 100 != 2) {
                spdlog::warn("S3 bucket {} at {} answers HTTP {} (403: wrong key or secret, 404: no such bucket): "
                             "file storage will fail until it is fixed",
                             http_.options().bucket, http_.options().endpoint, response.status);
            }
        } catch (const Error& e) {
            spdlog::warn("S3 bucket {} is unreachable: {}", http_.options().bucket, e.what());
        }
    }

    // 404 for the object itself; a missing bucket (NoSuchBucket) is a server error. HEAD
    // answers have no body to tell them apart.
    bool missing(const S3Response& response) {
        if (response.status != 404) return false;
        const auto error = s3xml::parse_error(response.body);
        if (error && error->code == "NoSuchBucket") fail(response, "find the bucket", "");
        return true;
    }

    // Keys are built from validated ids; anything else is a programming error.
    static std::string checked(std::string_view key) {
        if (key.empty() || key.front() == '/' || key.find("..") != std::string_view::npos) {
            throw Error(ErrorType::kGeneralServerError, fmt::format("invalid storage key {}", key));
        }
        return std::string(key);
    }

    static std::string record_key(const std::string& key) {
        const auto slash = key.rfind('/');
        if (slash == std::string::npos) return ".uploads/" + key;
        return key.substr(0, slash) + "/.uploads/" + key.substr(slash + 1);
    }
    static std::string key_of_record(const std::string& record) {
        const auto at = record.find("/.uploads/");
        return record.substr(0, at) + "/" + record.substr(at + 10);
    }

    std::optional<UploadRecord> load_record(const std::string& key) {
        auto response = send({.method = "GET", .key = record_key(key)});
        if (missing(response)) return std::nullopt;
        expect_ok(response, "read upload record");
        return UploadRecord::parse(response.body);
    }

    void store_record(const std::string& key, const UploadRecord& record) {
        const auto text = record.serialise();
        expect_ok(send({.method = "PUT", .key = record_key(key), .body = text}), "write upload record");
    }

    // Aborts the multipart upload of `key` and drops its record; false when there was none.
    bool drop_upload(const std::string& key) {
        const std::lock_guard lock(record_lock(key));
        const auto record = load_record(key);
        if (!record) return false;
        abort(key, record->upload_id);
        expect_ok(send({.method = "DELETE", .key = record_key(key)}), "remove upload record");
        return true;
    }

    void abort_upload(const std::string& record) {
        auto response = send({.method = "GET", .key = record});
        if (missing(response)) return;
        expect_ok(response, "read upload record");
        abort(key_of_record(record), UploadRecord::parse(response.body).upload_id);
    }

    // AbortMultipartUpload frees the parts' space. An upload already gone is fine; a server
    // without the call (s3rver answers 405) keeps them, which is logged, not fatal: the record
    // goes anyway, so the upload can never be completed.
    void abort(const std::string& key, const std::string& upload_id) {
        const S3Request request{.method = "DELETE", .key = key, .query = "uploadId=" + s3_encode(upload_id, false)};
        auto response = send(request);
        if (response.status / 100 == 2 || response.status == 404) return;
        if (response.status == 405 || response.status == 501) {
            spdlog::debug("S3 {}: the server cannot abort multipart uploads (HTTP {})", S3Http::describe(request),
                          response.status);
            return;
        }
        fail(response, "abort multipart upload", "");
    }

    void delete_objects(const std::vector<std::string>& keys) {
        if (keys.empty()) return;
        const auto body = s3xml::delete_request(keys);
        auto response = send({.method = "POST",
                              .query = "delete=",
                              .headers = {"Content-Type: application/xml", "Content-MD5: " + md5_base64(body)},
                              .body = body});
        expect_ok(response, "delete objects");
        const auto errors = s3xml::parse_delete_errors(response.body);
        if (!errors.empty()) {
            spdlog::error("S3 delete objects: {} of {} failed, first: {}", errors.size(), keys.size(), errors.front());
            throw Error(ErrorType::kGeneralServerError, "The storage device could not delete every object.");
        }
    }

    void expect_ok(const S3Response& response, std::string_view what) {
        if (response.status / 100 != 2) fail(response, what, "");
    }

    [[noreturn]] void fail(const S3Response& response, std::string_view what, std::string_view detail) {
        std::string reason(detail);
        if (auto error = s3xml::parse_error(response.body)) {
            reason = fmt::format("{}{}{}: {}", reason, reason.empty() ? "" : " ", error->code, error->message);
        }
        spdlog::error("S3 {} failed (bucket {}): HTTP {} {}", what, http_.options().bucket, response.status, reason);
        throw Error(ErrorType::kGeneralServerError,
                    fmt::format("The storage device refused to {} (HTTP {}).", what, response.status));
    }

    S3Http http_;
};

}  // namespace

std::unique_ptr<Device> make_s3_device(S3Options options) {
    for (const auto& [value, flag] : {std::pair{&options.bucket, "--s3-bucket"},
                                      std::pair{&options.access_key, "--s3-access-key"},
                                      std::pair{&options.secret, "--s3-secret"}}) {
        if (value->empty()) {
            throw Error(ErrorType::kGeneralArgumentInvalid, fmt::format("The S3 storage device needs {}.", flag));
        }
    }
    if (options.region.empty()) throw Error(ErrorType::kGeneralArgumentInvalid, "The S3 storage device needs --s3-region.");
    if (options.timeout_seconds <= 0) throw Error(ErrorType::kGeneralArgumentInvalid, "--s3-timeout must be positive.");
    return std::make_unique<S3Device>(std::move(options));
}

}  // namespace basalt::storage
