// /v1/databases and /v1/tablesdb: the databases themselves (one catalog for both vocabularies;
// `type` says which API created each).
#include <array>

#include "api/auth_support.hpp"
#include "api/databases/models.hpp"
#include "api/databases/support.hpp"
#include "api/params.hpp"
#include "databases/catalog.hpp"

namespace basalt::api::data {
namespace {

namespace bj = boost::json;
using http::Method;
using namespace std::string_view_literals;

constexpr std::array kQueryAttributes = {"name"sv};

class DatabaseEndpoints {
public:
    explicit DatabaseEndpoints(Handlers handlers) : h_(handlers) {}

    http::Response list(Context& ctx) {
        auto project = h_.project(ctx);
        const auto page = list_internal(ctx, *project, {.collection = "databases", .allowed = kQueryAttributes, .filters = {}, .searchable = true});
        bj::array items;
        for (const auto& database : page.documents) items.emplace_back(database_model(database));
        return json(200, bj::object{{"total", page.total}, {"databases", std::move(items)}});
    }

    http::Response create(Context& ctx) {
        const auto id = param::id(ctx, "databaseId");
        const auto name = param::string(ctx, "name", 128);
        const bool enabled = param::boolean(ctx, "enabled", true);
        auto project = h_.project(ctx);
        return json(201, database_model(databases::create_database(*project, id, name, enabled, h_.words.database_type)));
    }

    http::Response get(Context& ctx) {
        auto project = h_.project(ctx);
        const auto database = databases::find_database(*project, param::path_id(ctx, "databaseId"));
        if (!database) throw Error(ErrorType::kDatabaseNotFound, "Database not found");
        return json(200, database_model(*database));
    }

    http::Response update(Context& ctx) {
        const auto id = param::path_id(ctx, "databaseId");
        const auto name = param::string(ctx, "name", 128);
        const bool enabled = param::boolean(ctx, "enabled", true);
        auto project = h_.project(ctx);
        return json(200, database_model(databases::update_database(*project, id, name, enabled)));
    }

    http::Response remove(Context& ctx) {
        auto project = h_.project(ctx);
        databases::delete_database(*project, param::path_id(ctx, "databaseId"));
        return http::Response::no_content();
    }

private:
    Handlers h_;
};

}  // namespace

void add_database_routes(Api& api, const Handlers& handlers) {
    using E = DatabaseEndpoints;
    const DataRoutes<E> route(api, std::make_shared<E>(handlers), handlers.words);
    route(Method::kGet, "/v1/{root}", "databases.read", &E::list);
    route(Method::kPost, "/v1/{root}", "databases.write", &E::create);
    route(Method::kGet, "/v1/{root}/{{databaseId}}", "databases.read", &E::get);
    route(Method::kPut, "/v1/{root}/{{databaseId}}", "databases.write", &E::update);
    route(Method::kDelete, "/v1/{root}/{{databaseId}}", "databases.write", &E::remove);
}

}  // namespace basalt::api::data
