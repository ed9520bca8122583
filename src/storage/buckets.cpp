// Buckets: records of `buckets`, each with the engine collection of its files.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/error.hpp"
#include "core/json_fields.hpp"
#include "db/permission.hpp"
#include "storage/storage.hpp"
#include "storage/storage_internal.hpp"
#include "storage/tokens.hpp"

namespace basalt::storage {
namespace json = boost::json;
namespace {

constexpr std::string_view kBuckets = "buckets";
constexpr std::size_t kMaxPermissions = 100;
constexpr std::size_t kMaxExtensions = 100;
constexpr std::size_t kMaxExtensionLength = 64;

// The schema of the engine collection holding a bucket's files.
db::CollectionSchema files_schema(std::string id, std::vector<std::string> permissions, bool file_security) {
    using db::AttributeType;
    auto text = [](const char* key, std::int64_t size) {
        return db::Attribute{.key = key, .type = AttributeType::kString, .size = size};
    };
    auto integer = [](const char* key) { return db::Attribute{.key = key, .type = AttributeType::kInteger}; };
    auto index = [](const char* key) {
        return db::Index{.key = key, .type = db::IndexType::kKey, .attributes = {key}};
    };
    return db::CollectionSchema{
        .id = std::move(id),
        .attributes = {text("name", 2048), text("path", 2048), text("signature", 256), text("mimeType", 255),
                       integer("sizeOriginal"), integer("sizeActual"), text("algorithm", 255),
                       integer("chunksTotal"), integer("chunksUploaded"), text("openSSLVersion", 64),
                       text("openSSLCipher", 64), text("openSSLTag", 2048), text("openSSLIV", 2048),
                       text("search", 16384)},
        .indexes = {index("name"), index("signature"), index("mimeType"), index("sizeOriginal"),
                    index("chunksTotal"), index("chunksUploaded"),
                    db::Index{.key = "search", .type = db::IndexType::kFulltext, .attributes = {"search"}}},
        .permissions = std::move(permissions),
        .document_security = file_security,
    };
}

std::vector<std::string> bucket_permissions(const std::vector<std::string>& permissions) {
    static constexpr std::string_view kAllowed[] = {"read", "create", "update", "delete", "write"};
    if (auto problem = permissions_problem(permissions, kAllowed)) throw Error(ErrorType::kGeneralArgumentInvalid, *problem);
    return db::normalize_permissions(permissions, db::PermissionScope::kCollection);
}

// The record fields of `settings`, validated; `current` supplies what an update keeps.
json::object bucket_fields(const std::string& id, const BucketSettings& settings, std::int64_t limit,
                           const Bucket* current) {
    const auto size = settings.maximum_file_size.value_or(current ? current->maximum_file_size() : limit);
    if (size < 1 || size > limit) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    fmt::format("Invalid `maximumFileSize` param: Value must be a valid range between 1 and {}", limit));
    }
    if (settings.compression != "none" && settings.compression != "gzip" && settings.compression != "zstd") {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    "Invalid `compression` param: Value must be one of (none, gzip, zstd)");
    }
    if (settings.allowed_file_extensions.size() > kMaxExtensions) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    fmt::format("Invalid `allowedFileExtensions` param: Value must a valid array no longer than {} items "
                                "and Value must be a valid string and at least 1 chars and no longer than {} chars",
                                kMaxExtensions, kMaxExtensionLength));
    }
    for (const auto& ext : settings.allowed_file_extensions) {
        if (ext.size() > kMaxExtensionLength) {
            throw Error(ErrorType::kGeneralArgumentInvalid,
                        fmt::format("Invalid `allowedFileExtensions` param: Value must a valid array no longer than {} "
                                    "items and Value must be a valid string and at least 1 chars and no longer than {} chars",
                                    kMaxExtensions, kMaxExtensionLength));
        }
    }
    const auto permissions = settings.permissions ? bucket_permissions(*settings.permissions)
                                                  : (current ? current->record.permissions : std::vector<std::string>{});
    json::array permissions_json;
    for (const auto& p : permissions) permissions_json.emplace_back(p);
    return json::object{{"name", settings.name},
                        {"permissions", json::serialize(permissions_json)},
                        {"fileSecurity", settings.file_security},
                        {"enabled", settings.enabled},
                        {"maximumFileSize", size},
                        {"allowedFileExtensions", string_array(settings.allowed_file_extensions)},
                        {"compression", settings.compression},
                        {"encryption", settings.encryption},
                        {"antivirus", settings.antivirus},
                        {"transformations", settings.transformations},
                        {"search", id + " " + settings.name}};
}

const auto kInternal = db::Authorization::internal();

}  // namespace

bool Bucket::enabled() const { return bool_of(record.data, "enabled"); }
bool Bucket::file_security() const { return bool_of(record.data, "fileSecurity"); }
std::int64_t Bucket::maximum_file_size() const { return int_of(record.data, "maximumFileSize"); }
std::vector<std::string> Bucket::allowed_file_extensions() const {
    return strings_of(record.data, "allowedFileExtensions");
}
std::string Bucket::compression() const {
    auto c = text_of(record.data, "compression");
    return c.empty() ? "none" : c;
}
bool Bucket::encryption() const { return bool_of(record.data, "encryption"); }
bool Bucket::antivirus() const { return bool_of(record.data, "antivirus"); }
std::string Bucket::files_table() const { return "bucket_" + std::to_string(record.sequence); }

