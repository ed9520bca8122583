// .../collections/{collectionId}/indexes and .../tables/{tableId}/indexes.
// A create answers 202 with the index `processing`; the build runs on the schema jobs thread
// (src/databases/index_changes.hpp). A delete answers 204 and marks an available index
// `deleting` until the job has dropped it.
#include <fmt/format.h>

#include <array>
#include <cctype>

#include "api/databases/models.hpp"
#include "api/databases/support.hpp"
#include "api/params.hpp"
#include "core/ids.hpp"
#include "core/json_fields.hpp"
#include "databases/index_changes.hpp"
#include "databases/index_rules.hpp"
#include "databases/metadata_list.hpp"

namespace basalt::api::data {
namespace {

namespace bj = boost::json;
using http::Method;
using namespace std::string_view_literals;

// What index lists may filter and order on (Appwrite's Indexes queries validator; `attributes`
// in TablesDB too).
constexpr std::array kQueryAttributes = {"key"sv, "type"sv, "status"sv, "attributes"sv, "error"sv};
constexpr std::array kTypes = {"key"sv, "fulltext"sv, "unique"sv, "spatial"sv};

constexpr std::size_t kMaxItems = 100;

[[noreturn]] void invalid(std::string_view name, std::string_view rule) {
    throw Error(ErrorType::kGeneralArgumentInvalid, fmt::format("Invalid `{}` param: {}", name, rule));
}

std::string array_rule(std::string_view item_rule) {
    return fmt::format("Value must a valid array no longer than {} items and {}", kMaxItems, item_rule);
}

const bj::value* param_of(Context& ctx, std::string_view name) {
    const auto* v = ctx.params().if_contains(name);
    return v && !v->is_null() ? v : nullptr;
}

const bj::array* array_param(Context& ctx, std::string_view name, bool required, std::string_view item_rule) {
    const auto* v = param_of(ctx, name);
    if (!v) {
        if (required) throw Error(ErrorType::kGeneralArgumentInvalid, fmt::format("Param \"{}\" is not optional.", name));
        return nullptr;
    }
    if (!v->is_array() || v->get_array().size() > kMaxItems) invalid(name, array_rule(item_rule));
    return &v->get_array();
}

std::string upper_case(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

bool is_index_attribute(const bj::value& v) {
    if (!v.is_string()) return false;
    const std::string_view key = v.get_string();
    return ids::is_valid(key) || key == "$id" || key == "$createdAt" || key == "$updatedAt";
}

// The create params, validated as Appwrite's param validators do (in declaration order).
databases::IndexSpec index_params(Context& ctx, const databases::Vocabulary& words) {
    databases::IndexSpec index;
    const auto* key = param_of(ctx, "key");
    if (!key) throw Error(ErrorType::kGeneralArgumentInvalid, "Param \"key\" is not optional.");
    if (!key->is_string() || !ids::is_valid(key->get_string())) invalid("key", ids::kRule);
    index.key = key->get_string();
    const auto* type = param_of(ctx, "type");
    if (!type) throw Error(ErrorType::kGeneralArgumentInvalid, "Param \"type\" is not optional.");
    if (!type->is_string() || std::find(kTypes.begin(), kTypes.end(), std::string_view(type->get_string())) == kTypes.end()) {
        invalid("type", "Value must be one of (key, fulltext, unique, spatial)");
    }
    index.type = type->get_string();
    const auto attributes_name = words.tables ? "columns"sv : "attributes"sv;
    for (const auto& v : *array_param(ctx, attributes_name, true, ids::kRule)) {
        if (!is_index_attribute(v)) invalid(attributes_name, array_rule(ids::kRule));
        index.attributes.emplace_back(v.get_string());
    }
    constexpr std::string_view kOrderRule = "Value must be one of (ASC, DESC)";
    if (const auto* orders = array_param(ctx, "orders", false, kOrderRule)) {
        for (const auto& v : *orders) {
            // Appwrite's WhiteList here ignores case (the SDKs send "asc"/"desc"); the value is kept as sent.
            const auto upper = v.is_string() ? upper_case(v.get_string()) : std::string();
            if (upper != "ASC" && upper != "DESC") invalid("orders", array_rule(kOrderRule));
            index.orders.emplace_back(v.get_string());
        }
    }
    constexpr std::string_view kLengthRule = "Value must be a valid integer";
    if (const auto* lengths = array_param(ctx, "lengths", false, kLengthRule)) {
        for (const auto& v : *lengths) {
            if (v.is_null()) {
                index.lengths.push_back(0);  // null: the attribute's size
            } else if (v.is_int64() || (v.is_uint64() && v.get_uint64() <= INT64_MAX)) {
                index.lengths.push_back(v.to_number<std::int64_t>());
            } else {
                invalid("lengths", array_rule(kLengthRule));
            }
        }
    }
    return index;
}

bj::object listed(const databases::IndexSpec& index, std::size_t position) {
    return bj::object{{"key", index.key},
                      {"type", index.type},
                      {"status", index.status},
                      {"attributes", string_array(index.attributes)},
                      {"error", index.error},
                      {"$id", index.key},
                      {"$createdAt", index.created_at},
                      {"$updatedAt", index.updated_at},
                      {"$sequence", position}};
}

class IndexEndpoints {
public:
    explicit IndexEndpoints(Handlers handlers) : h_(handlers) {}

    http::Response list(Context& ctx) {
        const auto texts = param::queries(ctx);
        const bool total = param::boolean(ctx, "total", true);
        auto project = h_.project(ctx);
        const auto collection = h_.stored_collection(ctx, *project);
        std::vector<bj::object> items;
        for (std::size_t i = 0; i < collection.indexes.size(); ++i) items.push_back(listed(collection.indexes[i], i));
        const auto page = param::with_queries([&] {
            const auto queries = db::parse_queries(texts);
            db::check_query_attributes(queries, kQueryAttributes);
            return databases::list_metadata(items, queries, total, "Index");
        });
        bj::array out;
        for (const auto i : page.selected) out.emplace_back(index_model(collection.indexes[i], collection, h_.words));
        return json(200, bj::object{{"total", page.total}, {"indexes", std::move(out)}});
    }

    http::Response get(Context& ctx) {
        auto project = h_.project(ctx);
        const auto collection = h_.stored_collection(ctx, *project);
        const auto key = ctx.request.path_param("key");
        const auto* index = databases::find_index(collection.indexes, key);
        if (!index) databases::index_not_found(key, h_.words);
        return json(200, index_model(*index, collection, h_.words));
    }

    http::Response create(Context& ctx) {
        (void)param::path_id(ctx, "databaseId");
        (void)param::path_id(ctx, h_.words.collection_id);
        auto index = index_params(ctx, h_.words);
        auto project = h_.project(ctx);
        const auto collection = h_.stored_collection(ctx, *project);
        const auto added = databases::add_index(*project, collection, std::move(index), h_.words);
        databases::queue_index_build(h_.jobs, ctx.require_project().id, collection, added.key);
        return json(202, index_model(added, collection, h_.words));
    }

    http::Response remove(Context& ctx) {
        auto project = h_.project(ctx);
        const auto collection = h_.stored_collection(ctx, *project);
        const auto key = std::string(ctx.request.path_param("key"));
        databases::remove_index(*project, collection, key, h_.words);
        databases::queue_index_drop(h_.jobs, ctx.require_project().id, collection, key);
        return http::Response::no_content();
    }

private:
    Handlers h_;
};

}  // namespace

void add_index_routes(Api& api, const Handlers& handlers) {
    using E = IndexEndpoints;
    const DataRoutes<E> route(api, std::make_shared<E>(handlers), handlers.words);
    const auto& w = handlers.words;
    const std::string base = "/v1/{root}/{{databaseId}}/{collections}/{{{collectionId}}}/indexes";
    route(Method::kGet, base, w.indexes_read, &E::list);
    route(Method::kPost, base, w.indexes_write, &E::create);
    route(Method::kGet, base + "/{{key}}", w.indexes_read, &E::get);
    route(Method::kDelete, base + "/{{key}}", w.indexes_write, &E::remove);
}

}  // namespace basalt::api::data
