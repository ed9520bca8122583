// /v1/databases/{databaseId}/collections and /v1/tablesdb/{databaseId}/tables.
#include <array>

#include "api/databases/attribute_params.hpp"
#include "api/databases/models.hpp"
#include "api/databases/support.hpp"
#include "api/params.hpp"
#include "databases/catalog.hpp"
#include "databases/documents.hpp"
#include "databases/schema_changes.hpp"
#include "db/permission.hpp"

namespace basalt::api::data {
namespace {

namespace bj = boost::json;
using http::Method;
using namespace std::string_view_literals;

constexpr std::array kQueryAttributes = {"name"sv, "enabled"sv, "documentSecurity"sv};

// TablesDB calls the stored documentSecurity rowSecurity.
void rename_row_security(std::vector<db::Query>& queries) {
    for (auto& q : queries) {
        if (q.attribute == "rowSecurity") q.attribute = "documentSecurity";
        rename_row_security(q.children);
    }
}

std::vector<std::string> collection_permissions(Context& ctx) {
    return db::normalize_permissions(param::strings(ctx, "permissions", false, 100, 2048),
                                     db::PermissionScope::kCollection);
}

class CollectionEndpoints {
public:
    explicit CollectionEndpoints(Handlers handlers) : h_(handlers) {}

    http::Response list(Context& ctx) {
        auto project = h_.project(ctx);
        const auto database = databases::require_database(*project, param::path_id(ctx, "databaseId"), actor_of(ctx));
        const auto texts = param::queries(ctx);
        const bool total = param::boolean(ctx, "total", true);
        const auto search = param::optional_string(ctx, "search", 256);
        const auto page = param::with_queries([&] {
            auto queries = db::parse_queries(texts);
            rename_row_security(queries);
            db::check_query_attributes(queries, kQueryAttributes);
            if (!search.empty()) queries.push_back(db::Query::search("search", search));
            return project->list_documents(db::Authorization::internal(), databases::collections_table(database),
                                           queries, {.with_total = total});
        });
        bj::array items;
        for (const auto& record : page.documents) {
            items.emplace_back(collection_model(databases::collection_from(database, record), h_.words));
        }
        return json(200, bj::object{{"total", page.total}, {h_.words.collections, std::move(items)}});
    }

    http::Response create(Context& ctx) {
        databases::NewCollection spec{.id = param::id(ctx, std::string(h_.words.collection_id)),
                                      .name = param::string(ctx, "name", 128),
                                      .permissions = collection_permissions(ctx),
                                      .document_security = param::boolean(ctx, h_.words.document_security, false),
                                      .enabled = param::boolean(ctx, "enabled", true)};
        auto attributes = inline_attributes(ctx, h_.words);
        auto indexes = inline_indexes(ctx, h_.words);
        auto project = h_.project(ctx);
        const auto database = databases::require_database(*project, param::path_id(ctx, "databaseId"), actor_of(ctx));
        auto created = databases::create_collection(*project, database, spec);
        if (!attributes.empty() || !indexes.empty()) {
            created = databases::add_inline_schema(*project, created, std::move(attributes), std::move(indexes));
        }
        return json(201, collection_model(created, h_.words));
    }

    http::Response get(Context& ctx) {
        auto project = h_.project(ctx);
        return json(200, collection_model(h_.collection(ctx, *project), h_.words));
    }

    http::Response update(Context& ctx) {
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        databases::NewCollection changes{.id = collection.id(),
                                         .name = param::string(ctx, "name", 128),
                                         .permissions = ctx.params().contains("permissions")
                                                            ? collection_permissions(ctx)
                                                            : collection.record.permissions,
                                         .document_security = param::boolean(ctx, h_.words.document_security, collection.document_security()),
                                         .enabled = param::boolean(ctx, "enabled", collection.enabled())};
        return json(200, collection_model(databases::update_collection(*project, collection, changes), h_.words));
    }

    http::Response remove(Context& ctx) {
        auto project = h_.project(ctx);
        databases::delete_collection(*project, h_.collection(ctx, *project));
        return http::Response::no_content();
    }

private:
    Handlers h_;
};

}  // namespace

void add_collection_routes(Api& api, const Handlers& handlers) {
    using E = CollectionEndpoints;
    const DataRoutes<E> route(api, std::make_shared<E>(handlers), handlers.words);
    const auto& w = handlers.words;
    route(Method::kGet, "/v1/{root}/{{databaseId}}/{collections}", w.collections_read, &E::list);
    route(Method::kPost, "/v1/{root}/{{databaseId}}/{collections}", w.collections_write, &E::create);
    route(Method::kGet, "/v1/{root}/{{databaseId}}/{collections}/{{{collectionId}}}", w.collections_read, &E::get);
    route(Method::kPut, "/v1/{root}/{{databaseId}}/{collections}/{{{collectionId}}}", w.collections_write, &E::update);
    route(Method::kDelete, "/v1/{root}/{{databaseId}}/{collections}/{{{collectionId}}}", w.collections_write, &E::remove);
}

}  // namespace basalt::api::data
