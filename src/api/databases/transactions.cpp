// /v1/databases/transactions and /v1/tablesdb/transactions: create, list, get, commit or roll
// back, delete, and stage operations (databases/transactions.hpp).
//
// Errors keep their Databases types in both vocabularies (Appwrite 1.9.6 reports
// collection_not_found, document_not_found, document_invalid_structure... from these routes
// under /tablesdb too), so these routes are not registered through add_data_route.
#include <fmt/format.h>

#include <array>

#include "api/databases/support.hpp"
#include "api/params.hpp"
#include "core/json_fields.hpp"
#include "core/time.hpp"
#include "databases/transactions.hpp"

namespace basalt::api::data {
namespace {

namespace bj = boost::json;
using databases::Action;
using databases::Operation;
using http::Method;
using namespace std::string_view_literals;

constexpr std::array kQueryAttributes = {"status"sv, "expiresAt"sv};

bj::object transaction_model(const db::Document& transaction) {
    return bj::object{{"$id", transaction.id},
                      {"$createdAt", time::format_iso(transaction.created_at)},
                      {"$updatedAt", time::format_iso(transaction.updated_at)},
                      {"status", text_of(transaction.data, "status")},
                      {"operations", int_of(transaction.data, "operations")},
                      {"expiresAt", text_of(transaction.data, "expiresAt")}};
}

[[noreturn]] void invalid_operations(std::string_view description) {
    throw Error(ErrorType::kGeneralArgumentInvalid,
                fmt::format("Invalid `operations` param: Value must a valid array and {}", description));
}

bool non_empty_string(const bj::value* value) {
    if (!value || !value->is_string()) return false;
    return value->get_string().find_first_not_of(" \t\n\r\v\f") != bj::string::npos;
}

// PHP's "array": a JSON object or array.
bool is_array_like(const bj::value* value) { return value && (value->is_object() || value->is_array()); }

// One entry of `operations`, checked as Appwrite's Operation validator checks it (same order,
// same messages, including the U+2011 hyphen of "non‑empty" in the required-key rule).
Operation operation_from(const bj::value& entry, const databases::Vocabulary& words) {
    if (!entry.is_object()) invalid_operations("Value must be an array");
    const auto& o = entry.get_object();
    const std::array<std::string_view, 3> required = {"databaseId", "action", words.collection_id};
    for (const auto key : required) {
        if (!o.contains(key)) invalid_operations(fmt::format("Missing required key: {}", key));
    }
    for (const auto key : required) {
        if (!non_empty_string(o.if_contains(key))) {
            invalid_operations(fmt::format("Key '{}' must be a non\u2011empty string", key));
        }
    }
    const auto action_name = std::string_view(o.at("action").get_string());
    const auto action = databases::action_from(action_name);
    if (!action) {
        invalid_operations("Key 'action' must be one of: create, update, upsert, delete, increment, decrement, "
                           "bulkCreate, bulkUpdate, bulkUpsert, bulkDelete");
    }
    const auto* id = o.if_contains(words.document_id);
    if (databases::names_document(*action) && !id) {
        invalid_operations(fmt::format("Key '{}' is required for action '{}'", words.document_id, action_name));
    }
    if (id && !non_empty_string(id)) {
        invalid_operations(fmt::format("Key '{}' must be a non-empty string", words.document_id));
    }
    const auto* data = o.if_contains("data");
    if (*action != Action::kDelete && !data) invalid_operations("Missing required key: data");
    if (data && !is_array_like(data)) invalid_operations("Key 'data' must be an array");
    if (*action == Action::kBulkUpdate || *action == Action::kBulkDelete) {
        const auto* queries = data->is_object() ? data->get_object().if_contains("queries") : nullptr;
        if (!queries) invalid_operations(fmt::format("Key 'queries' is required in data for {}", action_name));
        if (!queries->is_array()) invalid_operations(fmt::format("Key 'queries' must be an array for {}", action_name));
    }
    if (*action == Action::kBulkUpdate) {
        const auto* inner = data->get_object().if_contains("data");
        if (!inner) invalid_operations(fmt::format("Key 'data' is required in data for {}", action_name));
        if (!is_array_like(inner)) invalid_operations(fmt::format("Key 'data.data' must be an array for {}", action_name));
    }
    if (*action == Action::kIncrement || *action == Action::kDecrement) {
        const std::string_view counter = words.tables ? "column" : "attribute";
        const auto* fields = data->is_object() ? &data->get_object() : nullptr;
        if (!fields || !fields->contains(counter)) {
            invalid_operations(fmt::format("Key '{}' is required in data for {}", counter, action_name));
        }
        const auto* value = fields->if_contains("value");
        if (value && !value->is_number()) {
            invalid_operations(fmt::format("Key 'value' must be a numeric value for {}", action_name));
        }
    }
    return Operation{.action = *action,
                     .database_id = std::string(o.at("databaseId").get_string()),
                     .collection_id = std::string(o.at(words.collection_id).get_string()),
                     .document_id = id ? std::string(id->get_string()) : std::string(),
                     .data = data ? *data : bj::value(bj::object())};
}

class TransactionEndpoints {
public:
    explicit TransactionEndpoints(Handlers handlers) : h_(handlers) {}

