// .../collections/{collectionId}/indexes and .../tables/{tableId}/indexes.
#include <fmt/format.h>

#include "api/databases/models.hpp"
#include "api/databases/support.hpp"
#include "api/params.hpp"
#include "core/ids.hpp"
#include "databases/index_changes.hpp"

namespace basalt::api::data {
namespace {

namespace bj = boost::json;
using http::Method;

class IndexEndpoints {
public:
    explicit IndexEndpoints(Handlers handlers) : h_(handlers) {}

    http::Response list(Context& ctx) {
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        bj::array items;
        for (const auto& i : collection.indexes) items.emplace_back(index_model(i, h_.words));
        return json(200, bj::object{{"total", items.size()}, {"indexes", std::move(items)}});
    }

    http::Response get(Context& ctx) {
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        const auto* i = databases::find_index(collection.indexes, ctx.params().at("key").as_string());
        if (!i) throw Error(ErrorType::kIndexNotFound, "Index with the requested key could not be found.");
        return json(200, index_model(*i, h_.words));
    }

    http::Response create(Context& ctx) {
        databases::IndexSpec index;
        index.key = param::string(ctx, "key", 36);
        if (!ids::is_valid(index.key)) {
            throw Error(ErrorType::kGeneralArgumentInvalid,
                        "Invalid `key` param: Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, "
                        "0-9, period, hyphen, and underscore. Can't start with a special char");
        }
        index.type = param::string(ctx, "type", 16);
        if (index.type != databases::kIndexKey && index.type != databases::kIndexUnique &&
            index.type != databases::kIndexFulltext) {
            throw Error(ErrorType::kGeneralArgumentInvalid,
                        "Invalid `type` param: Value must be one of (key, fulltext, unique, spatial)");
        }
        index.attributes = param::strings(ctx, h_.words.tables ? "columns" : "attributes", true, 100, 36);
        index.orders = param::strings(ctx, "orders", false, 100, 4);
        for (const auto& order : index.orders) {
            if (order != "ASC" && order != "DESC") {
                throw Error(ErrorType::kGeneralArgumentInvalid, "Invalid `orders` param: Value must be one of (ASC, DESC)");
            }
        }
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        return json(202, index_model(databases::add_index(*project, collection, std::move(index)), h_.words));
    }

    http::Response remove(Context& ctx) {
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        databases::remove_index(*project, collection, ctx.params().at("key").as_string());
        return http::Response::no_content();
    }

private:
    Handlers h_;
};

}  // namespace

void add_index_routes(Api& api, const Handlers& handlers) {
    using E = IndexEndpoints;
    const DataRoutes<E> route(api, std::make_shared<E>(handlers), handlers.words);
    const auto& w = handlers.words;
    const std::string base = "/v1/{root}/{{databaseId}}/{collections}/{{{collectionId}}}/indexes";
    route(Method::kGet, base, w.indexes_read, &E::list);
    route(Method::kPost, base, w.indexes_write, &E::create);
    route(Method::kGet, base + "/{{key}}", w.indexes_read, &E::get);
    route(Method::kDelete, base + "/{{key}}", w.indexes_write, &E::remove);
}

}  // namespace basalt::api::data
