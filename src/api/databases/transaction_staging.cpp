// The document (row) routes called with `transactionId`: a write is staged in the transaction
// instead of being made, and answered with Appwrite's stand-in response (the sent data for one
// document, an empty list for bulk writes, 204 for a delete); a read sees the transaction's
// view of the data (databases/transactions.hpp).
#include <fmt/format.h>

#include <boost/json/parse.hpp>

#include "api/databases/models.hpp"
#include "api/databases/support.hpp"
#include "api/params.hpp"
#include "core/ids.hpp"
#include "core/json_fields.hpp"
#include "databases/transaction_apply.hpp"
#include "databases/transactions.hpp"
#include "db/permission.hpp"

namespace basalt::api::data {
namespace {

namespace bj = boost::json;
using databases::Action;
using databases::Operation;
using databases::StagingRoute;

// The request's `transactionId`, or nullopt.
std::optional<std::string> transaction_param(Context& ctx) {
    const auto* value = ctx.params().if_contains("transactionId");
    if (!value || value->is_null()) return std::nullopt;
    if (!value->is_string() || !ids::is_valid(value->get_string())) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    "Invalid `transactionId` param: UID must contain at most 36 chars. Valid chars are a-z, A-Z, "
                    "0-9, and underscore. Can't start with a leading underscore");
    }
    return std::string(value->get_string());
}

// `permissions` (normalised, grantable by the caller) into data["$permissions"]; a signed-in
// creator's defaults when `creating` and none are given.
void add_permissions(Context& ctx, const databases::Actor& actor, bj::object& data, bool creating) {
    const auto* v = ctx.params().if_contains("permissions");
    if (v && !v->is_null()) {
        data["$permissions"] = string_array(databases::granted(param::strings(ctx, "permissions", false, 100, 2048), actor));
    } else if (creating && !actor.user_id.empty()) {
        data["$permissions"] = string_array(databases::creator_permissions(actor.user_id));
    }
}

// The bulk items of `name` (documents|rows), each with a valid `$id` ("unique()" or none: a new
// one) and grantable, normalised `$permissions`.
bj::array bulk_items(Context& ctx, std::string_view name, const databases::Actor& actor) {
    const auto* v = ctx.params().if_contains(name);
    if (!v || !v->is_array() || v->get_array().size() > 100) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    fmt::format("Invalid `{}` param: Value must a valid array no longer than 100 items and Value must be a valid object.", name));
    }
    bj::array out;
    for (const auto& item : v->get_array()) {
        if (!item.is_object()) {
            throw Error(ErrorType::kGeneralArgumentInvalid,
                        fmt::format("Invalid `{}` param: Value must a valid array no longer than 100 items and Value must be a valid object.", name));
        }
        // Checked as the bulk routes check their items, then staged in their stored shape.
        auto parsed = databases::bulk_item(item.get_object());
        bj::object document = std::move(parsed.data);
        document["$id"] = parsed.id.empty() ? ids::unique() : parsed.id;
        if (parsed.permissions) document["$permissions"] = string_array(databases::granted(*parsed.permissions, actor));
        out.emplace_back(std::move(document));
    }
    return out;
}

// Appwrite's stand-in for a staged write of one document: `base` (the stored document, or
// nothing) with the sent `data` over it.
bj::object standin(const databases::Collection& collection, const databases::Vocabulary& words, const std::string& id,
                   const std::optional<db::Document>& base, const bj::object& data) {
    bj::object model;
    if (base) {
        model = document_model(*base, collection, words);
    } else {
        model = bj::object{{"$id", id},
                           {"$sequence", ""},
                           {words.meta_collection, collection.id()},
                           {"$databaseId", collection.database.id},
                           {"$createdAt", ""},
                           {"$updatedAt", ""},
                           {"$permissions", bj::array()}};
    }
    for (const auto& [key, value] : data) model[key] = value;
    return model;
}

http::Response bulk_standin(const databases::Vocabulary& words, std::size_t total) {
    return json(200, bj::object{{"total", total}, {words.documents, bj::array()}});
}

}  // namespace

