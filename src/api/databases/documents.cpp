// .../collections/{collectionId}/documents and .../tables/{tableId}/rows: single and bulk
// writes, reads, upserts and increments. Bulk writes, upserts and increments run in one engine
// transaction each, so a bad item leaves nothing written. `transactionId` is accepted and
// ignored here (staged transactions route it elsewhere).
#include <fmt/format.h>

#include <algorithm>
#include <boost/json/parse.hpp>

#include "api/databases/models.hpp"
#include "api/databases/support.hpp"
#include "api/params.hpp"
#include "databases/documents.hpp"

namespace basalt::api::data {
namespace {

namespace bj = boost::json;
using http::Method;

bool present(Context& ctx, std::string_view name) {
    const auto* v = ctx.params().if_contains(name);
    return v && !v->is_null();
}

// The `permissions` param: nullopt when absent or null.
std::optional<std::vector<std::string>> permissions_param(Context& ctx) {
    const auto* v = ctx.params().if_contains("permissions");
    if (!v || v->is_null()) return std::nullopt;
    const bool strings = v->is_array() && std::all_of(v->get_array().begin(), v->get_array().end(),
                                                     [](const bj::value& p) { return p.is_string(); });
    if (!strings) {
        throw Error(ErrorType::kGeneralArgumentInvalid, "Invalid `permissions` param: Permissions must be an array of strings.");
    }
    std::vector<std::string> out;
    for (const auto& p : v->get_array()) out.emplace_back(p.get_string());
    if (auto problem = databases::permissions_problem(out)) {
        throw Error(ErrorType::kGeneralArgumentInvalid, "Invalid `permissions` param: " + *problem);
    }
    return out;
}

// The bulk `documents` / `rows` param: at most kBatchLimit objects.
std::vector<databases::NewDocument> items_param(Context& ctx, std::string_view name) {
    const auto* v = ctx.params().if_contains(name);
    if (!v || v->is_null()) throw Error(ErrorType::kGeneralArgumentInvalid, fmt::format("Param \"{}\" is not optional.", name));
    const bool objects = v->is_array() && v->get_array().size() <= databases::kBatchLimit &&
                         std::all_of(v->get_array().begin(), v->get_array().end(),
                                     [](const bj::value& item) { return item.is_object(); });
    if (!objects) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    fmt::format("Invalid `{}` param: Value must a valid array no longer than {} items and Value must "
                                "be a valid JSON",
                                name, databases::kBatchLimit));
    }
    std::vector<databases::NewDocument> items;
    items.reserve(v->get_array().size());
    for (const auto& item : v->get_array()) items.push_back(databases::bulk_item(item.get_object()));
    return items;
}

class DocumentEndpoints {
public:
    explicit DocumentEndpoints(Handlers handlers) : h_(handlers) {}

    http::Response list(Context& ctx) {
        const auto texts = param::queries(ctx);
        const bool total = param::boolean(ctx, "total", true);
        param::integer(ctx, "ttl", 0, 0, 86400);  // list caching is not implemented: fresh reads
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        if (ctx.params().contains("transactionId")) {
            db::DocumentList page;
            read_documents(ctx, *project, [&](db::Documents& view) {  // transactions hook (wt-tx)
                page = databases::list_documents(view, collection, actor_of(ctx), db::parse_queries(texts), total);
            });
            return json(200, list_model(page, collection));
        }
        // Through the list cache: the model below renders a page only when it is not cached.
        return h_.list_response(ctx, *project, collection, texts, total,
                                [&](const db::DocumentList& page) { return bj::value(list_model(page, collection)); });
    }

