#include "api/databases/attribute_params.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "databases/document_values.hpp"

namespace basalt::api::data {
namespace {

namespace bj = boost::json;
using databases::Kind;

constexpr std::size_t kMaxElements = 100;
constexpr std::size_t kMaxElementLength = 255;
constexpr std::size_t kMaxInline = 100;

std::string with_commas(std::int64_t n) {
    const auto digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// The fields of one attribute definition: the request params of the attribute routes, or one
// object of an inline `attributes` array (whose errors all name that array).
class Fields {
public:
    Fields(const bj::object& fields, std::string_view inline_param)
        : fields_(fields), inline_(inline_param) {}

    [[noreturn]] void fail(std::string_view name, std::string_view rule) const {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    fmt::format("Invalid `{}` param: {}", inline_.empty() ? name : inline_, rule));
    }

    [[noreturn]] void missing(std::string_view name) const {
        if (!inline_.empty()) fail(name, fmt::format("Attribute field \"{}\" is required", name));
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    fmt::format("Param \"{}\" is not optional.", name));
    }

    // nullptr when absent or null.
    const bj::value* get(std::string_view name) const {
        const auto* v = fields_.if_contains(name);
        return v && !v->is_null() ? v : nullptr;
    }
    bool has(std::string_view name) const { return fields_.contains(name); }

    std::string key(std::string_view name) const {
        const auto* v = get(name);
        if (!v) missing(name);
        if (!v->is_string() || !ids::is_valid(v->get_string())) fail(name, ids::kRule);
        return std::string(v->get_string());
    }

    bool boolean(std::string_view name, std::optional<bool> fallback) const {
        const auto* v = get(name);
        if (!v) {
            if (!fallback) missing(name);
            return *fallback;
        }
        if (v->is_bool()) return v->get_bool();
        if (v->is_string() && (v->get_string() == "true" || v->get_string() == "false"))
            return v->get_string() == "true";
        fail(name, "Value must be a valid boolean");
    }

    std::int64_t size(std::int64_t max) const {
        const auto* v = get("size");
        if (!v) missing("size");
        const auto rule =
            fmt::format("Value must be a valid range between 1 and {}", with_commas(max));
        const auto n = integer(*v);
        if (!n || *n < 1 || *n > max) fail("size", rule);
        return *n;
    }

    // A number (null when absent): integers only for integer attributes.
    bj::value number(std::string_view name, bool integral) const {
        const auto* v = get(name);
        if (!v) return nullptr;
        if (integral) {
            if (auto n = integer(*v)) return *n;
            fail(name, "Value must be a valid integer");
        }
        if (v->is_number()) return v->to_number<double>();
        if (v->is_string()) {
            try {
                std::size_t used = 0;
                const std::string text(v->get_string());
                const double d = std::stod(text, &used);
                if (used == text.size()) return d;
            } catch (const std::exception&) {
            }
        }
        fail(name, "Value must be a valid float");
    }

    // The default, of the attribute's type and format (null when absent).
    bj::value default_value(const databases::AttributeSpec& a) const {
        if (databases::is_numeric(a.kind)) return number("default", databases::is_integral(a.kind));
        const auto* v = get("default");
        if (!v) return nullptr;
        if (auto problem = databases::format_problem(a, *v)) fail("default", *problem);
        return *v;
    }

    // Enum elements: at most 100 strings of at most 255 chars; empty ones are left to
    // prepare_attribute, which names them.
    std::vector<std::string> elements() const {
        const auto* v = get("elements");
        if (!v) missing("elements");
        const auto rule = fmt::format(
            "Value must a valid array no longer than {} items and Value must be a valid string and "
            "no longer than {} "
            "chars",
            kMaxElements, kMaxElementLength);
        if (!v->is_array() || v->get_array().size() > kMaxElements) fail("elements", rule);
        std::vector<std::string> out;
        for (const auto& e : v->get_array()) {
            if (!e.is_string() || e.get_string().size() > kMaxElementLength) fail("elements", rule);
            out.emplace_back(e.get_string());
        }
        return out;
    }

private:
    static std::optional<std::int64_t> integer(const bj::value& v) {
        if (v.is_int64()) return v.get_int64();
        if (v.is_uint64() && v.get_uint64() <= INT64_MAX)
            return static_cast<std::int64_t>(v.get_uint64());
        if (v.is_double() &&
            v.get_double() == static_cast<double>(static_cast<std::int64_t>(v.get_double()))) {
            return static_cast<std::int64_t>(v.get_double());
        }
        if (v.is_string()) {
            try {
                std::size_t used = 0;
                const std::string text(v.get_string());
                const auto n = std::stoll(text, &used);
                if (used == text.size()) return n;
            } catch (const std::exception&) {
            }
        }
        return std::nullopt;
    }