std::optional<http::Response> staged_write(Context& ctx, const Handlers& handlers, Action action) {
    const auto transaction_id = transaction_param(ctx);
    if (!transaction_id) return std::nullopt;
    const auto& words = handlers.words;
    const auto actor = actor_of(ctx);
    const bool bulk_create = action == Action::kCreate && ctx.params().contains(words.documents);
    if (bulk_create) action = Action::kBulkCreate;
    if (bulk_create && !actor.privileged()) {
        throw Error(ErrorType::kGeneralUnauthorizedScope,
                    "The current user or API key does not have the required scopes to access the requested resource.");
    }

    Operation operation{.action = action, .database_id = {}, .collection_id = {}, .document_id = {}, .data = bj::object()};
    bj::object data;
    switch (action) {
        case Action::kCreate:
            operation.document_id = param::id(ctx, words.document_id);
            data = data_param(ctx, true);
            add_permissions(ctx, actor, data, true);
            break;
        case Action::kUpdate:
        case Action::kUpsert:
            operation.document_id = std::string(param::path_id(ctx, words.document_id));
            data = data_param(ctx);
            add_permissions(ctx, actor, data, false);
            break;
        case Action::kDelete:
            operation.document_id = std::string(param::path_id(ctx, words.document_id));
            break;
        case Action::kIncrement:
        case Action::kDecrement: {
            operation.document_id = std::string(param::path_id(ctx, words.document_id));
            const auto attribute = std::string(ctx.request.path_param(words.tables ? "column" : "attribute"));
            const auto* value = ctx.params().if_contains("value");
            if (value && !value->is_null() && (!value->is_number() || value->to_number<double>() <= 0)) {
                throw Error(ErrorType::kGeneralArgumentInvalid, "Value must be numeric and greater than 0");
            }
            data = {{"attribute", attribute}, {"value", value && !value->is_null() ? *value : bj::value(1)}};
            const auto bound = action == Action::kIncrement ? "max" : "min";
            if (const auto* limit = ctx.params().if_contains(bound); limit && !limit->is_null()) data[bound] = *limit;
            break;
        }
        case Action::kBulkCreate:
        case Action::kBulkUpsert:
            operation.data = bulk_items(ctx, words.documents, actor);
            break;
        case Action::kBulkUpdate:
            data = {{"data", data_param(ctx)}, {"queries", string_array(param::queries(ctx))}};
            break;
        case Action::kBulkDelete:
            data = {{"queries", string_array(param::queries(ctx))}};
            break;
    }
    if (!operation.data.is_array()) operation.data = data;
    // Bulk queries must parse now, as they would for a direct write.
    if (action == Action::kBulkUpdate || action == Action::kBulkDelete) {
        param::with_queries([&] { return db::parse_queries(param::queries(ctx)); });
    }

    auto project = handlers.project(ctx);
    const auto collection = handlers.collection(ctx, *project);
    operation.database_id = collection.database.id;
    operation.collection_id = collection.id();
    const auto route = action == Action::kIncrement || action == Action::kDecrement ? StagingRoute::kIncrement
                       : databases::is_bulk(action) && action != Action::kBulkCreate ? StagingRoute::kBulk
                                                                                      : StagingRoute::kDocument;
    // Appwrite looks the document up (in the transaction's view) before the transaction.
    if (!databases::is_bulk(action)) databases::check_operations(*project, actor, *transaction_id, {&operation, 1});
    databases::stage_operations(*project, actor, *transaction_id, {&operation, 1}, route);

    const auto stored = databases::names_document(action)
                            ? project->get_document(db::Authorization::internal(), collection.documents_table(),
                                                    operation.document_id)
                            : std::nullopt;
    switch (action) {
        case Action::kCreate: return json(201, standin(collection, words, operation.document_id, std::nullopt, data));
        case Action::kUpsert: return json(201, standin(collection, words, operation.document_id, std::nullopt, data));
        case Action::kUpdate: return json(200, standin(collection, words, operation.document_id, stored, data));
        case Action::kDelete: return http::Response::no_content();
        case Action::kIncrement:
        case Action::kDecrement: {
            const auto key = databases::counter_attribute(data);
            return json(200, standin(collection, words, operation.document_id, std::nullopt, {{key, data.at("value")}}));
        }
        case Action::kBulkCreate:
        case Action::kBulkUpsert: return bulk_standin(words, operation.data.get_array().size());
        case Action::kBulkUpdate:
        case Action::kBulkDelete: return bulk_standin(words, 0);
    }
    return std::nullopt;
}

void read_documents(Context& ctx, db::Database& project, const std::function<void(db::Documents&)>& read) {
    const auto transaction_id = transaction_param(ctx);
    if (!transaction_id) return read(project);
    databases::read_in_transaction(project, actor_of(ctx), *transaction_id, read);
}

}  // namespace basalt::api::data