    http::Response create(Context& ctx) {
        if (auto staged = staged_write(ctx, h_, databases::Action::kCreate)) return std::move(*staged);  // wt-tx
        if (present(ctx, h_.words.documents)) return create_many(ctx);
        const auto data = data_param(ctx);
        if (data.empty()) {
            throw Error(ErrorType::kDocumentMissingData, "The document data is missing. Try again with document data populated");
        }
        if (!present(ctx, h_.words.document_id)) {
            throw Error(ErrorType::kDocumentMissingData, "Document ID is required when creating a single document.");
        }
        databases::NewDocument document{.id = param::id(ctx, h_.words.document_id),
                                        .data = data,
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
        db::Document document;
        read_documents(ctx, *project, [&](db::Documents& view) {  // transactions hook (wt-tx)
            document = databases::get_document(view, collection, actor_of(ctx), id, db::parse_queries(texts));
        });
        return json(200, document_model(document, collection, h_.words));
    }

    http::Response update(Context& ctx) {
        if (auto staged = staged_write(ctx, h_, databases::Action::kUpdate)) return std::move(*staged);  // wt-tx
        const auto data = data_param(ctx);
        auto permissions = permissions_param(ctx);
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        const auto id = param::path_id(ctx, h_.words.document_id);
        const auto updated =
            databases::update_document(*project, collection, actor_of(ctx), id, data, std::move(permissions));
        return json(200, document_model(updated, collection, h_.words));
    }

    // PUT .../{documentId}: Appwrite declares 201 but answers 200 (outside transactions).
    http::Response upsert(Context& ctx) {
        if (auto staged = staged_write(ctx, h_, databases::Action::kUpsert)) return std::move(*staged);  // wt-tx
        databases::NewDocument document{.id = std::string(param::path_id(ctx, h_.words.document_id)),
                                        .data = data_param(ctx),
                                        .permissions = permissions_param(ctx)};
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        db::Document upserted;
        project->transact([&](db::Documents& tx) {
            upserted = databases::upsert_document(tx, collection, actor_of(ctx), std::move(document));
        });
        return json(200, document_model(upserted, collection, h_.words));
    }

    http::Response remove(Context& ctx) {
        if (auto staged = staged_write(ctx, h_, databases::Action::kDelete)) return std::move(*staged);  // wt-tx
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        databases::delete_document(*project, collection, actor_of(ctx), param::path_id(ctx, h_.words.document_id));
        return http::Response::no_content();
    }

    // PUT on the collection. Appwrite declares 201 but answers 200.
    http::Response upsert_many(Context& ctx) {
        if (auto staged = staged_write(ctx, h_, databases::Action::kBulkUpsert)) return std::move(*staged);  // wt-tx
        auto items = items_param(ctx, h_.words.documents);
        return bulk(ctx, "upsert", [&](db::Documents& tx, const databases::Collection& c, const databases::Actor& a) {
            return databases::upsert_documents(tx, c, a, std::move(items));
        });
    }

    http::Response update_many(Context& ctx) {
        if (auto staged = staged_write(ctx, h_, databases::Action::kBulkUpdate)) return std::move(*staged);  // wt-tx
        const auto data = data_param(ctx);
        const auto texts = param::queries(ctx);
        return bulk(ctx, "update", [&](db::Documents& tx, const databases::Collection& c, const databases::Actor& a) {
            return databases::update_documents(tx, c, a, data, db::parse_queries(texts));
        });
    }

    http::Response remove_many(Context& ctx) {
        if (auto staged = staged_write(ctx, h_, databases::Action::kBulkDelete)) return std::move(*staged);  // wt-tx
        const auto texts = param::queries(ctx);
        return bulk(ctx, "delete", [&](db::Documents& tx, const databases::Collection& c, const databases::Actor& a) {
            return databases::delete_documents(tx, c, a, db::parse_queries(texts));
        });
    }

    http::Response increment(Context& ctx) {
        if (auto staged = staged_write(ctx, h_, databases::Action::kIncrement)) return std::move(*staged);  // wt-tx
        return step(ctx, false);
    }
    http::Response decrement(Context& ctx) {
        if (auto staged = staged_write(ctx, h_, databases::Action::kDecrement)) return std::move(*staged);  // wt-tx
        return step(ctx, true);
    }

private:
    std::string_view service() const { return h_.words.tables ? "tablesDB" : "databases"; }
    std::string_view attribute_param() const { return h_.words.tables ? "column" : "attribute"; }

    http::Response create_many(Context& ctx) {
        if (present(ctx, "data")) {
            throw Error(ErrorType::kGeneralBadRequest,
                        fmt::format("You can only send one of the following parameters: data, {}", h_.words.documents));
        }
        if (!actor_of(ctx).privileged()) {
            throw Error(ErrorType::kGeneralUnauthorizedScope,
                        "The current user or API key does not have the required scopes to access the requested "
                        "resource.");
        }
        const std::string_view noun = h_.words.tables ? "rows" : "documents";
        if (present(ctx, h_.words.document_id)) {
            throw Error(ErrorType::kGeneralBadRequest,
                        fmt::format("Param \"{}\" is not allowed when creating multiple {}, set \"$id\" on each instead.",
                                    h_.words.document_id, noun));
        }
        if (present(ctx, "permissions")) {
            throw Error(ErrorType::kGeneralBadRequest,
                        fmt::format("Param \"permissions\" is disallowed when creating multiple {}, set \"$permissions\" "
                                    "on each instead",
                                    noun));
        }
        auto items = items_param(ctx, h_.words.documents);
        return bulk(
            ctx, "create",
            [&](db::Documents& tx, const databases::Collection& c, const databases::Actor& a) {
                return databases::create_documents(tx, c, a, std::move(items));
            },
            201);
    }

    // Runs one bulk write in a transaction; refuses collections with relationships, as Appwrite.
    template <typename Write>
    http::Response bulk(Context& ctx, std::string_view verb, Write&& write, int status = 200) {
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        for (const auto& a : collection.attributes) {
            if (a.kind == databases::Kind::kRelationship) {
                throw Error(ErrorType::kGeneralBadRequest,
                            fmt::format("Bulk {} is not supported for {} with relationship attributes", verb, service()));
            }
        }
        const auto actor = actor_of(ctx);
        db::DocumentList result;
        project->transact([&](db::Documents& tx) { result = write(tx, collection, actor); });
        return json(status, list_model(result, collection));
    }

    http::Response step(Context& ctx, bool decrement) {
        const auto attribute = std::string(ctx.request.path_param(attribute_param()));
        const auto id = std::string(param::path_id(ctx, h_.words.document_id));
        databases::Step step{.attribute = attribute, .value = number(ctx, "value").value_or(1), .bound = number(ctx, decrement ? "min" : "max"),
                             .decrement = decrement, .service = service()};
        if (!(step.value > 0)) {
            throw Error(ErrorType::kGeneralArgumentInvalid, "Value must be numeric and greater than 0");
        }
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        const auto actor = actor_of(ctx);
        db::Document document;
        project->transact([&](db::Documents& tx) { document = databases::step_document(tx, collection, actor, id, step); });
        return json(200, document_model(document, collection, h_.words));
    }

    // A nullable numeric param.
    static std::optional<double> number(Context& ctx, std::string_view name) {
        const auto* v = ctx.params().if_contains(name);
        if (!v || v->is_null()) return std::nullopt;
        if (v->is_number()) return v->to_number<double>();
        throw Error(ErrorType::kGeneralArgumentInvalid, fmt::format("Invalid `{}` param: Value must be a valid number", name));
    }

    bj::object list_model(const db::DocumentList& page, const databases::Collection& collection) const {
        bj::array items;
        items.reserve(page.documents.size());
        for (const auto& d : page.documents) items.emplace_back(document_model(d, collection, h_.words));
        return bj::object{{"total", page.total}, {h_.words.documents, std::move(items)}};
    }

    Handlers h_;
};

}  // namespace

