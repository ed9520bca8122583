// .../collections/{collectionId}/attributes and .../tables/{tableId}/columns: one create and
// one update route per kind (databases::kinds()), get, list and delete.
#include <fmt/format.h>

#include "api/databases/attribute_params.hpp"
#include "api/databases/models.hpp"
#include "api/databases/support.hpp"
#include "api/params.hpp"
#include "core/ids.hpp"
#include "databases/attribute_list.hpp"
#include "databases/schema_changes.hpp"

namespace basalt::api::data {
namespace {

namespace bj = boost::json;
using databases::Kind;
using http::Method;

[[noreturn]] void not_found(std::string_view key) {
    throw Error(ErrorType::kAttributeNotFound,
                fmt::format("Attribute with the requested ID '{}' could not be found.", key));
}

// The {key} of the path, checked as Appwrite's Key validator does.
std::string path_key(Context& ctx) {
    const auto& key = ctx.params().at("key").as_string();
    if (!ids::is_valid(key)) {
        throw Error(ErrorType::kGeneralArgumentInvalid, fmt::format("Invalid `key` param: {}", ids::kRule));
    }
    return std::string(key);
}

class AttributeEndpoints {
public:
    explicit AttributeEndpoints(Handlers handlers) : h_(handlers) {}

    http::Response list(Context& ctx) {
        const auto texts = param::queries(ctx);
        const bool total = param::boolean(ctx, "total", true);
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        const auto page = param::with_queries([&] {
            return databases::list_attributes(collection.attributes, db::parse_queries(texts),
                                              total);
        });
        bj::array items;
        for (const auto* a : page.attributes) items.emplace_back(attribute_model(*a, h_.words));
        return json(200,
                    bj::object{{"total", page.total}, {h_.words.attributes, std::move(items)}});
    }

    http::Response get(Context& ctx) {
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        const auto key = path_key(ctx);
        const auto* a = databases::find_attribute(collection.attributes, key);
        if (!a) not_found(key);
        return json(200, attribute_model(*a, h_.words));
    }

    // Deleted at once (Appwrite marks it `deleting` and drops it in a worker).
    http::Response remove(Context& ctx) {
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        databases::remove_attribute(*project, collection, path_key(ctx));
        return http::Response::no_content();
    }

    // POST .../attributes/<kind>: 202 with the attribute, `available` already.
    http::Response create(Context& ctx, const databases::KindInfo& info) {
        auto a = attribute_params(ctx, info);
        databases::prepare_attribute(a);
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        return json(202,
                    attribute_model(databases::add_attribute(*project, collection, std::move(a)),
                                    h_.words));
    }

    // PATCH .../attributes/<kind>/{key}.
    http::Response update(Context& ctx, const databases::KindInfo& info) {
        const auto changes = attribute_changes(ctx, info);
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        try {
            const auto key = path_key(ctx);
            return json(200, attribute_model(
                                 databases::update_attribute(*project, collection, key, changes),
                                 h_.words));
        } catch (const Error& e) {
            // Appwrite has a TablesDB twin of this type, but reports increments on non-numbers
            // with the legacy one in both vocabularies, so the twin is chosen here.
            if (e.type() == ErrorType::kAttributeTypeInvalid && h_.words.tables) {
                throw Error(ErrorType::kColumnTypeInvalid, "The column type is invalid.");
            }
            throw;
        }
    }

private:
    Handlers h_;
};

}  // namespace

void add_attribute_routes(Api& api, const Handlers& handlers) {
    using E = AttributeEndpoints;
    auto endpoints = std::make_shared<E>(handlers);
    const DataRoutes<E> route(api, endpoints, handlers.words);
    const auto& w = handlers.words;
    const std::string base =
        "/v1/{root}/{{databaseId}}/{collections}/{{{collectionId}}}/{attributes}";
    route(Method::kGet, base, w.attributes_read, &E::list);
    route(Method::kGet, base + "/{{key}}", w.attributes_read, &E::get);
    route(Method::kDelete, base + "/{{key}}", w.attributes_write, &E::remove);
    for (const auto& info : databases::kinds()) {
        if (info.kind == Kind::kRelationship) continue;  // databases/relationships
        const auto path = base + "/" + std::string(info.route);
        add_data_route(api, w, Method::kPost, path, w.attributes_write,
                       [endpoints, &info](Context& ctx) { return endpoints->create(ctx, info); });
        add_data_route(api, w, Method::kPatch, path + "/{{key}}", w.attributes_write,
                       [endpoints, &info](Context& ctx) { return endpoints->update(ctx, info); });
    }
}

}  // namespace basalt::api::data
