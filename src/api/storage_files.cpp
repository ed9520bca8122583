// /v1/storage/buckets/{bucketId}/files: uploads (whole or chunked as the SDKs send them),
// listing, reading, renaming and re-permissioning, deleting, and the bytes (download, view)
// with Range and ETag.
#include <array>
#include <charconv>
#include <fmt/format.h>

#include "api/file_tokens.hpp"
#include "api/params.hpp"
#include "api/services.hpp"
#include "api/storage_models.hpp"
#include "core/json_fields.hpp"
#include "db/query.hpp"

namespace basalt::api {
namespace {

namespace bj = boost::json;
using http::Method;
using namespace std::string_view_literals;

constexpr std::array kFileQueryAttributes = {"name"sv, "signature"sv, "mimeType"sv,
                                             "sizeOriginal"sv, "chunksTotal"sv, "chunksUploaded"sv};

// Types `view` serves as themselves; anything else is sent as text/plain, so that an uploaded
// page or script never runs in the API's origin (Appwrite's storage-mimes list, in spirit).
bool viewable(std::string_view mime) {
    if (mime == "image/svg+xml") return false;
    static constexpr std::array kPrefixes = {"image/"sv, "video/"sv, "audio/"sv};
    static constexpr std::array kExact = {"application/pdf"sv, "text/plain"sv, "text/csv"sv, "application/json"sv};
    return std::any_of(kPrefixes.begin(), kPrefixes.end(), [&](auto p) { return mime.starts_with(p); }) ||
           std::find(kExact.begin(), kExact.end(), mime) != kExact.end();
}

// A file name safe inside a quoted header parameter.
std::string quoted_name(std::string_view name) {
    std::string out;
    for (const char c : name) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) continue;
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

[[noreturn]] void bad_range() {
    throw Error(ErrorType::kStorageInvalidRange, "The requested range is not satisfiable.");
}

std::optional<std::int64_t> number(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

struct Range {
    std::int64_t start = 0;
    std::int64_t end = 0;  // inclusive
};

// "bytes=START-END", "bytes=START-" (at most kOpenRangeLimit bytes, as Appwrite) or
// "bytes=-SUFFIX", within a file of `size` bytes. One range only.
Range parse_range(std::string_view header, std::int64_t size) {
    if (!header.starts_with("bytes=")) bad_range();
    header.remove_prefix(6);
    const auto dash = header.find('-');
    if (dash == std::string_view::npos || header.find(',') != std::string_view::npos) bad_range();
    const auto first = header.substr(0, dash);
    const auto second = header.substr(dash + 1);
    Range r;
    if (first.empty()) {
        const auto suffix = number(second);
        if (!suffix || *suffix <= 0) bad_range();
        r.start = std::max<std::int64_t>(0, size - *suffix);
        r.end = size - 1;
    } else {
        const auto start = number(first);
        if (!start) bad_range();
        r.start = *start;
        if (second.empty()) {
            r.end = std::min(r.start + storage::kOpenRangeLimit - 1, size - 1);
        } else {
            const auto end = number(second);
            if (!end) bad_range();
            r.end = *end;
        }
    }
    if (r.start < 0 || r.start > r.end || r.end >= size) bad_range();
    return r;
}

// A file's bytes as the HTTP layer streams them (sendfile(2) when they lie in a local file).
class DownloadStream final : public http::BodyStream {
public:
    explicit DownloadStream(std::unique_ptr<storage::ObjectReader> reader) : reader_(std::move(reader)) {}
    std::uint64_t size() const override { return reader_->size(); }
    std::size_t read(char* out, std::size_t max) override { return reader_->read(out, max); }
    std::optional<FileSpan> file() const override {
        const auto span = reader_->file();
        if (!span) return std::nullopt;
        return FileSpan{.fd = span->first, .offset = span->second};
    }

private:
    std::unique_ptr<storage::ObjectReader> reader_;
};

class FileEndpoints {
public:
    FileEndpoints(storage::Storage& storage, std::shared_ptr<storage::FileTokens> tokens)
        : storage_(storage), tokens_(std::move(tokens)) {}

    http::Response create(Context& ctx) {
        auto file_id = param::id(ctx, "fileId");
        const auto* part = ctx.file("file");
        if (!part) throw Error(ErrorType::kStorageFileEmpty, "Empty file passed to the endpoint.");
        storage::Upload upload{.file_id = std::move(file_id),
                               .upload_id = header(ctx, "x-appwrite-id"),
                               .content_range = header(ctx, "content-range"),
                               .name = part->filename.value_or(""),
                               .permissions = std::nullopt,
                               .data = part->data};
        if (present(ctx, "permissions")) upload.permissions = param::strings(ctx, "permissions", false, 100, 2048);
        const auto& project = ctx.require_project().id;
        const auto actor = actor_of(ctx);
        const auto bucket = storage_.require_bucket(project, param::path_id(ctx, "bucketId"), actor);
        return json(201, file_model(storage_.upload(project, *bucket, actor, upload), *bucket));
    }

    http::Response list(Context& ctx) {
        const auto texts = param::queries(ctx);
        const bool total = param::boolean(ctx, "total", true);
        const auto search = param::optional_string(ctx, "search", 256);
        const auto& project = ctx.require_project().id;
        const auto actor = actor_of(ctx);
        const auto bucket = storage_.require_bucket(project, param::path_id(ctx, "bucketId"), actor);
        const auto page = param::with_queries([&] {
            auto queries = db::parse_queries(texts);
            db::check_query_attributes(queries, kFileQueryAttributes);
            if (!search.empty()) queries.push_back(db::Query::search("search", search));
            return storage_.list_files(project, *bucket, actor, queries, total);
        });
        bj::array items;
        for (const auto& file : page.documents) items.emplace_back(file_model(file, *bucket));
        return json(200, bj::object{{"total", page.total}, {"files", std::move(items)}});
    }

    http::Response get(Context& ctx) {
        const auto [bucket, file] = find(ctx);
        return json(200, file_model(file, *bucket));
    }

    http::Response update(Context& ctx) {
        std::optional<std::string> name;
        if (present(ctx, "name")) name = param::string(ctx, "name", 255);
        std::optional<std::vector<std::string>> permissions;
        if (present(ctx, "permissions")) permissions = param::strings(ctx, "permissions", false, 100, 2048);
        const auto& project = ctx.require_project().id;
        const auto actor = actor_of(ctx);
        const auto bucket = storage_.require_bucket(project, param::path_id(ctx, "bucketId"), actor);
        const auto file = storage_.update_file(project, *bucket, actor, param::path_id(ctx, "fileId"), std::move(name),
                                               std::move(permissions));
        return json(200, file_model(file, *bucket));
    }

    http::Response remove(Context& ctx) {
        const auto& project = ctx.require_project().id;
        const auto actor = actor_of(ctx);
        const auto bucket = storage_.require_bucket(project, param::path_id(ctx, "bucketId"), actor);
        storage_.delete_file(project, *bucket, actor, param::path_id(ctx, "fileId"));
        return http::Response::no_content();
    }

    http::Response download(Context& ctx) { return content(ctx, "attachment"); }
    http::Response view(Context& ctx) { return content(ctx, "inline"); }

private:
    static std::optional<std::string> header(const Context& ctx, std::string_view name) {
        const auto value = ctx.request.header(name);
        if (!value) return std::nullopt;
        return std::string(*value);
    }

    static bool present(Context& ctx, std::string_view name) {
        const auto* value = ctx.params().if_contains(name);
        return value && !value->is_null();
    }

    static storage::Actor actor_of(const Context& ctx) {
        return storage::Actor{.auth = ctx.caller.authorization(),
                              .user_id = ctx.caller.is_user() ? ctx.caller.user->id : std::string()};
    }

    // `grant`: a file token presented with the request (reads of the bytes only).
    std::pair<std::shared_ptr<const storage::Bucket>, db::Document> find(Context& ctx, const storage::FileGrant* grant = nullptr) {
        const auto& project = ctx.require_project().id;
        const auto actor = actor_of(ctx);
        auto bucket = storage_.require_bucket(project, param::path_id(ctx, "bucketId"), actor);
        auto file = storage_.get_file(project, *bucket, actor, param::path_id(ctx, "fileId"), grant);
        return {std::move(bucket), std::move(file)};
    }

    http::Response content(Context& ctx, std::string_view disposition) {
        const auto grant = file_grant(ctx, *tokens_);
        const auto [bucket, file] = find(ctx, grant ? &*grant : nullptr);
        const auto size = int_of(file.data, "sizeOriginal");
        const auto mime = text_of(file.data, "mimeType");
        http::Response response;
        response.content_type = disposition == "inline" && !viewable(mime) ? "text/plain" : mime;
        response.headers.add("Content-Disposition",
                             fmt::format("{}; filename=\"{}\"", disposition, quoted_name(text_of(file.data, "name"))));
        response.headers.add("Cache-Control", "private, max-age=3888000");
        if (disposition == "inline") {
            response.headers.add("Content-Security-Policy", "script-src none;");
            response.headers.add("X-Content-Type-Options", "nosniff");
        }
        const auto signature = text_of(file.data, "signature");
        if (!signature.empty()) {
            const auto etag = "\"" + signature + "\"";
            response.headers.add("ETag", etag);
            const auto match = ctx.request.header("if-none-match");
            if (match && (*match == "*" || match->find(etag) != std::string_view::npos)) {
                response.status = 304;
                response.content_type.clear();
                return response;
            }
        }
        response.headers.add("Accept-Ranges", "bytes");
        const auto range_header = ctx.request.header("range");
        if (range_header && !range_header->empty()) {
            const auto r = parse_range(*range_header, size);
            response.status = 206;
            response.headers.add("Content-Range", fmt::format("bytes {}-{}/{}", r.start, r.end, size));
            response.stream = std::make_shared<DownloadStream>(
                storage_.open(ctx.require_project().id, file, static_cast<std::uint64_t>(r.start),
                              static_cast<std::uint64_t>(r.end - r.start + 1)));
            return response;
        }
        response.stream = std::make_shared<DownloadStream>(storage_.open(ctx.require_project().id, file));
        return response;
    }

    storage::Storage& storage_;
    std::shared_ptr<storage::FileTokens> tokens_;
};

}  // namespace

void add_file_endpoints(Api& api, storage::Storage& storage, std::shared_ptr<storage::FileTokens> tokens) {
    using E = FileEndpoints;
    const Routes<E> route(api, std::make_shared<E>(storage, std::move(tokens)));
    route(Method::kGet, "/v1/storage/buckets/{bucketId}/files", "files.read", &E::list);
    route(Method::kPost, "/v1/storage/buckets/{bucketId}/files", "files.write", &E::create);
    route(Method::kGet, "/v1/storage/buckets/{bucketId}/files/{fileId}", "files.read", &E::get);
    route(Method::kPut, "/v1/storage/buckets/{bucketId}/files/{fileId}", "files.write", &E::update);
    route(Method::kDelete, "/v1/storage/buckets/{bucketId}/files/{fileId}", "files.write", &E::remove);
    route(Method::kGet, "/v1/storage/buckets/{bucketId}/files/{fileId}/download", "files.read", &E::download);
    route(Method::kGet, "/v1/storage/buckets/{bucketId}/files/{fileId}/view", "files.read", &E::view);
}

}  // namespace basalt::api