    const bj::object& fields_;
    std::string_view inline_;
};

databases::AttributeSpec attribute_from(const Fields& f, const databases::KindInfo& info,
                                        bool in_line) {
    databases::AttributeSpec a{.key = f.key("key"), .kind = info.kind};
    a.required = f.boolean("required", in_line ? std::optional(false) : std::nullopt);
    if (info.arrays) a.array = f.boolean("array", false);
    if (info.encryptable) a.encrypt = f.boolean("encrypt", false);
    if (info.sized) a.size = f.size(info.max_size);
    if (databases::is_numeric(info.kind)) {
        a.min = f.number("min", databases::is_integral(info.kind));
        a.max = f.number("max", databases::is_integral(info.kind));
    }
    if (info.kind == Kind::kEnum) a.elements = f.elements();
    a.default_value = f.default_value(a);
    return a;
}

// The kind of an inline definition: its storage `type` (and `format` for strings).
const databases::KindInfo& inline_kind(const Fields& f, const bj::object& o) {
    const auto* type = f.get("type");
    if (!type) f.missing("type");
    const std::string_view t = type->is_string() ? std::string_view(type->get_string()) : "";
    const auto* format = f.get("format");
    const std::string_view fmt_name =
        format && format->is_string() ? std::string_view(format->get_string()) : "";
    if (t == "relationship") {
        f.fail("",
               "Relationship attributes cannot be created inline. Use the create relationship "
               "endpoint instead.");
    }
    std::string_view route = t;
    if (t == "string" && !fmt_name.empty()) route = fmt_name;
    if (t == "double") route = "float";
    if (t == "linestring") route = "line";
    const auto* info = databases::kind_by_route(route);
    if (!info || info->kind == Kind::kRelationship) {
        const auto* key = o.if_contains("key");
        f.fail("",
               fmt::format("Attribute \"{}\": unknown type \"{}\"{}",
                           key && key->is_string() ? std::string_view(key->get_string()) : "", t,
                           fmt_name.empty() ? "" : fmt::format(" with format \"{}\"", fmt_name)));
    }
    return *info;
}

}  // namespace

databases::AttributeSpec attribute_params(Context& ctx, const databases::KindInfo& info) {
    return attribute_from(Fields(ctx.params(), ""), info, false);
}

databases::AttributeChanges attribute_changes(Context& ctx, const databases::KindInfo& info) {
    const Fields f(ctx.params(), "");
    databases::AttributeChanges changes{.kind = info.kind};
    changes.required = f.boolean("required", std::nullopt);
    const bool spatial =
        info.kind == Kind::kPoint || info.kind == Kind::kLine || info.kind == Kind::kPolygon;
    if (!spatial && !f.has("default")) f.missing("default");
    const databases::AttributeSpec probe{.key = "default", .kind = info.kind};
    changes.default_value = f.default_value(probe);
    if (info.sized && f.get("size")) changes.size = f.size(info.max_size);
    if (databases::is_numeric(info.kind)) {
        changes.min = f.number("min", databases::is_integral(info.kind));
        changes.max = f.number("max", databases::is_integral(info.kind));
    }
    if (info.kind == Kind::kEnum) changes.elements = f.elements();
    if (f.get("newKey")) changes.new_key = f.key("newKey");
    return changes;
}

