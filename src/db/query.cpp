#include "db/query.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <boost/json.hpp>
#include <utility>

#include "core/error.hpp"

namespace basalt::db {
namespace json = boost::json;
namespace {

struct MethodEntry {
    std::string_view name;
    QueryMethod method;
};

constexpr std::array<MethodEntry, 45> kMethods{{
    {"equal", QueryMethod::kEqual},
    {"notEqual", QueryMethod::kNotEqual},
    {"lessThan", QueryMethod::kLessThan},
    {"lessThanEqual", QueryMethod::kLessThanEqual},
    {"greaterThan", QueryMethod::kGreaterThan},
    {"greaterThanEqual", QueryMethod::kGreaterThanEqual},
    {"between", QueryMethod::kBetween},
    {"notBetween", QueryMethod::kNotBetween},
    {"isNull", QueryMethod::kIsNull},
    {"isNotNull", QueryMethod::kIsNotNull},
    {"startsWith", QueryMethod::kStartsWith},
    {"notStartsWith", QueryMethod::kNotStartsWith},
    {"endsWith", QueryMethod::kEndsWith},
    {"notEndsWith", QueryMethod::kNotEndsWith},
    {"contains", QueryMethod::kContains},
    {"notContains", QueryMethod::kNotContains},
    {"containsAny", QueryMethod::kContainsAny},
    {"containsAll", QueryMethod::kContainsAll},
    {"search", QueryMethod::kSearch},
    {"notSearch", QueryMethod::kNotSearch},
    {"regex", QueryMethod::kRegex},
    {"exists", QueryMethod::kExists},
    {"notExists", QueryMethod::kNotExists},
    {"distanceEqual", QueryMethod::kDistanceEqual},
    {"distanceNotEqual", QueryMethod::kDistanceNotEqual},
    {"distanceGreaterThan", QueryMethod::kDistanceGreaterThan},
    {"distanceLessThan", QueryMethod::kDistanceLessThan},
    {"intersects", QueryMethod::kIntersects},
    {"notIntersects", QueryMethod::kNotIntersects},
    {"crosses", QueryMethod::kCrosses},
    {"notCrosses", QueryMethod::kNotCrosses},
    {"overlaps", QueryMethod::kOverlaps},
    {"notOverlaps", QueryMethod::kNotOverlaps},
    {"touches", QueryMethod::kTouches},
    {"notTouches", QueryMethod::kNotTouches},
    {"and", QueryMethod::kAnd},
    {"or", QueryMethod::kOr},
    {"select", QueryMethod::kSelect},
    {"orderAsc", QueryMethod::kOrderAsc},
    {"orderDesc", QueryMethod::kOrderDesc},
    {"orderRandom", QueryMethod::kOrderRandom},
    {"cursorAfter", QueryMethod::kCursorAfter},
    {"cursorBefore", QueryMethod::kCursorBefore},
    {"limit", QueryMethod::kLimit},
    {"offset", QueryMethod::kOffset},
}};

// Methods of the Appwrite query language that need vector storage or nested objects.
constexpr std::array<std::string_view, 4> kUnsupported{"vectorDot", "vectorCosine",
                                                       "vectorEuclidean", "elemMatch"};

[[noreturn]] void invalid(std::string_view detail) {
    throw Error(ErrorType::kGeneralQueryInvalid, fmt::format("Invalid query: {}", detail));
}

bool is_scalar(const json::value& v) noexcept {
    return v.is_string() || v.is_number() || v.is_bool();
}

bool is_integer(const json::value& v) noexcept {
    return v.is_int64() || (v.is_uint64() && v.as_uint64() <= INT64_MAX);
}

void require_count(const Query& q, std::size_t min, std::size_t max) {
    auto n = q.values.size();
    if (n < min || n > max) {
        if (min == max) {
            invalid(fmt::format("{} queries require exactly {} value{}", method_name(q.method), min,
                                min == 1 ? "" : "s"));
        }
        invalid(fmt::format("{} queries require at least {} value{}", method_name(q.method), min,
                            min == 1 ? "" : "s"));
    }
}

void require_attribute(const Query& q) {
    if (q.attribute.empty()) {
        invalid(fmt::format("{} queries require an attribute", method_name(q.method)));
    }
}

void require_scalars(const Query& q) {
    for (const auto& v : q.values) {
        if (!is_scalar(v)) {
            invalid(fmt::format("{} queries take string, number or boolean values",
                                method_name(q.method)));
        }
    }
}

// Scalars, or arrays (a geometry compared with a spatial attribute); the compiler checks
// the values against the attribute's type.
void require_scalars_or_geometries(const Query& q) {
    for (const auto& v : q.values) {
        if (!is_scalar(v) && !v.is_array()) {
            invalid(fmt::format("{} queries take string, number or boolean values",
                                method_name(q.method)));
        }
    }
}

void require_strings(const Query& q) {
    for (const auto& v : q.values) {
        if (!v.is_string()) {
            invalid(fmt::format("{} queries take string values", method_name(q.method)));
        }
    }
}

void check_integer_param(const Query& q, std::int64_t min, std::int64_t max) {
    require_count(q, 1, 1);
    const auto& v = q.values.front();
    if (!is_integer(v) || v.to_number<std::int64_t>() < min || v.to_number<std::int64_t>() > max) {
        if (max == INT64_MAX) {
            invalid(
                fmt::format("{} must be an integer of at least {}", method_name(q.method), min));
        }
        invalid(fmt::format("{} must be an integer between {} and {}", method_name(q.method), min,
                            max));
    }
}

Query parse_value(const json::value& value, int depth);

void parse_children(Query& q, const json::array& values, int depth) {
    if (depth >= kMaxQueryDepth) {
        invalid(fmt::format("Maximum nesting depth of {} exceeded", kMaxQueryDepth));
    }
    if (values.size() < 2) {
        invalid(fmt::format("{} queries require at least two queries", method_name(q.method)));
    }
    for (const auto& v : values) {
        Query child;
        if (v.is_string()) {
            json::error_code ec;
            auto parsed = json::parse(v.as_string(), ec);
            if (ec) invalid("nested query is not valid JSON");
            child = parse_value(parsed, depth + 1);
        } else {
            child = parse_value(v, depth + 1);
        }
        if (!child.is_filter()) {
            invalid(fmt::format("{} queries may only contain filters", method_name(q.method)));
        }
        q.children.push_back(std::move(child));
    }
}

void check_shape(const Query& q) {
    switch (q.method) {
        case QueryMethod::kEqual:
        case QueryMethod::kNotEqual:
        case QueryMethod::kContains:
        case QueryMethod::kNotContains:
            require_attribute(q);
            require_count(q, 1, kMaxQueryValues);
            return require_scalars_or_geometries(q);
        case QueryMethod::kDistanceEqual:
        case QueryMethod::kDistanceNotEqual:
        case QueryMethod::kDistanceGreaterThan:
        case QueryMethod::kDistanceLessThan: {
            require_attribute(q);
            // Appwrite: exactly one value, [geometry, distance, meters].
            const json::array* p = q.values.size() == 1 ? q.values[0].if_array() : nullptr;
            if (p == nullptr || p->size() != 3 || !(*p)[1].is_number()) {
                invalid("Distance query requires [[geometry, distance]] parameters");
            }
            return;
        }
        case QueryMethod::kIntersects:
        case QueryMethod::kNotIntersects:
        case QueryMethod::kCrosses:
        case QueryMethod::kNotCrosses:
        case QueryMethod::kOverlaps:
        case QueryMethod::kNotOverlaps:
        case QueryMethod::kTouches:
        case QueryMethod::kNotTouches: {
            require_attribute(q);
            if (q.values.empty()) {
                auto name = std::string{method_name(q.method)};
                name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
                invalid(fmt::format("{} queries require at least one value.", name));
            }
            return;
        }
        case QueryMethod::kContainsAny:
        case QueryMethod::kContainsAll:
            require_attribute(q);
            require_count(q, 1, kMaxQueryValues);
            return require_scalars(q);
        case QueryMethod::kLessThan:
        case QueryMethod::kLessThanEqual:
        case QueryMethod::kGreaterThan:
        case QueryMethod::kGreaterThanEqual:
            require_attribute(q);
            require_count(q, 1, 1);
            return require_scalars(q);
        case QueryMethod::kBetween:
        case QueryMethod::kNotBetween:
            require_attribute(q);
            require_count(q, 2, 2);
            return require_scalars(q);
        case QueryMethod::kIsNull:
        case QueryMethod::kIsNotNull:
            require_attribute(q);
            return require_count(q, 0, 0);
        case QueryMethod::kStartsWith:
        case QueryMethod::kNotStartsWith:
        case QueryMethod::kEndsWith:
        case QueryMethod::kNotEndsWith:
        case QueryMethod::kSearch:
        case QueryMethod::kNotSearch:
        case QueryMethod::kRegex:
            require_attribute(q);
            require_count(q, 1, 1);
            return require_strings(q);
        case QueryMethod::kExists:
        case QueryMethod::kNotExists:
        case QueryMethod::kSelect:
            require_count(q, 1, kMaxQueryValues);
            return require_strings(q);
        case QueryMethod::kOrderAsc:
        case QueryMethod::kOrderDesc:
            require_attribute(q);
            return require_count(q, 0, 0);
        case QueryMethod::kOrderRandom:
            return require_count(q, 0, 0);
        case QueryMethod::kCursorAfter:
        case QueryMethod::kCursorBefore:
            require_count(q, 1, 1);
            require_strings(q);
            if (q.values.front().as_string().empty()) invalid("cursor must be a document id");
            return;
        case QueryMethod::kLimit:
            return check_integer_param(q, 1, kMaxLimit);
        case QueryMethod::kOffset:
            return check_integer_param(q, 0, INT64_MAX);
        case QueryMethod::kAnd:
        case QueryMethod::kOr:
            return;
    }
}

Query parse_value(const json::value& value, int depth) {
    if (!value.is_object()) invalid("query must be a JSON object");
    const auto& o = value.as_object();
    const auto* method = o.if_contains("method");
    if (method == nullptr || !method->is_string()) invalid("method is missing");
    std::string_view name = method->as_string();
    if (std::find(kUnsupported.begin(), kUnsupported.end(), name) != kUnsupported.end()) {
        invalid(fmt::format("Query method \"{}\" is not supported yet", name));
    }
    auto it = std::find_if(kMethods.begin(), kMethods.end(),
                           [&](const MethodEntry& e) { return e.name == name; });
    if (it == kMethods.end()) invalid(fmt::format("Query method \"{}\" is unknown", name));
    Query q;
    q.method = it->method;
    if (const auto* attribute = o.if_contains("attribute"); attribute && !attribute->is_null()) {
        if (!attribute->is_string()) invalid("attribute must be a string");
        q.attribute = attribute->as_string();
    }
    const json::array empty;
    const json::array* values = &empty;
    if (const auto* v = o.if_contains("values"); v && !v->is_null()) {
        if (!v->is_array()) invalid("values must be an array");
        values = &v->as_array();
    }
    if (values->size() > kMaxQueryValues) {
        invalid(fmt::format("Query on attribute \"{}\" has more than {} values", q.attribute,
                            kMaxQueryValues));
    }
    if (q.method == QueryMethod::kAnd || q.method == QueryMethod::kOr) {
        parse_children(q, *values, depth);
        return q;
    }
    q.values = *values;
    check_shape(q);
    return q;
}

Query make(QueryMethod method, std::string attribute, json::array values) {
    Query q;
    q.method = method;
    q.attribute = std::move(attribute);
    q.values = std::move(values);
    return q;
}

json::value to_json(const Query& q) {
    json::object o;
    o["method"] = method_name(q.method);
    if (!q.attribute.empty()) o["attribute"] = q.attribute;
    if (q.method == QueryMethod::kAnd || q.method == QueryMethod::kOr) {
        json::array children;
        for (const auto& c : q.children) children.push_back(to_json(c));
        o["values"] = std::move(children);
    } else {
        o["values"] = q.values;
    }
    return o;
}

}  // namespace

std::string_view method_name(QueryMethod method) noexcept {
    for (const auto& e : kMethods) {
        if (e.method == method) return e.name;
    }
    return "unknown";
}

Query parse_query(std::string_view text) {
    if (text.size() > kMaxQueryLength) {
        invalid(fmt::format("Query is longer than {} characters", kMaxQueryLength));
    }
    json::error_code ec;
    auto value = json::parse(text, ec);
    if (ec) invalid("Query is not valid JSON");
    return parse_value(value, 1);
}

std::vector<Query> parse_queries(std::span<const std::string> texts) {
    if (texts.size() > kMaxQueries) {
        invalid(fmt::format("At most {} queries are allowed", kMaxQueries));
    }
    std::vector<Query> out;
    out.reserve(texts.size());
    for (const auto& text : texts) out.push_back(parse_query(text));
    return out;
}

std::string to_string(const Query& query) { return json::serialize(to_json(query)); }

Query Query::equal(std::string attribute, json::array values) {
    return make(QueryMethod::kEqual, std::move(attribute), std::move(values));
}
Query Query::not_equal(std::string attribute, json::array values) {
    return make(QueryMethod::kNotEqual, std::move(attribute), std::move(values));
}
Query Query::less_than(std::string attribute, json::value value) {
    return make(QueryMethod::kLessThan, std::move(attribute), json::array{std::move(value)});
}
Query Query::greater_than(std::string attribute, json::value value) {
    return make(QueryMethod::kGreaterThan, std::move(attribute), json::array{std::move(value)});
}
Query Query::is_null(std::string attribute) {
    return make(QueryMethod::kIsNull, std::move(attribute), {});
}
Query Query::is_not_null(std::string attribute) {
    return make(QueryMethod::kIsNotNull, std::move(attribute), {});
}
Query Query::search(std::string attribute, std::string text) {
    return make(QueryMethod::kSearch, std::move(attribute), json::array{json::string(text)});
}
Query Query::select(std::vector<std::string> attributes) {
    json::array values;
    for (auto& a : attributes) values.emplace_back(json::string(a));
    return make(QueryMethod::kSelect, {}, std::move(values));
}
Query Query::order_asc(std::string attribute) {
    return make(QueryMethod::kOrderAsc, std::move(attribute), {});
}
Query Query::order_desc(std::string attribute) {
    return make(QueryMethod::kOrderDesc, std::move(attribute), {});
}
Query Query::cursor_after(std::string id) {
    return make(QueryMethod::kCursorAfter, {}, json::array{json::string(id)});
}
Query Query::cursor_before(std::string id) {
    return make(QueryMethod::kCursorBefore, {}, json::array{json::string(id)});
}
Query Query::limit(std::int64_t n) { return make(QueryMethod::kLimit, {}, json::array{n}); }
Query Query::offset(std::int64_t n) { return make(QueryMethod::kOffset, {}, json::array{n}); }
Query Query::all_of(std::vector<Query> children) {
    Query q = make(QueryMethod::kAnd, {}, {});
    q.children = std::move(children);
    return q;
}
Query Query::any_of(std::vector<Query> children) {
    Query q = make(QueryMethod::kOr, {}, {});
    q.children = std::move(children);
    return q;
}

namespace {

void check_query_attribute(const Query& query, std::span<const std::string_view> allowed) {
    for (const auto& child : query.children) check_query_attribute(child, allowed);
    if (!query.is_filter() && query.method != QueryMethod::kOrderAsc && query.method != QueryMethod::kOrderDesc) {
        return;
    }
    const auto& attribute = query.attribute;
    if (attribute.empty() || attribute == "$id" || attribute == "$createdAt" || attribute == "$updatedAt" ||
        attribute == "$sequence") {
        return;
    }
    if (std::find(allowed.begin(), allowed.end(), attribute) == allowed.end()) {
        throw Error(ErrorType::kGeneralQueryInvalid, "Invalid query: Attribute not found in schema: " + attribute);
    }
}

}  // namespace

void check_query_attributes(std::span<const Query> queries, std::span<const std::string_view> allowed) {
    for (const auto& query : queries) check_query_attribute(query, allowed);
}

}  // namespace basalt::db
