// What every handler of the data API (Databases and TablesDB) shares: its vocabulary, the
// project's database, the acting caller and route registration.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/api.hpp"
#include "databases/catalog.hpp"
#include "databases/catalog_cache.hpp"
#include "databases/documents.hpp"
#include "databases/schema_jobs.hpp"
#include "databases/transactions.hpp"
#include "databases/list_cache.hpp"
#include "databases/vocabulary.hpp"

namespace basalt::db {
class Store;
}

namespace basalt::api::data {

// How long a cached list response may be served (databases/list_cache.hpp): with local storage
// (SQLite, written by this process only) until a write, else 1 s (other nodes write too); 0 (no
// cache) when the environment sets BASALT_LIST_CACHE=off, to measure the uncached path.
std::chrono::steady_clock::duration list_cache_max_age(const ApiOptions& options);

struct Handlers {
    db::Store& store;
    const databases::Vocabulary& words;
    databases::SchemaJobs& jobs;
    // Resolved collections of this node (see databases/catalog_cache.hpp).
    std::shared_ptr<databases::CatalogCache> catalog = std::make_shared<databases::CatalogCache>();
    // Document list pages of this node (see databases/list_cache.hpp).
    std::shared_ptr<databases::ListCache> lists = std::make_shared<databases::ListCache>(std::chrono::seconds(1));

    std::shared_ptr<db::Database> project(const Context& ctx) const;
    // The path's database and collection (table) for the caller, from the catalog cache.
    databases::Collection collection(Context& ctx, db::Documents& project) const;
    // The same read from the store, bypassing the cache (routes that change or show the schema).
    databases::Collection stored_collection(Context& ctx, db::Documents& project) const;
    // The 200 response of a document list: databases::list_documents with these query texts,
    // rendered by `model`, through the list cache when the request has no other params than the
    // path's, `queries` and `total`.
    http::Response list_response(Context& ctx, db::Database& project, const databases::Collection& collection,
                                 const std::vector<std::string>& queries, bool with_total,
                                 const std::function<boost::json::value(const db::DocumentList&)>& model) const;
};

databases::Actor actor_of(const Context& ctx);

// The `data` param of document writes: an object, or a JSON string of one (as Appwrite accepts);
// {} when absent, null or PHP's empty array. Throws kGeneralArgumentInvalid.
boost::json::object data_param(Context& ctx, bool required = false);

// Registers a data-API route: `path` is a fmt pattern whose {root}, {collections},
// {collectionId}, {attributes}, {documents} and {documentId} name the vocabulary's words
// ("/v1/{root}/{{databaseId}}" -> "/v1/tablesdb/{databaseId}"); errors the handler throws are
// reported in the vocabulary. Every route but GET counts as a write of the project's data for the
// list cache while it runs.
void add_data_route(Api& api, const databases::Vocabulary& words, http::Method method, std::string_view path,
                    std::string_view scope, std::function<http::Response(Context&)> handler,
                    bool local_read = false);

// Registers the member functions of one endpoints object (as api::Routes does).
template <typename Endpoints>
class DataRoutes {
public:
    using Handler = http::Response (Endpoints::*)(Context&);

    DataRoutes(Api& api, std::shared_ptr<Endpoints> endpoints, const databases::Vocabulary& words)
        : api_(api), endpoints_(std::move(endpoints)), words_(words) {}

    void operator()(http::Method method, std::string_view path, std::string_view scope, Handler handler,
                    bool local_read = false) const {
        add_data_route(api_, words_, method, path, scope,
                       [endpoints = endpoints_, handler](Context& ctx) { return ((*endpoints).*handler)(ctx); },
                       local_read);
    }

private:
    Api& api_;
    std::shared_ptr<Endpoints> endpoints_;
    const databases::Vocabulary& words_;
};

void add_database_routes(Api& api, const Handlers& handlers);
void add_collection_routes(Api& api, const Handlers& handlers);
void add_attribute_routes(Api& api, const Handlers& handlers);
void add_index_routes(Api& api, const Handlers& handlers);
void add_document_routes(Api& api, const Handlers& handlers);
void add_relationship_routes(Api& api, const Handlers& handlers);

// Transactions (transactions.cpp): /v1/{root}/transactions...
void add_transaction_routes(Api& api, const Handlers& handlers);
// For the document routes (transaction_staging.cpp). When the request names a `transactionId`:
// stages the route's write `action` instead of making it (kCreate with a `documents|rows` param
// stages a bulk create) and returns Appwrite's response for a staged write; nullopt otherwise.
std::optional<http::Response> staged_write(Context& ctx, const Handlers& handlers, databases::Action action);
// Runs `read` on the transaction's view when the request names a `transactionId`, else on
// `project`.
void read_documents(Context& ctx, db::Database& project, const std::function<void(db::Documents&)>& read);

}  // namespace basalt::api::data
