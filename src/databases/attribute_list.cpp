#include "databases/attribute_list.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "core/error.hpp"

namespace basalt::databases {
namespace json = boost::json;
namespace {

using db::QueryMethod;
using namespace std::string_view_literals;

constexpr std::array kFields = {"key"sv,   "type"sv,   "size"sv, "required"sv,
                                "array"sv, "status"sv, "error"sv};

json::value field(const AttributeSpec& a, std::string_view name) {
    if (name == "key") return json::string(a.key);
    if (name == "type") return json::string(a.info().type);
    if (name == "size") return stored_size(a);
    if (name == "required") return a.required;
    if (name == "array") return a.array;
    if (name == "status") return json::string(a.status);
    if (name == "error") return json::string(a.error);
    return nullptr;
}

// <0, 0, >0 like strcmp; numbers numerically, strings and booleans by value. Values of other
// kinds compare unequal (ordered after).
int compare(const json::value& a, const json::value& b) {
    if (a.is_number() && b.is_number()) {
        const double x = a.to_number<double>(), y = b.to_number<double>();
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (a.is_string() && b.is_string()) {
        const int c = std::string_view(a.get_string()).compare(std::string_view(b.get_string()));
        return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    if (a.is_bool() && b.is_bool())
        return static_cast<int>(a.get_bool()) - static_cast<int>(b.get_bool());
    return 2;
}

std::string_view text(const json::value& v) {
    return v.is_string() ? std::string_view(v.get_string()) : "";
}

bool matches(const AttributeSpec& a, const db::Query& q);

bool any_value(const db::Query& q, const json::value& v, bool (*test)(int)) {
    return std::any_of(q.values.begin(), q.values.end(),
                       [&](const json::value& x) { return test(compare(v, x)); });
}

bool matches(const AttributeSpec& a, const db::Query& q) {
    if (q.method == QueryMethod::kAnd) {
        return std::all_of(q.children.begin(), q.children.end(),
                           [&](const auto& c) { return matches(a, c); });
    }
    if (q.method == QueryMethod::kOr) {
        return std::any_of(q.children.begin(), q.children.end(),
                           [&](const auto& c) { return matches(a, c); });
    }
    const auto v = field(a, q.attribute);
    switch (q.method) {
        case QueryMethod::kEqual:
            return any_value(q, v, [](int c) { return c == 0; });
        case QueryMethod::kNotEqual:
            return !any_value(q, v, [](int c) { return c == 0; });
        case QueryMethod::kLessThan:
            return any_value(q, v, [](int c) { return c == -1; });
        case QueryMethod::kLessThanEqual:
            return any_value(q, v, [](int c) { return c == -1 || c == 0; });
        case QueryMethod::kGreaterThan:
            return any_value(q, v, [](int c) { return c == 1; });
        case QueryMethod::kGreaterThanEqual:
            return any_value(q, v, [](int c) { return c == 1 || c == 0; });
        case QueryMethod::kBetween:
            return q.values.size() == 2 && compare(v, q.values[0]) >= 0 &&
                   compare(v, q.values[0]) != 2 && compare(v, q.values[1]) <= 0;
        case QueryMethod::kIsNull:
            return v.is_null();
        case QueryMethod::kIsNotNull:
            return !v.is_null();
        case QueryMethod::kStartsWith:
            return std::any_of(q.values.begin(), q.values.end(),
                               [&](const auto& x) { return text(v).starts_with(text(x)); });
        case QueryMethod::kEndsWith:
            return std::any_of(q.values.begin(), q.values.end(),
                               [&](const auto& x) { return text(v).ends_with(text(x)); });
        case QueryMethod::kContains:
        case QueryMethod::kSearch:
            return std::any_of(q.values.begin(), q.values.end(), [&](const auto& x) {
                return text(v).find(text(x)) != std::string_view::npos;
            });
        default:
            throw Error(ErrorType::kGeneralQueryInvalid,
                        fmt::format("Invalid query: Query method not allowed: {}",
                                    db::method_name(q.method)));
    }
}

}  // namespace

AttributePage list_attributes(std::span<const AttributeSpec> attributes,
                              std::span<const db::Query> queries, bool with_total) {
    db::check_query_attributes(queries, kFields);
    std::vector<const AttributeSpec*> found;
    for (const auto& a : attributes) {
        if (std::all_of(queries.begin(), queries.end(),
                        [&](const db::Query& q) { return !q.is_filter() || matches(a, q); })) {
            found.push_back(&a);
        }
    }
    AttributePage page{.total = with_total ? static_cast<std::int64_t>(found.size()) : 0,
                       .attributes = {}};
    std::int64_t limit = db::kDefaultLimit, offset = 0;
    const db::Query* cursor = nullptr;
    for (const auto& q : queries) {
        if (q.method == QueryMethod::kOrderAsc || q.method == QueryMethod::kOrderDesc) {
            const bool desc = q.method == QueryMethod::kOrderDesc;
            std::stable_sort(
                found.begin(), found.end(), [&](const AttributeSpec* x, const AttributeSpec* y) {
                    const int c = compare(field(*x, q.attribute), field(*y, q.attribute));
                    return desc ? c == 1 : c == -1;
                });
        } else if (q.method == QueryMethod::kLimit) {
            limit = q.values.at(0).to_number<std::int64_t>();
        } else if (q.method == QueryMethod::kOffset) {
            offset = q.values.at(0).to_number<std::int64_t>();
        } else if (q.method == QueryMethod::kCursorAfter ||
                   q.method == QueryMethod::kCursorBefore) {
            cursor = &q;
        } else if (!q.is_filter() && q.method != QueryMethod::kSelect) {
            throw Error(ErrorType::kGeneralQueryInvalid,
                        fmt::format("Invalid query: Query method not allowed: {}",
                                    db::method_name(q.method)));
        }
    }
    auto begin = found.begin(), end = found.end();
    if (cursor) {
        const auto key = text(cursor->values.at(0));
        const auto at =
            std::find_if(found.begin(), found.end(), [&](const auto* a) { return a->key == key; });
        if (at == found.end()) {
            throw Error(ErrorType::kGeneralCursorNotFound,
                        fmt::format("Attribute '{}' for the 'cursor' value not found.", key));
        }
        if (cursor->method == QueryMethod::kCursorAfter) {
            begin = at + 1;
        } else {
            // The page just before the cursor: the `limit` attributes ending there.
            end = at;
            begin = end - std::min<std::ptrdiff_t>(end - found.begin(), offset + limit);
        }
    }
    begin += std::min<std::ptrdiff_t>(end - begin, offset);
    end = begin + std::min<std::ptrdiff_t>(end - begin, limit);
    page.attributes.assign(begin, end);
    return page;
}

}  // namespace basalt::databases
