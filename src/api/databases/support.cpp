#include "api/databases/support.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cstdlib>
#include <string_view>

#include "api/params.hpp"
#include "db/store.hpp"

namespace basalt::api::data {

std::shared_ptr<db::Database> Handlers::project(const Context& ctx) const {
    return store.project(ctx.require_project().id);
}

databases::Collection Handlers::collection(Context& ctx, db::Documents& project) const {
    const auto& params = ctx.params();
    const auto database_id = params.at("databaseId").as_string();
    const auto collection_id = params.at(words.collection_id).as_string();
    return *catalog->collection(project, ctx.require_project().id, database_id, collection_id, actor_of(ctx));
}

databases::Collection Handlers::stored_collection(Context& ctx, db::Documents& project) const {
    const auto database_id = param::path_id(ctx, "databaseId");
    const auto collection_id = param::path_id(ctx, words.collection_id);
    return databases::collection_for(project, database_id, collection_id, actor_of(ctx).privileged());
}

http::Response Handlers::list_response(Context& ctx, db::Database& project, const databases::Collection& collection,
                                       const std::vector<std::string>& queries, bool with_total,
                                       const std::function<boost::json::value(const db::DocumentList&)>& model) const {
    const auto actor = actor_of(ctx);
    const auto run = [&] {
        const auto page = databases::list_documents(project, collection, actor, db::parse_queries(queries), with_total);
        return boost::json::serialize(model(page));
    };
    // Only lists the cache knows: any other param (transactionId, ttl...) may change the answer.
    for (const auto& param : ctx.params()) {
        const auto name = param.key();
        if (name != "queries" && name != "total" && name != "databaseId" && name != words.collection_id) {
            return http::Response::json(200, run());
        }
    }
    const auto body = lists->list(ctx.require_project().id, project, collection, actor, queries, with_total,
                                  std::to_string(ctx.response_format), run);
    return http::Response::json(200, *body);
}

std::chrono::steady_clock::duration list_cache_max_age(const ApiOptions& options) {
    const char* setting = std::getenv("BASALT_LIST_CACHE");
    if (setting && std::string_view(setting) == "off") return std::chrono::steady_clock::duration::zero();
    // Local reads mean one SQLite file per project written by this process alone, so every write
    // is seen and a cached page is never stale. Nodes sharing PostgreSQL write behind each
    // other's back: no list cache there (Appwrite lists fresh unless a request asks for `ttl`).
    if (options.inline_local_reads) return std::chrono::steady_clock::duration::max();
    return std::chrono::steady_clock::duration::zero();
}

boost::json::object data_param(Context& ctx, bool required) {
    const auto* v = ctx.params().if_contains("data");
    if (!v || v->is_null()) {
        if (required) throw Error(ErrorType::kGeneralArgumentInvalid, "Param \"data\" is not optional.");
        return {};
    }
    if (v->is_object()) return v->get_object();
    if (v->is_string()) {
        boost::system::error_code ec;
        auto parsed = boost::json::parse(v->get_string(), ec);
        if (!ec && parsed.is_object()) return std::move(parsed.get_object());
        if (!ec && parsed.is_array() && parsed.get_array().empty()) return {};
    }
    if (v->is_array() && v->get_array().empty()) return {};  // PHP's empty JSON object
    throw Error(ErrorType::kGeneralArgumentInvalid, "Invalid `data` param: Value must be a valid JSON");
}

databases::Actor actor_of(const Context& ctx) {
    return databases::Actor{.auth = ctx.caller.authorization(),
                            .user_id = ctx.caller.is_user() ? ctx.caller.user->id : std::string()};
}

namespace {

std::string expand_path(std::string_view path, const databases::Vocabulary& words) {
    fmt::dynamic_format_arg_store<fmt::format_context> args;
    args.push_back(fmt::arg("root", words.root));
    args.push_back(fmt::arg("collections", words.collections));
    args.push_back(fmt::arg("collectionId", words.collection_id));
    args.push_back(fmt::arg("attributes", words.attributes));
    args.push_back(fmt::arg("documents", words.documents));
    args.push_back(fmt::arg("documentId", words.document_id));
    return fmt::vformat(path, args);
}

}  // namespace

void add_data_route(Api& api, const databases::Vocabulary& words, http::Method method, std::string_view path,
                    std::string_view scope, std::function<http::Response(Context&)> handler, bool local_read) {
    api.add({.method = method,
             .path = expand_path(path, words),
             .scope = std::string(scope),
             .execution = http::Execution::kBlocking,
             .handler = [handler = std::move(handler), &words](Context& ctx) {
                 try {
                     return handler(ctx);
                 } catch (const Error& e) {
                     throw words.translate(e);
                 }
             },
             .local_read = local_read,
             .any_origin = false});
}

}  // namespace basalt::api::data
