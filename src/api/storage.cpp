// /v1/storage/buckets: buckets (API keys, buckets.* scopes), and the Storage models.
#include <array>

#include "api/auth_support.hpp"
#include "api/params.hpp"
#include "api/services.hpp"
#include "api/storage_models.hpp"
#include "core/json_fields.hpp"
#include "core/time.hpp"
#include "storage/tokens.hpp"

namespace basalt::api {
namespace {

namespace bj = boost::json;
using http::Method;
using namespace std::string_view_literals;

constexpr std::array kBucketQueryAttributes = {"enabled"sv, "name"sv, "fileSecurity"sv, "maximumFileSize"sv,
                                               "encryption"sv, "antivirus"sv};

bool present(Context& ctx, std::string_view name) {
    const auto* value = ctx.params().if_contains(name);
    return value && !value->is_null();
}

storage::BucketSettings settings_of(Context& ctx) {
    storage::BucketSettings s;
    s.name = param::string(ctx, "name", 128);
    if (present(ctx, "permissions")) s.permissions = param::strings(ctx, "permissions", false, 100, 2048);
    s.file_security = param::boolean(ctx, "fileSecurity", false);
    s.enabled = param::boolean(ctx, "enabled", true);
    if (present(ctx, "maximumFileSize")) s.maximum_file_size = param::integer(ctx, "maximumFileSize", 0);
    s.allowed_file_extensions = param::strings(ctx, "allowedFileExtensions", false, 1000, 4096);
    s.compression = param::optional_string(ctx, "compression", 16, "none");
    s.encryption = param::boolean(ctx, "encryption", true);
    s.antivirus = param::boolean(ctx, "antivirus", true);
    s.transformations = param::boolean(ctx, "transformations", true);
    return s;
}

class BucketEndpoints {
public:
    BucketEndpoints(db::Store& store, storage::Storage& storage) : store_(store), storage_(storage) {}

    http::Response list(Context& ctx) {
        auto db = store_.project(ctx.require_project().id);
        const auto page = list_internal(
            ctx, *db, {.collection = "buckets", .allowed = kBucketQueryAttributes, .filters = {}, .searchable = true});
        bj::array items;
        for (const auto& record : page.documents) items.emplace_back(bucket_model(storage::Storage::bucket_from(record)));
        return json(200, bj::object{{"total", page.total}, {"buckets", std::move(items)}});
    }

    http::Response create(Context& ctx) {
        const auto id = param::id(ctx, "bucketId");
        const auto settings = settings_of(ctx);
        return json(201, bucket_model(storage_.create_bucket(ctx.require_project().id, id, settings)));
    }

    http::Response get(Context& ctx) {
        const auto bucket = storage_.find_bucket(ctx.require_project().id, param::path_id(ctx, "bucketId"));
        if (!bucket) {
            throw Error(ErrorType::kStorageBucketNotFound, "Storage bucket with the requested ID could not be found.");
        }
        return json(200, bucket_model(*bucket));
    }

    http::Response update(Context& ctx) {
        const auto id = param::path_id(ctx, "bucketId");
        const auto settings = settings_of(ctx);
        return json(200, bucket_model(storage_.update_bucket(ctx.require_project().id, id, settings)));
    }

    http::Response remove(Context& ctx) {
        storage_.delete_bucket(ctx.require_project().id, param::path_id(ctx, "bucketId"));
        return http::Response::no_content();
    }

private:
    db::Store& store_;
    storage::Storage& storage_;
};

}  // namespace

bj::object bucket_model(const storage::Bucket& bucket) {
    const auto& r = bucket.record;
    return bj::object{{"$id", r.id},
                      {"$createdAt", time::format_iso(r.created_at)},
                      {"$updatedAt", time::format_iso(r.updated_at)},
                      {"$permissions", string_array(r.permissions)},
                      {"fileSecurity", bucket.file_security()},
                      {"name", text_of(r.data, "name")},
                      {"enabled", bucket.enabled()},
                      {"maximumFileSize", bucket.maximum_file_size()},
                      {"allowedFileExtensions", string_array(bucket.allowed_file_extensions())},
                      {"compression", bucket.compression()},
                      {"encryption", bucket.encryption()},
                      {"antivirus", bool_of(r.data, "antivirus")},
                      {"transformations", bool_of(r.data, "transformations")},
                      {"totalSize", int_of(r.data, "totalSize")}};
}

bj::object file_model(const db::Document& file, const storage::Bucket& bucket) {
    const auto algorithm = text_of(file.data, "algorithm");
    return bj::object{{"$id", file.id},
                      {"bucketId", bucket.id()},
                      {"$createdAt", time::format_iso(file.created_at)},
                      {"$updatedAt", time::format_iso(file.updated_at)},
                      {"$permissions", string_array(file.permissions)},
                      {"name", text_of(file.data, "name")},
                      {"signature", text_of(file.data, "signature")},
                      {"mimeType", text_of(file.data, "mimeType")},
                      {"sizeOriginal", int_of(file.data, "sizeOriginal")},
                      {"chunksTotal", int_of(file.data, "chunksTotal")},
                      {"chunksUploaded", int_of(file.data, "chunksUploaded")},
                      {"encryption", !text_of(file.data, "openSSLCipher").empty()},
                      {"compression", algorithm.empty() ? "none" : algorithm}};
}

void add_storage_endpoints(Api& api, db::Store& store, storage::Storage& storage, storage::Previews& previews) {
    using E = BucketEndpoints;
    const Routes<E> route(api, std::make_shared<E>(store, storage));
    route(Method::kGet, "/v1/storage/buckets", "buckets.read", &E::list);
    route(Method::kPost, "/v1/storage/buckets", "buckets.write", &E::create);
    route(Method::kGet, "/v1/storage/buckets/{bucketId}", "buckets.read", &E::get);
    route(Method::kPut, "/v1/storage/buckets/{bucketId}", "buckets.write", &E::update);
    route(Method::kDelete, "/v1/storage/buckets/{bucketId}", "buckets.write", &E::remove);
    auto tokens = std::make_shared<storage::FileTokens>(store);
    add_file_endpoints(api, storage, tokens);
    add_preview_endpoints(api, previews, tokens);
    add_file_token_endpoints(api, storage, std::move(tokens));
}

}  // namespace basalt::api
