// .../collections/{collectionId}/attributes and .../tables/{tableId}/columns: one create route
// per kind (databases::kinds()), get, list and delete.
#include <fmt/format.h>

#include "api/databases/models.hpp"
#include "api/databases/support.hpp"
#include "api/params.hpp"
#include "core/ids.hpp"
#include "databases/schema_changes.hpp"

namespace basalt::api::data {
namespace {

namespace bj = boost::json;
using databases::Kind;
using http::Method;

// Appwrite's Key validator for attribute keys.
std::string key_param(Context& ctx, std::string_view name) {
    auto key = param::string(ctx, name, 36);
    if (!ids::is_valid(key)) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    fmt::format("Invalid `{}` param: Parameter must contain at most 36 chars. Valid chars are a-z, "
                                "A-Z, 0-9, period, hyphen, and underscore. Can't start with a special char",
                                name));
    }
    return key;
}

bool required_bool(Context& ctx, std::string_view name) {
    if (!ctx.params().contains(name)) {
        throw Error(ErrorType::kGeneralArgumentInvalid, fmt::format("Param \"{}\" is not optional.", name));
    }
    return param::boolean(ctx, name, false);
}

// A JSON number param (null when absent); integers only for integer attributes.
bj::value number_param(Context& ctx, std::string_view name, bool integer) {
    const auto* v = ctx.params().if_contains(name);
    if (!v || v->is_null()) return nullptr;
    if (integer ? (v->is_int64() || v->is_uint64()) : v->is_number()) return *v;
    if (v->is_string()) {  // form-encoded bodies
        try {
            std::size_t used = 0;
            const std::string text(v->get_string());
            if (integer) {
                const auto n = std::stoll(text, &used);
                if (used == text.size()) return n;
            } else {
                const auto d = std::stod(text, &used);
                if (used == text.size()) return d;
            }
        } catch (const std::exception&) {
        }
    }
    throw Error(ErrorType::kGeneralArgumentInvalid,
                fmt::format("Invalid `{}` param: Value must be a valid {}", name, integer ? "integer" : "float"));
}

class AttributeEndpoints {
public:
    explicit AttributeEndpoints(Handlers handlers) : h_(handlers) {}

    http::Response list(Context& ctx) {
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        bj::array items;
        for (const auto& a : collection.attributes) items.emplace_back(attribute_model(a, h_.words));
        return json(200, bj::object{{"total", items.size()}, {h_.words.attributes, std::move(items)}});
    }

    http::Response get(Context& ctx) {
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        const auto* a = databases::find_attribute(collection.attributes, ctx.params().at("key").as_string());
        if (!a) throw Error(ErrorType::kAttributeNotFound, "Attribute with the requested key could not be found.");
        return json(200, attribute_model(*a, h_.words));
    }

    http::Response remove(Context& ctx) {
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        databases::remove_attribute(*project, collection, ctx.params().at("key").as_string());
        return http::Response::no_content();
    }

    // POST .../attributes/<kind>.
    http::Response create(Context& ctx, const databases::KindInfo& info) {
        databases::AttributeSpec a{.key = key_param(ctx, "key"), .kind = info.kind};
        a.required = required_bool(ctx, "required");
        a.array = param::boolean(ctx, "array", false);
        a.encrypt = param::boolean(ctx, "encrypt", false);
        if (info.sized) a.size = param::integer(ctx, "size", 0, 1, info.max_size);
        if (info.kind == Kind::kInteger || info.kind == Kind::kFloat) {
            const bool integer = info.kind == Kind::kInteger;
            a.min = number_param(ctx, "min", integer);
            a.max = number_param(ctx, "max", integer);
            a.default_value = number_param(ctx, "default", integer);
        } else if (const auto* d = ctx.params().if_contains("default")) {
            a.default_value = *d;
        }
        if (info.kind == Kind::kEnum) a.elements = param::strings(ctx, "elements", true, 100, 255);
        auto project = h_.project(ctx);
        const auto collection = h_.collection(ctx, *project);
        return json(202, attribute_model(databases::add_attribute(*project, collection, std::move(a)), h_.words));
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
    const std::string base = "/v1/{root}/{{databaseId}}/{collections}/{{{collectionId}}}/{attributes}";
    route(Method::kGet, base, w.attributes_read, &E::list);
    route(Method::kGet, base + "/{{key}}", w.attributes_read, &E::get);
    route(Method::kDelete, base + "/{{key}}", w.attributes_write, &E::remove);
    for (const auto& info : databases::kinds()) {
        if (info.kind == Kind::kRelationship) continue;  // databases/relationships
        add_data_route(api, w, Method::kPost, base + "/" + std::string(info.route), w.attributes_write,
                       [endpoints, &info](Context& ctx) { return endpoints->create(ctx, info); });
    }
}

}  // namespace basalt::api::data
