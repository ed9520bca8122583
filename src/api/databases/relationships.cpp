// Relationship attributes (columns): POST .../attributes/relationship (.../columns/relationship)
// and the update, whose path differs between the vocabularies:
// PATCH .../attributes/relationship/{key} and PATCH .../columns/{key}/relationship.
#include <fmt/format.h>

#include <optional>

#include "api/databases/models.hpp"
#include "api/databases/support.hpp"
#include "api/params.hpp"
#include "core/ids.hpp"
#include "databases/relationships.hpp"

namespace basalt::api::data {
namespace {

namespace rel = databases::relationships;
using http::Method;


[[noreturn]] void invalid(std::string_view name, std::string_view rule) {
    throw Error(ErrorType::kGeneralArgumentInvalid, fmt::format("Invalid `{}` param: {}", name, rule));
}

// An optional Key param: nullopt when absent or null.
std::optional<std::string> key_param(Context& ctx, std::string_view name) {
    const auto* v = ctx.params().if_contains(name);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_string() || !ids::is_valid(v->get_string())) invalid(name, ids::kRule);
    return std::string(v->get_string());
}

// An optional whitelisted string param: nullopt when absent or null.
template <std::size_t N>
std::optional<std::string> one_of(Context& ctx, std::string_view name, const std::string_view (&allowed)[N]) {
    const auto* v = ctx.params().if_contains(name);
    if (!v || v->is_null()) return std::nullopt;
    if (v->is_string()) {
        for (const auto a : allowed) {
            if (v->get_string() == a) return std::string(a);
        }
    }
    std::string list;
    for (const auto a : allowed) list += fmt::format("{}{}", list.empty() ? "" : ", ", a);
    invalid(name, fmt::format("Value must be one of ({})", list));
}

class RelationshipEndpoints {
public:
    explicit RelationshipEndpoints(Handlers handlers) : h_(handlers) {}

    http::Response create(Context& ctx) {
        const std::string_view related_param = h_.words.tables ? "relatedTableId" : "relatedCollectionId";
        rel::NewRelationship spec;
        const auto* related = ctx.params().if_contains(related_param);
        if (!related || related->is_null()) {
            throw Error(ErrorType::kGeneralArgumentInvalid, fmt::format("Param \"{}\" is not optional.", related_param));
        }
        if (!related->is_string() || !ids::is_valid(related->get_string())) {
            invalid(related_param,
                    "UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can't start "
                    "with a leading underscore");
        }
        spec.related_id = std::string(related->get_string());
        if (!ctx.params().contains("type")) throw Error(ErrorType::kGeneralArgumentInvalid, "Param \"type\" is not optional.");
        spec.type = one_of(ctx, "type", rel::kTypes).value_or("");
        if (spec.type.empty()) invalid("type", "Value must be one of (oneToOne, manyToOne, manyToMany, oneToMany)");
        spec.two_way = param::boolean(ctx, "twoWay", false);
        spec.key = key_param(ctx, "key").value_or("");
        spec.two_way_key = key_param(ctx, "twoWayKey").value_or("");
        spec.on_delete = one_of(ctx, "onDelete", rel::kOnDelete).value_or("restrict");
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        return json(202, attribute_model(rel::create(*project, collection, std::move(spec)), h_.words));
    }

    http::Response update(Context& ctx) {
        auto on_delete = one_of(ctx, "onDelete", rel::kOnDelete);
        auto new_key = key_param(ctx, "newKey");
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        const auto key = ctx.params().at("key").as_string();
        // The type check in this vocabulary: TablesDB has its own type here (but not everywhere, see
        // the contract §9, so the vocabulary's translation does not map it).
        if (const auto* a = databases::find_attribute(collection.attributes, key);
            a && a->kind != databases::Kind::kRelationship) {
            throw Error(h_.words.tables ? ErrorType::kColumnTypeInvalid : ErrorType::kAttributeTypeInvalid,
                        h_.words.tables ? "The column type is invalid." : "The attribute type is invalid.");
        }
        return json(200, attribute_model(rel::update(*project, collection, std::string_view(key), std::move(on_delete),
                                                     std::move(new_key)),
                                         h_.words));
    }

private:
    Handlers h_;
};

}  // namespace

void add_relationship_routes(Api& api, const Handlers& handlers) {
    using E = RelationshipEndpoints;
    const DataRoutes<E> route(api, std::make_shared<E>(handlers), handlers.words);
    const auto& w = handlers.words;
    const std::string base = "/v1/{root}/{{databaseId}}/{collections}/{{{collectionId}}}/{attributes}";
    route(Method::kPost, base + "/relationship", w.attributes_write, &E::create);
    route(Method::kPatch, w.tables ? base + "/{{key}}/relationship" : base + "/relationship/{{key}}",
          w.attributes_write, &E::update);
}

}  // namespace basalt::api::data
