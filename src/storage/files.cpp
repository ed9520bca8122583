// Files: uploads (whole or in chunks), reads, changes and deletes, with Appwrite's rules.
#include <array>
#include <charconv>
#include <fmt/format.h>
#include <functional>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/json_fields.hpp"
#include "db/permission.hpp"
#include "storage/antivirus.hpp"
#include "storage/codec.hpp"
#include "storage/storage.hpp"
#include "storage/storage_internal.hpp"
#include "storage/tokens.hpp"

namespace basalt::storage {
namespace json = boost::json;
namespace {

const auto kInternal = db::Authorization::internal();
constexpr std::size_t kSniffBytes = 64 * 1024;
constexpr std::string_view kCipher = "aes-256-gcm";

// One stripe of `locks` per key. Object and bucket locks are separate arrays: an upload holds
// its object's lock while it takes its bucket's, so the two must never be the same mutex.
template <typename Mutex>
using Stripes = std::array<Mutex, 257>;
template <typename Mutex>
Mutex& striped(Stripes<Mutex>& locks, std::string_view key) {
    return locks[std::hash<std::string_view>{}(key) % locks.size()];
}

bool holds(const db::Authorization& auth, std::string_view role) {
    return std::find(auth.roles.begin(), auth.roles.end(), role) != auth.roles.end();
}

// Whether `permissions` grant `type` to one of the caller's roles (keys: always).
bool allows(const std::vector<std::string>& permissions, db::PermissionType type, const db::Authorization& auth) {
    if (auth.skip) return true;
    for (const auto& text : permissions) {
        const auto p = db::parse_permission(text);
        if (p && p->type == type && holds(auth, p->role)) return true;
    }
    return false;
}

[[noreturn]] void unauthorized() {
    throw Error(ErrorType::kUserUnauthorized, "The current user is not authorized to perform the requested action.");
}

[[noreturn]] void file_not_found() { throw Error(ErrorType::kStorageFileNotFound, std::string(kFileNotFound)); }

[[noreturn]] void already_exists() {
    throw Error(ErrorType::kStorageFileAlreadyExists,
                "A storage file with the requested ID already exists. Try again with a different ID.");
}

// A file's own permissions: validated, write expanded, and only roles the caller holds
// (API keys may grant any).
std::vector<std::string> file_permissions(const std::vector<std::string>& permissions, const Actor& actor) {
    static constexpr std::string_view kAllowed[] = {"read", "update", "delete", "write"};
    if (auto problem = permissions_problem(permissions, kAllowed)) throw Error(ErrorType::kGeneralArgumentInvalid, *problem);
    auto normal = db::normalize_permissions(permissions, db::PermissionScope::kDocument);
    if (!actor.privileged()) {
        for (const auto& text : normal) {
            const auto p = db::parse_permission(text);
            if (p && !holds(actor.auth, p->role)) {
                std::string held;
                for (const auto& role : actor.auth.roles) held += (held.empty() ? "" : ", ") + role;
                throw Error(ErrorType::kUserUnauthorized, fmt::format("Permissions must be one of: ({})", held));
            }
        }
    }
    return normal;
}

std::vector<std::string> default_permissions(const Actor& actor) {
    if (actor.user_id.empty()) return {};
    const auto role = "\"user:" + actor.user_id + "\")";
    return {"read(" + role, "update(" + role, "delete(" + role};
}

// What one request uploads: the whole file, or part `part` of `total`.
struct Plan {
    std::string id;
    std::int64_t size = 0;  // of the whole file
    std::int64_t part = 1;
    std::int64_t total = 1;
    bool chunked = false;
};

[[noreturn]] void bad_range(std::string_view why) {
    throw Error(ErrorType::kStorageInvalidContentRange, fmt::format("Invalid content-range header: {}", why));
}

std::optional<std::int64_t> number(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

// "bytes START-END/SIZE" with the SDKs' fixed chunking: chunks start at multiples of kChunkSize
// and are exactly kChunkSize long, except the last, which ends at SIZE - 1.
Plan plan_chunk(std::string_view range, std::size_t received) {
    if (!range.starts_with("bytes ")) bad_range("expected \"bytes START-END/SIZE\"");
    range.remove_prefix(6);
    const auto dash = range.find('-');
    const auto slash = range.find('/');
    if (dash == std::string_view::npos || slash == std::string_view::npos || slash < dash) {
        bad_range("expected \"bytes START-END/SIZE\"");
    }
    const auto start = number(range.substr(0, dash));
    const auto end = number(range.substr(dash + 1, slash - dash - 1));
    const auto size = number(range.substr(slash + 1));
    if (!start || !end || !size || *start < 0 || *end < *start || *size <= 0) bad_range("malformed range");
    if (*end >= *size) bad_range("the range ends beyond the declared size");
    if (*start % kChunkSize != 0) bad_range(fmt::format("chunks must start at a multiple of {} bytes", kChunkSize));
    const auto expected = std::min(kChunkSize, *size - *start);
    if (*end - *start + 1 != expected) {
        bad_range(fmt::format("a chunk must be {} bytes long, or end the file", kChunkSize));
    }
    if (static_cast<std::int64_t>(received) != expected) bad_range("the chunk's length differs from its range");
    return Plan{.id = {},
                .size = *size,
                .part = *start / kChunkSize + 1,
                .total = (*size + kChunkSize - 1) / kChunkSize,
                .chunked = true};
}

Plan plan_upload(const Upload& upload) {
    if (!upload.content_range || upload.content_range->empty()) {
        return Plan{.id = upload.file_id, .size = static_cast<std::int64_t>(upload.data.size())};
    }
    auto plan = plan_chunk(*upload.content_range, upload.data.size());
    plan.id = upload.file_id;
    if (upload.upload_id && !upload.upload_id->empty()) {
        if (!ids::is_valid(*upload.upload_id)) {
            throw Error(ErrorType::kStorageInvalidAppwriteId,
                        "The value for x-appwrite-id header is invalid. Please check the value of the x-appwrite-id "
                        "header is a valid id and not unique().");
        }
        plan.id = *upload.upload_id;
    }
    return plan;
}

std::string extension_of(std::string_view name) {
    const auto slash = name.find_last_of('/');
    if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
    const auto dot = name.find_last_of('.');
    if (dot == std::string_view::npos) return {};
    std::string ext(name.substr(dot + 1));
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

void check_file(const Bucket& bucket, const Upload& upload, std::int64_t size, std::int64_t limit) {
    const auto allowed = bucket.allowed_file_extensions();
    if (!allowed.empty()) {
        const auto ext = extension_of(upload.name);
        const bool ok = std::any_of(allowed.begin(), allowed.end(), [&](const std::string& a) {
            return extension_of("." + a) == ext;
        });
        if (!ok) throw Error(ErrorType::kStorageFileTypeUnsupported, "The given file extension is not supported.");
    }
    if (size > bucket.maximum_file_size() || size > limit) {
        throw Error(ErrorType::kStorageInvalidFileSize, "The file size is either not valid or exceeds the maximum allowed size.");
    }
}

std::string object_key(std::string_view project, const Bucket& bucket, std::string_view id) {
    return bucket_prefix(project, bucket) + "/" + std::string(id);
}

// The record fields of a file stored as sent (no compression, no encryption).
json::object stored_as_sent() {
    return {{"algorithm", "none"}, {"openSSLVersion", nullptr}, {"openSSLCipher", nullptr},
            {"openSSLTag", nullptr}, {"openSSLIV", nullptr}};
}

// Whether a file of `size` bytes is compressed or encrypted in `bucket` (Appwrite: only up to
// APP_STORAGE_READ_BUFFER).
bool transforms(const Bucket& bucket, std::uint64_t size) {
    return size <= static_cast<std::uint64_t>(kTransformLimit) && (bucket.compression() != "none" || bucket.encryption());
}

bool complete(const db::Document& file) {
    return int_of(file.data, "chunksUploaded") >= int_of(file.data, "chunksTotal");
}

// Whether an upload may go on given the record of its file: none yet (only a whole file or
// the first chunk start one), an upload in progress of the same size, or a finished file (never).
void check_existing(const std::optional<db::Document>& existing, const Plan& plan) {
    if (existing && complete(*existing)) already_exists();
    if (existing && (!plan.chunked || int_of(existing->data, "sizeOriginal") != plan.size)) {
        bad_range("it does not match the upload in progress with this ID");
    }
    if (!existing && plan.part != 1) {
        throw Error(ErrorType::kStorageInvalidAppwriteId,
                    "No upload in progress has the ID given in x-appwrite-id: send the first chunk first.");
    }
}

}  // namespace

std::string bucket_prefix(std::string_view project, const Bucket& bucket) {
    return std::string(project) + "/" + bucket.files_table();
}

std::shared_mutex& object_lock(std::string_view key) {
    static Stripes<std::shared_mutex> locks;
    return striped(locks, key);
}

std::mutex& bucket_lock(std::string_view key) {
    static Stripes<std::mutex> locks;
    return striped(locks, key);
}

db::Document Storage::upload(std::string_view project, const Bucket& bucket, const Actor& actor, const Upload& upload) {
    if (!allows(bucket.record.permissions, db::PermissionType::kCreate, actor.auth)) unauthorized();
    auto permissions = upload.permissions ? file_permissions(*upload.permissions, actor) : default_permissions(actor);
    const auto plan = plan_upload(upload);
    check_file(bucket, upload, plan.size, options_.file_size_limit);
    auto db = store_.project(project);
    const auto table = bucket.files_table();
    const auto key = object_key(project, bucket, plan.id);
    auto& object = object_lock(key);
    // Only a whole file, or a chunk of an upload without a record yet, needs the lock exclusively
    // before writing; the chunks of an upload in progress go straight to the shared lock.
    bool created = false;
    if (!plan.chunked || !db->get_document(kInternal, table, plan.id)) {
        std::lock_guard lock(object);
        const auto existing = db->get_document(kInternal, table, plan.id);
        check_existing(existing, plan);
        if (!plan.chunked) return store_whole(*db, project, bucket, key, plan.id, upload, std::move(permissions));
        if (!existing) {
            db->create_document(kInternal, table,
                                {.id = plan.id,
                                 .permissions = std::move(permissions),
                                 .data = {{"name", upload.name}, {"path", key}, {"signature", ""},
                                          {"mimeType", sniff_mime_type(upload.data.substr(0, kSniffBytes))},
                                          {"sizeOriginal", plan.size}, {"sizeActual", 0}, {"algorithm", "none"},
                                          {"chunksTotal", plan.total}, {"chunksUploaded", 0},
                                          {"search", plan.id + " " + upload.name}}});
            created = true;
        }
    }
    // Undoes what this request stored (and the upload, if this request started it); the caller
    // holds the lock exclusively.
    const auto undo = [&] {
        device_.remove_part(key, plan.part);
        if (created) {
            hashes_->forget(key);
            device_.remove(key);
            db->delete_document(kInternal, table, plan.id);
        }
    };
    const auto undo_alone = [&] {
        std::lock_guard lock(object);
        undo();
    };
    // The part is written and counted under the shared lock: the chunks of one upload write in
    // parallel, while an assembly or a delete (exclusive) waits for them.
    std::optional<UploadHashes::Turn> hashing;
    {
        std::shared_lock writing(object);
        const auto current = db->get_document(kInternal, table, plan.id);
        check_existing(current, plan);
        if (!current) file_not_found();  // deleted since its record was created
        try {
            device_.write_part(key, plan.part, upload.data);
            // Added under the shared lock, so that an assembly sees this part; hashed after it.
            if (auto turn = hashes_->add(key, plan.part, upload.data)) hashing.emplace(std::move(*turn));
        } catch (...) {
            writing.unlock();
            undo_alone();
            throw;
        }
    }
    if (hashing) hashing->run();  // an assembly waits for it
    {
        std::shared_lock counting(object);
        const auto current = db->get_document(kInternal, table, plan.id);
        if (!current) file_not_found();           // deleted since, with its parts
        if (complete(*current)) return *current;  // finished meanwhile, with this part
        try {
            // A part's marker appears atomically once its bytes are stored, so the last of
            // several chunks counting at once sees them all.
            const auto count = device_.count_parts(key);
            if (count < plan.total) {
                db->update_document(kInternal, table, plan.id, {.data = {{"chunksUploaded", count}}});
                return *db->get_document(kInternal, table, plan.id);
            }
        } catch (...) {
            counting.unlock();
            undo_alone();
            throw;
        }
    }
    // Every part is stored: the assembly runs alone (and only once, whoever counted last).
    std::lock_guard lock(object);
    const auto current = db->get_document(kInternal, table, plan.id);
    if (!current) file_not_found();
    if (complete(*current)) return *current;
    try {
        const auto count = device_.count_parts(key);
        if (count < plan.total) {  // a part failed and was removed meanwhile
            db->update_document(kInternal, table, plan.id, {.data = {{"chunksUploaded", count}}});
            return *db->get_document(kInternal, table, plan.id);
        }
        try {
            finish_chunks(*db, project, bucket, key, *current);
        } catch (...) {
            // The parts are consumed: the upload cannot be resumed, so it goes entirely.
            hashes_->forget(key);
            device_.remove(key);
            db->delete_document(kInternal, table, plan.id);
            throw;
        }
    } catch (...) {
        undo();
        throw;
    }
    return *db->get_document(kInternal, table, plan.id);
}

json::object Storage::seal(std::string_view project, const Bucket& bucket, std::string& data) {
    auto fields = stored_as_sent();
    if (static_cast<std::int64_t>(data.size()) > kTransformLimit) return fields;
    const auto algorithm = bucket.compression();
    if (algorithm != "none") {
        data = compress(algorithm, data);
        fields["algorithm"] = algorithm;
    }
    if (bucket.encryption()) {
        auto sealed = encrypt(project_key(options_.master_key, project), data);
        data = std::move(sealed.data);
        fields["openSSLVersion"] = "1";
        fields["openSSLCipher"] = kCipher;
        fields["openSSLTag"] = to_hex(sealed.tag);
        fields["openSSLIV"] = to_hex(sealed.iv);
    }
    return fields;
}

db::Document Storage::store_whole(db::Database& db, std::string_view project, const Bucket& bucket,
                                  const std::string& key, const std::string& id, const Upload& upload,
                                  std::vector<std::string> permissions) {
    scan_upload(options_.antivirus, bucket, upload.data);  // before anything is written
    Md5 md5;
    md5.update(upload.data);
    // Sealing (compressing, encrypting) needs a copy of the bytes; files stored as sent do not.
    std::string sealed;
    std::string_view bytes = upload.data;
    auto fields = stored_as_sent();
    if (transforms(bucket, upload.data.size())) {
        sealed = std::string(upload.data);
        fields = seal(project, bucket, sealed);
        bytes = sealed;
    }
    fields["name"] = upload.name;
    fields["path"] = key;
    fields["signature"] = md5.hex();
    fields["mimeType"] = sniff_mime_type(upload.data.substr(0, kSniffBytes));
    fields["sizeOriginal"] = static_cast<std::int64_t>(upload.data.size());
    fields["sizeActual"] = static_cast<std::int64_t>(bytes.size());
    fields["chunksTotal"] = 1;
    fields["chunksUploaded"] = 1;
    fields["search"] = id + " " + upload.name;
    device_.write(key, bytes);
    db::Document created;
    try {
        created = db.create_document(kInternal, bucket.files_table(),
                                     {.id = id, .permissions = std::move(permissions), .data = std::move(fields)});
    } catch (...) {
        device_.remove(key);
        throw;
    }
    add_to_total(db, bucket, static_cast<std::int64_t>(bytes.size()));
    return created;
}

void Storage::finish_chunks(db::Database& db, std::string_view project, const Bucket& bucket, const std::string& key,
                            const db::Document& file) {
    const auto total = int_of(file.data, "chunksTotal");
    const auto size = int_of(file.data, "sizeOriginal");
    auto signature = hashes_->finish(key, total);
    if (signature) {
        device_.assemble_without_reading(key, total);
    } else {  // the parts came in a way the running hash could not follow: read them once
        Md5 md5;
        device_.assemble(key, total, [&](std::string_view bytes) { md5.update(bytes); });
        signature = md5.hex();
    }
    if (device_.size(key).value_or(0) != static_cast<std::uint64_t>(size)) {
        throw Error(ErrorType::kGeneralServerError, "assembled file size differs from the declared size");
    }
    // The whole file, before it becomes visible; the caller removes it when refused.
    scan_upload(options_.antivirus, bucket, size, [&] { return device_.read(key).value_or(""); });
    const auto head = device_.read(key, 0, kSniffBytes).value_or("");
    json::object fields{{"signature", *signature}, {"mimeType", sniff_mime_type(head)}};
    std::int64_t actual = size;
    if (transforms(bucket, static_cast<std::uint64_t>(size))) {
        auto bytes = device_.read(key).value_or("");
        for (auto& [name, value] : seal(project, bucket, bytes)) fields[name] = value;
        device_.write(key, bytes);
        actual = static_cast<std::int64_t>(bytes.size());
    }
    fields["sizeActual"] = actual;
    fields["chunksUploaded"] = total;
    db.update_document(kInternal, bucket.files_table(), file.id, {.data = std::move(fields)});
    add_to_total(db, bucket, actual);
}

void Storage::add_to_total(db::Database& db, const Bucket& bucket, std::int64_t delta) {
    const BucketWrite write{bucket_writes_};
    std::lock_guard lock(bucket_lock(bucket.files_table()));
    const auto record = db.get_document(kInternal, "buckets", bucket.id());
    if (!record) return;
    const auto total = std::max<std::int64_t>(0, int_of(record->data, "totalSize") + delta);
    db.update_document(kInternal, "buckets", bucket.id(), {.data = {{"totalSize", total}}});
}

db::Document Storage::get_file(std::string_view project, const Bucket& bucket, const Actor& actor, std::string_view id,
                               const FileGrant* grant) {
    const bool token = grant && grant->bucket_sequence == bucket.record.sequence;
    const bool bucket_read = token || allows(bucket.record.permissions, db::PermissionType::kRead, actor.auth);
    if (!bucket.file_security() && !bucket_read) unauthorized();
    auto file = store_.project(project)->get_document(bucket_read ? kInternal : actor.auth, bucket.files_table(), id);
    // A token names one file: any other (or none) is refused, as Appwrite does.
    if (grant && (!token || !file || file->sequence != grant->file_sequence)) unauthorized();
    if (!file) file_not_found();
    return std::move(*file);
}

db::DocumentList Storage::list_files(std::string_view project, const Bucket& bucket, const Actor& actor,
                                     std::span<const db::Query> queries, bool with_total) {
    const bool bucket_read = allows(bucket.record.permissions, db::PermissionType::kRead, actor.auth);
    if (!bucket.file_security() && !bucket_read) unauthorized();
    return store_.project(project)->list_documents(bucket_read ? kInternal : actor.auth, bucket.files_table(), queries,
                                                   {.with_total = with_total});
}

db::Document Storage::update_file(std::string_view project, const Bucket& bucket, const Actor& actor,
                                  std::string_view id, std::optional<std::string> name,
                                  std::optional<std::vector<std::string>> permissions) {
    const bool bucket_update = allows(bucket.record.permissions, db::PermissionType::kUpdate, actor.auth);
    if (!bucket.file_security() && !bucket_update) unauthorized();
    auto db = store_.project(project);
    // Read permission is not needed to update (as Appwrite).
    const auto file = db->get_document(kInternal, bucket.files_table(), id);
    if (!file) file_not_found();
    db::DocumentPatch patch;
    if (permissions) patch.permissions = file_permissions(*permissions, actor);
    if (name) {
        patch.data["name"] = *name;
        patch.data["search"] = std::string(id) + " " + *name;
    }
    if (!bucket_update && !allows(file->permissions, db::PermissionType::kUpdate, actor.auth)) unauthorized();
    return db->update_document(kInternal, bucket.files_table(), id, patch);
}

void Storage::delete_file(std::string_view project, const Bucket& bucket, const Actor& actor, std::string_view id) {
    const bool bucket_delete = allows(bucket.record.permissions, db::PermissionType::kDelete, actor.auth);
    if (!bucket.file_security() && !bucket_delete) unauthorized();
    auto db = store_.project(project);
    const auto key = object_key(project, bucket, id);
    std::lock_guard lock(object_lock(key));
    const auto file = db->get_document(kInternal, bucket.files_table(), id);
    if (!file) file_not_found();
    if (!bucket_delete && !allows(file->permissions, db::PermissionType::kDelete, actor.auth)) unauthorized();
    hashes_->forget(key);
    device_.remove(key);
    delete_file_tokens(*db, bucket, *file);
    db->delete_document(kInternal, bucket.files_table(), id);
    if (complete(*file)) add_to_total(*db, bucket, -int_of(file->data, "sizeActual"));
    if (options_.on_removed) options_.on_removed(key);
}

std::unique_ptr<ObjectReader> Storage::open(std::string_view project, const db::Document& file, std::uint64_t offset,
                                            std::uint64_t length) {
    if (!complete(file)) file_not_found();
    const auto algorithm = text_of(file.data, "algorithm");
    if (!text_of(file.data, "openSSLCipher").empty() || !(algorithm.empty() || algorithm == "none")) {
        return make_memory_reader(read(project, file, offset, length));
    }
    auto reader = device_.open(text_of(file.data, "path"), offset, length);
    if (!reader) throw Error(ErrorType::kStorageFileNotFound, "File not found on the storage device.");
    return std::move(*reader);
}

std::string Storage::read(std::string_view project, const db::Document& file, std::uint64_t offset,
                          std::uint64_t length) {
    if (!complete(file)) file_not_found();
    const auto key = text_of(file.data, "path");
    const auto algorithm = text_of(file.data, "algorithm");
    const auto cipher = text_of(file.data, "openSSLCipher");
    if (cipher.empty() && (algorithm.empty() || algorithm == "none")) {
        auto bytes = device_.read(key, offset, length);
        if (!bytes) throw Error(ErrorType::kStorageFileNotFound, "File not found on the storage device.");
        return std::move(*bytes);
    }
    auto bytes = device_.read(key);
    if (!bytes) throw Error(ErrorType::kStorageFileNotFound, "File not found on the storage device.");
    if (!cipher.empty()) {
        *bytes = decrypt(project_key(options_.master_key, project), *bytes, from_hex(text_of(file.data, "openSSLIV")),
                         from_hex(text_of(file.data, "openSSLTag")));
    }
    auto plain = decompress(algorithm, *bytes);
    if (offset >= plain.size()) return {};
    return plain.substr(offset, length);
}

}  // namespace basalt::storage