Bucket Storage::bucket_from(db::Document record) {
    const auto text = text_of(record.data, "permissions");
    record.permissions.clear();
    if (!text.empty()) {
        const auto parsed = json::parse(text);
        for (const auto& p : parsed.as_array()) record.permissions.emplace_back(p.as_string());
    }
    record.data.erase("permissions");
    return Bucket{std::move(record)};
}

std::optional<std::string> permissions_problem(std::span<const std::string> permissions,
                                               std::span<const std::string_view> allowed) {
    if (permissions.size() > kMaxPermissions) {
        return fmt::format("Invalid `permissions` param: You can only provide up to {} permissions.", kMaxPermissions);
    }
    for (const auto& text : permissions) {
        const auto open = text.find("(\"");
        if (open == std::string::npos) {
            return fmt::format("Invalid `permissions` param: Invalid permission string format: \"{}\".", text);
        }
        const std::string_view type(text.data(), open);
        if (std::find(allowed.begin(), allowed.end(), type) == allowed.end()) {
            return fmt::format("Invalid `permissions` param: Permission \"{}\" is not allowed. Must be one of: {}.",
                               text, fmt::join(allowed, ", "));
        }
        if (!db::parse_permission(text)) {
            return fmt::format("Invalid `permissions` param: Role \"{}\" is not allowed. Must be one of: any, users, "
                               "guests, user, team, member, label.",
                               std::string_view(text).substr(open + 2, text.size() >= open + 4 ? text.size() - open - 4 : 0));
        }
    }
    return std::nullopt;
}

Storage::Storage(db::Store& store, Device& device, StorageOptions options)
    : store_(store),
      device_(device),
      options_(std::move(options)),
      hashes_(std::make_shared<UploadHashes>([&device](const std::string& key, std::int64_t part, std::size_t size) {
          return device.read_part(key, part, size);
      })),
      buckets_(std::chrono::seconds(1), 10'000) {}

Bucket Storage::create_bucket(std::string_view project, const std::string& id, const BucketSettings& settings) {
    const BucketWrite write{bucket_writes_};
    auto db = store_.project(project);
    const auto fields = bucket_fields(id, settings, options_.file_size_limit, nullptr);
    db::Document created;
    try {
        created = db->create_document(kInternal, kBuckets, {.id = id, .data = fields});
    } catch (const Error& e) {
        if (e.type() == ErrorType::kDocumentAlreadyExists) {
            throw Error(ErrorType::kStorageBucketAlreadyExists,
                        "A storage bucket with the requested ID already exists. Try again with a different ID or use "
                        "ID.unique() to generate a unique ID.");
        }
        throw;
    }
    auto bucket = bucket_from(std::move(created));
    try {
        const auto table = bucket.files_table();
        // Sequences are never reused: a table of that name is a leftover of an interrupted delete.
        if (db->get_collection(table)) db->drop_collection(table);
        db->create_collection(files_schema(table, bucket.record.permissions, bucket.file_security()));
    } catch (...) {
        db->delete_document(kInternal, kBuckets, bucket.id());
        throw;
    }
    return bucket;
}

std::optional<Bucket> Storage::find_bucket(std::string_view project, std::string_view id) {
    auto record = store_.project(project)->get_document(kInternal, kBuckets, id);
    if (!record) return std::nullopt;
    return bucket_from(std::move(*record));
}

std::shared_ptr<const Bucket> Storage::require_bucket(std::string_view project, std::string_view id, const Actor& actor) {
    std::string key(project);
    key.append(1, '\0').append(id);
    const auto generation = bucket_writes_.load(std::memory_order_acquire);
    const auto now = RecentCache<Bucket>::Clock::now();
    auto bucket = buckets_.find(key, generation, now);
    if (!bucket) {
        auto found = find_bucket(project, id);
        if (!found) throw Error(ErrorType::kStorageBucketNotFound, std::string(kBucketNotFound));
        bucket = std::make_shared<const Bucket>(std::move(*found));
        buckets_.put(std::move(key), bucket, generation, now);
    }
    if (!bucket->enabled() && !actor.privileged()) throw Error(ErrorType::kStorageBucketNotFound, std::string(kBucketNotFound));
    return bucket;
}

Bucket Storage::update_bucket(std::string_view project, std::string_view id, const BucketSettings& settings) {
    const BucketWrite write{bucket_writes_};
    auto db = store_.project(project);
    const auto current = find_bucket(project, id);
    if (!current) throw Error(ErrorType::kStorageBucketNotFound, std::string(kBucketNotFound));
    const auto fields = bucket_fields(current->id(), settings, options_.file_size_limit, &*current);
    auto updated = bucket_from(db->update_document(kInternal, kBuckets, id, {.data = fields}));
    db->update_collection(updated.files_table(), updated.record.permissions, updated.file_security());
    return updated;
}

void Storage::delete_bucket(std::string_view project, std::string_view id) {
    const BucketWrite write{bucket_writes_};
    auto db = store_.project(project);
    const auto bucket = find_bucket(project, id);
    if (!bucket) throw Error(ErrorType::kStorageBucketNotFound, std::string(kBucketNotFound));
    // Bytes first, the record last: an interrupted delete can be run again.
    device_.remove_prefix(bucket_prefix(project, *bucket));
    delete_bucket_tokens(*db, *bucket);
    if (db->get_collection(bucket->files_table())) db->drop_collection(bucket->files_table());
    db->delete_document(kInternal, kBuckets, bucket->id());
    if (options_.on_removed) options_.on_removed(bucket_prefix(project, *bucket));
}

}  // namespace basalt::storage
