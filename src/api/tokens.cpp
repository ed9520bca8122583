// /v1/tokens: Appwrite's Tokens service (file tokens), and the `token` parameter of file reads.
//
// As Appwrite 1.9.6 (Modules/Tokens, Response/Model/ResourceToken, resources `resourceToken`):
// the model's `secret` is a JWT signed on every render with claims tokenId, resourceId,
// resourceType, resourceInternalId, iat (creation) and exp (the expiry, when set). A request
// presenting it is checked against the record (it must exist and not have expired), so a
// deleted or expired token stops working at once. Appwrite signs with its server key; Basalt
// derives a key per project from the project's JWT secret, so that an account JWT can never
// pass for a file token or the other way round.
#include <array>
#include <boost/json/array.hpp>

#include "api/auth_support.hpp"
#include "api/file_tokens.hpp"
#include "api/params.hpp"
#include "api/services.hpp"
#include "auth/credentials/jwt.hpp"
#include "core/crypto.hpp"
#include "core/json_fields.hpp"
#include "core/time.hpp"
#include "storage/storage.hpp"

namespace basalt::api {
namespace {

namespace bj = boost::json;
using http::Method;
using namespace std::string_view_literals;

constexpr std::array kTokenQueryAttributes = {"expire"sv};
constexpr std::size_t kTokenParamLength = 512;

std::string signing_key(const platform::Project& project) {
    return crypto::sha256_hex("basalt-file-token-v1:" + project.jwt_secret);
}

std::int64_t seconds_of(std::string_view iso) { return time::parse_iso(iso).value_or(0) / 1000; }

bj::object token_model(const db::Document& token, const platform::Project& project) {
    const auto expire = text_of(token.data, "expire");
    bj::object claims{{"tokenId", token.id},
                      {"resourceId", text_of(token.data, "resourceId")},
                      {"resourceType", text_of(token.data, "resourceType")},
                      {"resourceInternalId", text_of(token.data, "resourceInternalId")},
                      {"iat", token.created_at / 1000}};
    if (!expire.empty()) claims["exp"] = seconds_of(expire);
    return bj::object{{"$id", token.id},
                      {"$createdAt", time::format_iso(token.created_at)},
                      {"resourceId", text_of(token.data, "resourceId")},
                      {"resourceType", text_of(token.data, "resourceType")},
                      {"expire", expire},
                      {"secret", auth::encode_jwt(claims, signing_key(project))},
                      {"accessedAt", text_of(token.data, "accessedAt")}};
}

// The `expire` param: absent or null = never; else a date in the future (Appwrite's
// Nullable(Datetime(requireDateInFuture: true))).
std::optional<std::int64_t> expire_param(Context& ctx) {
    const auto expire = param::optional_datetime(ctx, "expire");
    if (expire && *expire <= time::now_ms()) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    "Invalid `expire` param: Value must be valid date in the future.");
    }
    return expire;
}

storage::Actor actor_of(const Context& ctx) {
    return storage::Actor{.auth = ctx.caller.authorization(),
                          .user_id = ctx.caller.is_user() ? ctx.caller.user->id : std::string()};
}

class TokenEndpoints {
public:
    TokenEndpoints(storage::Storage& storage, std::shared_ptr<storage::FileTokens> tokens)
        : storage_(storage), tokens_(std::move(tokens)) {}

    http::Response create(Context& ctx) {
        const auto expire = expire_param(ctx);
        const auto& project = ctx.require_project();
        const auto [bucket, file] = find(ctx);
        return json(201, token_model(tokens_->create(project.id, *bucket, file, expire), project));
    }

    http::Response list(Context& ctx) {
        const auto texts = param::queries(ctx);
        const bool total = param::boolean(ctx, "total", true);
        const auto& project = ctx.require_project();
        const auto [bucket, file] = find(ctx);
        const auto page = param::with_queries([&] {
            auto queries = db::parse_queries(texts);
            db::check_query_attributes(queries, kTokenQueryAttributes);
            return tokens_->list(project.id, *bucket, file, std::move(queries), total);
        });
        bj::array items;
        for (const auto& token : page.documents) items.emplace_back(token_model(token, project));
        return json(200, bj::object{{"total", page.total}, {"tokens", std::move(items)}});
    }

    http::Response get(Context& ctx) {
        const auto& project = ctx.require_project();
        return json(200,
                    token_model(tokens_->get(project.id, param::path_id(ctx, "tokenId")), project));
    }

    http::Response update(Context& ctx) {
        const auto id = param::path_id(ctx, "tokenId");
        const auto expire = expire_param(ctx);
        const auto& project = ctx.require_project();
        return json(200, token_model(tokens_->update(project.id, id, expire), project));
    }

    http::Response remove(Context& ctx) {
        tokens_->remove(ctx.require_project().id, param::path_id(ctx, "tokenId"));
        return http::Response::no_content();
    }

private:
    // The bucket and file a token is made for, as the caller may read them (Appwrite's
    // getFileAndBucket: bucket_not_found, user_unauthorized, storage_file_not_found).
    std::pair<std::shared_ptr<const storage::Bucket>, db::Document> find(Context& ctx) {
        const auto& project = ctx.require_project().id;
        const auto actor = actor_of(ctx);
        auto bucket = storage_.require_bucket(project, param::path_id(ctx, "bucketId"), actor);
        auto file = storage_.get_file(project, *bucket, actor, param::path_id(ctx, "fileId"));
        return {std::move(bucket), std::move(file)};
    }

    storage::Storage& storage_;
    std::shared_ptr<storage::FileTokens> tokens_;
};

}  // namespace

std::optional<storage::FileGrant> file_grant(Context& ctx, storage::FileTokens& tokens) {
    const auto text = param::optional_string(ctx, "token", kTokenParamLength);
    if (text.empty()) return std::nullopt;
    const auto& project = ctx.require_project();
    const auto now = time::now_ms();
    const auto claims = auth::decode_jwt(text, signing_key(project), now / 1000);
    if (!claims) return std::nullopt;
    const auto* id = claims->if_contains("tokenId");
    if (!id || !id->is_string() || id->get_string().empty()) return std::nullopt;
    return tokens.grant(project.id, id->get_string(), now);
}

void add_file_token_endpoints(Api& api, storage::Storage& storage,
                              std::shared_ptr<storage::FileTokens> tokens) {
    using E = TokenEndpoints;
    const Routes<E> route(api, std::make_shared<E>(storage, std::move(tokens)));
    route(Method::kGet, "/v1/tokens/buckets/{bucketId}/files/{fileId}", "tokens.read", &E::list);
    route(Method::kPost, "/v1/tokens/buckets/{bucketId}/files/{fileId}", "tokens.write",
          &E::create);
    route(Method::kGet, "/v1/tokens/{tokenId}", "tokens.read", &E::get);
    route(Method::kPatch, "/v1/tokens/{tokenId}", "tokens.write", &E::update);
    route(Method::kDelete, "/v1/tokens/{tokenId}", "tokens.write", &E::remove);
}

}  // namespace basalt::api
