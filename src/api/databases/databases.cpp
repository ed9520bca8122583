// /v1/databases and /v1/tablesdb: the databases themselves (one catalog for both vocabularies;
// `type` says which API created each). As in Appwrite 1.9.6, GET /databases lists the
// `legacy` databases only, GET /tablesdb both kinds, and by-id routes reach either kind.
#include <fmt/format.h>

#include <array>

#include "api/databases/models.hpp"
#include "api/databases/support.hpp"
#include "api/params.hpp"
#include "core/json_fields.hpp"
#include "databases/catalog.hpp"
#include "databases/removals.hpp"

namespace basalt::api::data {
namespace {

namespace bj = boost::json;
using http::Method;
using namespace std::string_view_literals;

constexpr std::array kQueryAttributes = {"name"sv};

// The id a cursor query names ("" when none).
std::string cursor_of(const std::vector<db::Query>& queries) {
    for (const auto& q : queries) {
        if ((q.method == db::QueryMethod::kCursorAfter || q.method == db::QueryMethod::kCursorBefore) &&
            !q.values.empty() && q.values.front().is_string()) {
            return std::string(q.values.front().get_string());
        }
    }
    return {};
}

class DatabaseEndpoints {
public:
    explicit DatabaseEndpoints(Handlers handlers) : h_(handlers) {}

    http::Response list(Context& ctx) {
        const auto texts = param::queries(ctx);
        const auto search = param::optional_string(ctx, "search", 256);
        const bool total = param::boolean(ctx, "total", true);
        auto project = h_.project(ctx);
        const auto page = param::with_queries([&] {
            auto queries = db::parse_queries(texts);
            db::check_query_attributes(queries, kQueryAttributes);
            const auto cursor = cursor_of(queries);
            if (!search.empty()) queries.push_back(db::Query::search("search", search));
            bj::array types{"legacy"};
            if (h_.words.tables) types.emplace_back("tablesdb");
            queries.push_back(db::Query::equal("type", std::move(types)));
            try {
                return project->list_documents(db::Authorization::internal(), "databases", queries,
                                               {.with_total = total});
            } catch (const Error& e) {
                if (e.type() != ErrorType::kGeneralCursorNotFound) throw;
                throw Error(ErrorType::kGeneralCursorNotFound,
                            fmt::format("Database '{}' for the 'cursor' value not found.", cursor));
            }
        });
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
        const auto id = param::path_id(ctx, "databaseId");
        auto project = h_.project(ctx);
        const auto database = databases::find_database(*project, id);
        if (!database) databases::database_not_found(id);
        return json(200, database_model(*database));
    }

    // Appwrite's update: an empty or absent name keeps the name; an absent `enabled` is true.
    http::Response update(Context& ctx) {
        const auto id = param::path_id(ctx, "databaseId");
        auto name = param::optional_string(ctx, "name", 128);
        const bool enabled = param::boolean(ctx, "enabled", true);
        auto project = h_.project(ctx);
        const auto database = databases::find_database(*project, id);
        if (!database) databases::database_not_found(id);
        if (name.empty()) name = text_of(database->data, "name");
        return json(200, database_model(databases::update_database(*project, id, name, enabled)));
    }

    // 204 at once; the collections' tables are dropped in the background.
    http::Response remove(Context& ctx) {
        const auto id = param::path_id(ctx, "databaseId");
        auto project = h_.project(ctx);
        const auto database = databases::find_database(*project, id);
        if (!database) databases::database_not_found(id);
        databases::remove_database(h_.jobs, ctx.require_project().id, *project, *database);
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
