// .../collections/{collectionId}/documents and .../tables/{tableId}/rows.
#include <fmt/format.h>

#include <boost/json/parse.hpp>

#include "api/databases/models.hpp"
#include "api/databases/support.hpp"
#include "api/params.hpp"
#include "databases/documents.hpp"

namespace basalt::api::data {
namespace {

namespace bj = boost::json;
using http::Method;

// The `data` param: an object (a JSON string of one is accepted, as Appwrite does).
bj::object data_param(Context& ctx, bool required) {
    const auto* v = ctx.params().if_contains("data");
    if (!v || v->is_null()) {
        if (required) throw Error(ErrorType::kGeneralArgumentInvalid, "Param \"data\" is not optional.");
        return {};
    }
    if (v->is_object()) return v->get_object();
    if (v->is_string()) {
        boost::system::error_code ec;
        auto parsed = bj::parse(v->get_string(), ec);
        if (!ec && parsed.is_object()) return std::move(parsed.get_object());
    }
    throw Error(ErrorType::kGeneralArgumentInvalid, "Invalid `data` param: Value must be a valid JSON object");
}

// The `permissions` param: nullopt when absent or null.
std::optional<std::vector<std::string>> permissions_param(Context& ctx) {
    const auto* v = ctx.params().if_contains("permissions");
    if (!v || v->is_null()) return std::nullopt;
    return param::strings(ctx, "permissions", false, 100, 2048);
}

class DocumentEndpoints {
public:
    explicit DocumentEndpoints(Handlers handlers) : h_(handlers) {}

    http::Response list(Context& ctx) {
        const auto texts = param::queries(ctx);
        const bool total = param::boolean(ctx, "total", true);
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        // Through the list cache: the model below renders a page only when it is not cached.
        return h_.list_response(ctx, *project, collection, texts, total, [&](const db::DocumentList& page) {
            bj::array items;
            items.reserve(page.documents.size());
            for (const auto& d : page.documents) items.emplace_back(document_model(d, collection, h_.words));
            return bj::value(bj::object{{"total", page.total}, {h_.words.documents, std::move(items)}});
        });
    }

    http::Response create(Context& ctx) {
        databases::NewDocument document{.id = param::id(ctx, h_.words.document_id),
                                        .data = data_param(ctx, true),
                                        .permissions = permissions_param(ctx)};
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        const auto created = databases::create_document(*project, collection, actor_of(ctx), std::move(document));
        return json(201, document_model(created, collection, h_.words));
    }

    http::Response get(Context& ctx) {
        const auto texts = param::queries(ctx);
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        const auto id = param::path_id(ctx, h_.words.document_id);
        const auto document = param::with_queries([&] {
            return databases::get_document(*project, collection, actor_of(ctx), id, db::parse_queries(texts));
        });
        return json(200, document_model(document, collection, h_.words));
    }

    http::Response update(Context& ctx) {
        const auto data = data_param(ctx, false);
        auto permissions = permissions_param(ctx);
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        const auto id = param::path_id(ctx, h_.words.document_id);
        const auto updated =
            databases::update_document(*project, collection, actor_of(ctx), id, data, std::move(permissions));
        return json(200, document_model(updated, collection, h_.words));
    }

    http::Response remove(Context& ctx) {
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        databases::delete_document(*project, collection, actor_of(ctx), param::path_id(ctx, h_.words.document_id));
        return http::Response::no_content();
    }

private:
    Handlers h_;
};

}  // namespace

void add_document_routes(Api& api, const Handlers& handlers) {
    using E = DocumentEndpoints;
    const DataRoutes<E> route(api, std::make_shared<E>(handlers), handlers.words);
    const auto& w = handlers.words;
    const std::string base = "/v1/{root}/{{databaseId}}/{collections}/{{{collectionId}}}/{documents}";
    const std::string one = base + "/{{{documentId}}}";
    route(Method::kGet, base, w.documents_read, &E::list, true);
    route(Method::kPost, base, w.documents_write, &E::create);
    route(Method::kGet, one, w.documents_read, &E::get, true);
    route(Method::kPatch, one, w.documents_write, &E::update);
    route(Method::kDelete, one, w.documents_write, &E::remove);
}

}  // namespace basalt::api::data
