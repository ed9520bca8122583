#include "api/databases/support.hpp"
#include "api/services.hpp"

namespace basalt::api {

void add_databases_endpoints(Api& api, db::Store& store, databases::SchemaJobs& jobs) {
    for (const auto* words : {&databases::kDocumentsVocabulary, &databases::kTablesVocabulary}) {
        data::Handlers handlers{store, *words, jobs};
        handlers.lists = std::make_shared<databases::ListCache>(data::list_cache_max_age(api.options()));
        data::add_database_routes(api, handlers);
        data::add_collection_routes(api, handlers);
        data::add_attribute_routes(api, handlers);
        data::add_index_routes(api, handlers);
        data::add_document_routes(api, handlers);
        data::add_relationship_routes(api, handlers);
        data::add_transaction_routes(api, handlers);
    }
}

}  // namespace basalt::api
