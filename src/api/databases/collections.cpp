// /v1/databases/{databaseId}/collections and /v1/tablesdb/{databaseId}/tables.
#include <fmt/format.h>

#include <array>
#include <optional>

#include "api/databases/attribute_params.hpp"
#include "api/databases/models.hpp"
#include "api/databases/support.hpp"
#include "api/params.hpp"
#include "databases/catalog.hpp"
#include "databases/documents.hpp"
#include "databases/removals.hpp"
#include "databases/schema_changes.hpp"
#include "db/permission.hpp"

namespace basalt::api::data {
namespace {

namespace bj = boost::json;
using http::Method;
using namespace std::string_view_literals;

// What collection (table) lists may filter and order on, per vocabulary.
constexpr std::array kCollectionQueryAttributes = {"name"sv, "enabled"sv, "documentSecurity"sv};
constexpr std::array kTableQueryAttributes = {"name"sv, "enabled"sv, "rowSecurity"sv};

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
        const auto database_id = param::path_id(ctx, "databaseId");
        const auto texts = param::queries(ctx);
        const auto search = param::optional_string(ctx, "search", 256);
        const bool total = param::boolean(ctx, "total", true);
        auto project = h_.project(ctx);
        const auto database = databases::database_for(*project, database_id, actor_of(ctx).privileged());
        const auto page = param::with_queries([&] {
            auto queries = db::parse_queries(texts);
            if (h_.words.tables) {
                db::check_query_attributes(queries, kTableQueryAttributes);
            } else {
                db::check_query_attributes(queries, kCollectionQueryAttributes);
            }
            rename_row_security(queries);
            const auto cursor = cursor_of(queries);
            if (!search.empty()) queries.push_back(db::Query::search("search", search));
            try {
                return project->list_documents(db::Authorization::internal(), databases::collections_table(database),
                                               queries, {.with_total = total});
            } catch (const Error& e) {
                if (e.type() != ErrorType::kGeneralCursorNotFound) throw;
                throw databases::SettledError(
                    ErrorType::kGeneralCursorNotFound,
                    fmt::format("{} '{}' for the 'cursor' value not found.", h_.words.tables ? "Table" : "Collection",
                                cursor));
            }
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
            created = databases::add_inline_schema(*project, created, std::move(attributes), std::move(indexes), h_.words);
        }
        return json(201, collection_model(created, h_.words));
    }

    http::Response get(Context& ctx) {
        auto project = h_.project(ctx);
        return json(200, collection_model(h_.stored_collection(ctx, *project), h_.words));
    }

    // Appwrite's update: an empty or absent name keeps the name, null permissions keep the
    // permissions, but an absent documentSecurity (rowSecurity) is false and an absent
    // `enabled` true — they are not kept.
    http::Response update(Context& ctx) {
        (void)param::path_id(ctx, "databaseId");
        (void)param::path_id(ctx, h_.words.collection_id);
        auto name = param::optional_string(ctx, "name", 128);
        std::optional<std::vector<std::string>> permissions;
        if (const auto* p = ctx.params().if_contains("permissions"); p && !p->is_null()) {
            permissions = collection_permissions(ctx);
        }
        const bool security = param::boolean(ctx, h_.words.document_security, false);
        const bool enabled = param::boolean(ctx, "enabled", true);
        (void)param::boolean(ctx, "purge", false);  // no list cache to purge
        auto project = h_.project(ctx);
        const auto collection = h_.stored_collection(ctx, *project);
        if (name.empty()) name = std::string(collection.name());
        databases::NewCollection changes{.id = collection.id(),
                                         .name = std::move(name),
                                         .permissions = permissions ? *permissions : collection.record.permissions,
                                         .document_security = security,
                                         .enabled = enabled};
        return json(200, collection_model(databases::update_collection(*project, collection, changes), h_.words));
    }

    // 204 at once; the documents table is dropped in the background.
    http::Response remove(Context& ctx) {
        auto project = h_.project(ctx);
        const auto collection = h_.stored_collection(ctx, *project);
        databases::remove_collection(h_.jobs, ctx.require_project().id, *project, collection);
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
