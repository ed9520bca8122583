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
#include "databases/documents.hpp"
#include "databases/schema_jobs.hpp"
#include "databases/transactions.hpp"
#include "databases/vocabulary.hpp"

namespace basalt::db {
class Store;
}

namespace basalt::api::data {

struct Handlers {
    db::Store& store;
    const databases::Vocabulary& words;
    databases::SchemaJobs& jobs;

    std::shared_ptr<db::Database> project(const Context& ctx) const;
    // The path's database and collection (table) for the caller.
    databases::Collection collection(Context& ctx, db::Documents& project) const;
};

databases::Actor actor_of(const Context& ctx);

// Registers a data-API route: `path` is a fmt pattern whose {root}, {collections},
// {collectionId}, {attributes}, {documents} and {documentId} name the vocabulary's words
// ("/v1/{root}/{{databaseId}}" -> "/v1/tablesdb/{databaseId}"); errors the handler throws are
// reported in the vocabulary.
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