void add_document_routes(Api& api, const Handlers& handlers) {
    using E = DocumentEndpoints;
    const DataRoutes<E> route(api, std::make_shared<E>(handlers), handlers.words);
    const auto& w = handlers.words;
    const std::string base = "/v1/{root}/{{databaseId}}/{collections}/{{{collectionId}}}/{documents}";
    const std::string one = base + "/{{{documentId}}}";
    const std::string attribute = one + (w.tables ? "/{{column}}" : "/{{attribute}}");
    route(Method::kGet, base, w.documents_read, &E::list, true);
    route(Method::kPost, base, w.documents_write, &E::create);
    route(Method::kPut, base, w.documents_write, &E::upsert_many);
    route(Method::kPatch, base, w.documents_write, &E::update_many);
    route(Method::kDelete, base, w.documents_write, &E::remove_many);
    route(Method::kGet, one, w.documents_read, &E::get, true);
    route(Method::kPut, one, w.documents_write, &E::upsert);
    route(Method::kPatch, one, w.documents_write, &E::update);
    route(Method::kDelete, one, w.documents_write, &E::remove);
    route(Method::kPatch, attribute + "/increment", w.documents_write, &E::increment);
    route(Method::kPatch, attribute + "/decrement", w.documents_write, &E::decrement);
}

}  // namespace basalt::api::data