std::vector<databases::AttributeSpec> inline_attributes(Context& ctx,
                                                        const databases::Vocabulary& words) {
    std::vector<databases::AttributeSpec> out;
    const auto* list = ctx.params().if_contains(words.attributes);
    if (!list || list->is_null()) return out;
    const Fields whole(ctx.params(), words.attributes);
    const auto rule = fmt::format(
        "Value must a valid array no longer than {} items and Value must be a valid JSON object",
        kMaxInline);
    if (!list->is_array() || list->get_array().size() > kMaxInline) whole.fail("", rule);
    for (const auto& item : list->get_array()) {
        if (!item.is_object()) whole.fail("", rule);
        const Fields f(item.get_object(), words.attributes);
        const auto& info = inline_kind(f, item.get_object());
        auto a = attribute_from(f, info, true);
        // Appwrite's own definitions mark encryption as a filter.
        if (const auto* filters = f.get("filters");
            filters && filters->is_array() && info.encryptable) {
            for (const auto& filter : filters->get_array()) {
                if (filter.is_string() && filter.get_string() == "encrypt") a.encrypt = true;
            }
        }
        if (!a.default_value.is_null() && (a.required || a.array)) {
            f.fail("", a.required ? "Cannot set default value for required attribute"
                                  : "Cannot set default value for array attributes");
        }
        try {
            databases::prepare_attribute(a);
        } catch (const Error& e) {
            f.fail("", fmt::format("Attribute \"{}\": {}", a.key, e.what()));
        }
        out.push_back(std::move(a));
    }
    return out;
}

std::vector<databases::IndexSpec> inline_indexes(Context& ctx, const databases::Vocabulary& words) {
    std::vector<databases::IndexSpec> out;
    const auto* list = ctx.params().if_contains("indexes");
    if (!list || list->is_null()) return out;
    const Fields whole(ctx.params(), "indexes");
    const auto rule = fmt::format(
        "Value must a valid array no longer than {} items and Value must be a valid JSON object",
        kMaxInline);
    if (!list->is_array() || list->get_array().size() > kMaxInline) whole.fail("", rule);
    const std::string_view attributes = words.tables ? "columns" : "attributes";
    for (const auto& item : list->get_array()) {
        if (!item.is_object()) whole.fail("", rule);
        const auto& o = item.get_object();
        const Fields f(o, "indexes");
        databases::IndexSpec index{.key = f.key("key")};
        const auto* type = f.get("type");
        if (!type || !type->is_string() ||
            (type->get_string() != databases::kIndexKey &&
             type->get_string() != databases::kIndexUnique &&
             type->get_string() != databases::kIndexFulltext &&
             type->get_string() != databases::kIndexSpatial)) {
            f.fail("",
                   fmt::format("Index \"{}\": type must be one of (key, fulltext, unique, spatial)",
                               index.key));
        }
        index.type = std::string(type->get_string());
        // Either spelling is taken: the SDKs of both vocabularies pass the definitions through.
        const auto* keys = f.get(attributes);
        if (!keys) keys = f.get(words.tables ? "attributes" : "columns");
        if (!keys || !keys->is_array() || keys->get_array().empty()) {
            f.fail("", fmt::format("Index \"{}\": {} must be a non-empty array of keys", index.key,
                                   attributes));
        }
        for (const auto& k : keys->get_array()) {
            if (!k.is_string())
                f.fail("", fmt::format("Index \"{}\": {} must be a non-empty array of keys",
                                       index.key, attributes));
            index.attributes.emplace_back(k.get_string());
        }
        if (const auto* orders = f.get("orders"); orders && orders->is_array()) {
            for (const auto& order : orders->get_array()) {
                std::string o_text = order.is_string() ? std::string(order.get_string()) : "";
                std::transform(o_text.begin(), o_text.end(), o_text.begin(),
                               [](unsigned char c) { return std::toupper(c); });
                if (o_text != "ASC" && o_text != "DESC")
                    f.fail("", fmt::format("Index \"{}\": orders must be ASC or DESC", index.key));
                index.orders.push_back(std::move(o_text));
            }
        }
        if (const auto* lengths = f.get("lengths"); lengths && lengths->is_array()) {
            for (const auto& n : lengths->get_array())
                index.lengths.push_back(n.is_int64() ? n.get_int64() : 0);
        }
        out.push_back(std::move(index));
    }
    return out;
}

}  // namespace basalt::api::data