    http::Response list(Context& ctx) {
        const auto texts = param::queries(ctx);
        auto project = h_.project(ctx);
        const auto page = param::with_queries([&] {
            auto queries = db::parse_queries(texts);
            db::check_query_attributes(queries, kQueryAttributes);
            return databases::list_transactions(*project, actor_of(ctx), queries);
        });
        bj::array items;
        for (const auto& transaction : page.documents) items.emplace_back(transaction_model(transaction));
        return json(200, bj::object{{"total", page.total}, {"transactions", std::move(items)}});
    }

    http::Response create(Context& ctx) {
        const auto ttl = ttl_param(ctx);
        auto project = h_.project(ctx);
        return json(201, transaction_model(databases::create_transaction(*project, actor_of(ctx), ttl)));
    }

    http::Response get(Context& ctx) {
        const auto id = param::path_id(ctx, "transactionId");
        auto project = h_.project(ctx);
        return json(200, transaction_model(databases::get_transaction(*project, actor_of(ctx), id)));
    }

    http::Response update(Context& ctx) {
        const auto id = param::path_id(ctx, "transactionId");
        const bool commit = param::boolean(ctx, "commit", false);
        const bool rollback = param::boolean(ctx, "rollback", false);
        if (!commit && !rollback) throw Error(ErrorType::kGeneralBadRequest, "Either commit or rollback must be true");
        if (commit && rollback) throw Error(ErrorType::kGeneralBadRequest, "Cannot commit and rollback at the same time");
        auto project = h_.project(ctx);
        const auto actor = actor_of(ctx);
        const auto transaction = commit ? databases::commit_transaction(*project, actor, id)
                                        : databases::rollback_transaction(*project, actor, id);
        return json(200, transaction_model(transaction));
    }

    http::Response remove(Context& ctx) {
        const auto id = param::path_id(ctx, "transactionId");
        auto project = h_.project(ctx);
        databases::delete_transaction(*project, actor_of(ctx), id);
        return http::Response::no_content();
    }

    http::Response create_operations(Context& ctx) {
        const auto id = param::path_id(ctx, "transactionId");
        std::vector<Operation> operations;
        if (const auto* list = ctx.params().if_contains("operations"); list && !list->is_null()) {
            if (!list->is_array()) invalid_operations("Value must be an array");
            for (const auto& entry : list->get_array()) operations.push_back(operation_from(entry, h_.words));
        }
        if (operations.empty()) throw Error(ErrorType::kGeneralBadRequest, "Operations array cannot be empty");
        auto project = h_.project(ctx);
        const auto actor = actor_of(ctx);
        // The transaction first (Appwrite reads it before the operations' targets).
        databases::require_stageable(*project, actor, id, databases::StagingRoute::kOperations, operations.size());
        databases::check_operations(*project, actor, id, operations);
        const auto staged =
            databases::stage_operations(*project, actor, id, operations, databases::StagingRoute::kOperations);
        return json(201, transaction_model(staged));
    }

private:
    // `ttl`: 60..3600 seconds (Appwrite's Range validator, numbers written with thousands commas).
    static std::int64_t ttl_param(Context& ctx) {
        const auto* value = ctx.params().if_contains("ttl");
        if (!value || value->is_null()) return databases::kDefaultTransactionTtl;
        try {
            return param::integer(ctx, "ttl", databases::kDefaultTransactionTtl, databases::kMinTransactionTtl,
                                  databases::kMaxTransactionTtl);
        } catch (const Error&) {
            throw Error(ErrorType::kGeneralArgumentInvalid,
                        "Invalid `ttl` param: Value must be a valid range between 60 and 3,600");
        }
    }

    Handlers h_;
};

}  // namespace

void add_transaction_routes(Api& api, const Handlers& handlers) {
    using E = TransactionEndpoints;
    const auto endpoints = std::make_shared<E>(handlers);
    const auto& w = handlers.words;
    // Databases lists and reads with `rows.read` (sic, Appwrite 1.9.6), TablesDB with either.
    const std::string read = w.tables ? "documents.read|rows.read" : "rows.read";
    const std::string write = w.tables ? "documents.write|rows.write" : "documents.write";
    const std::string base = fmt::format("/v1/{}/transactions", w.root);
    const std::string one = base + "/{transactionId}";
    auto add = [&](Method method, const std::string& path, const std::string& scope, http::Response (E::*handler)(Context&)) {
        api.add({.method = method,
                 .path = path,
                 .scope = scope,
                 .execution = http::Execution::kBlocking,
                 .handler = [endpoints, handler](Context& ctx) { return ((*endpoints).*handler)(ctx); },
                 .local_read = false,
                 .any_origin = false});
    };
    add(Method::kGet, base, read, &E::list);
    add(Method::kPost, base, write, &E::create);
    add(Method::kGet, one, read, &E::get);
    add(Method::kPatch, one, write, &E::update);
    add(Method::kDelete, one, write, &E::remove);
    add(Method::kPost, one + "/operations", write, &E::create_operations);
}

}  // namespace basalt::api::data
