#include "databases/metadata_list.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "core/error.hpp"

namespace basalt::databases {
namespace json = boost::json;
using db::Query;
using db::QueryMethod;

namespace {

const json::value kNull;

const json::value& field(const json::object& item, std::string_view name) {
    const auto* v = item.if_contains(name);
    return v ? *v : kNull;
}

// -1, 0, 1; nullopt when the two cannot be compared (different kinds).
std::optional<int> compare(const json::value& a, const json::value& b) {
    if (a.is_number() && b.is_number()) {
        const double x = a.to_number<double>(), y = b.to_number<double>();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.is_string() && b.is_string()) {
        const int c = a.get_string().compare(b.get_string());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    if (a.is_bool() && b.is_bool()) return int(a.get_bool()) - int(b.get_bool());
    return std::nullopt;
}

bool equals(const json::value& a, const json::value& b) { return compare(a, b) == 0; }

// The scalars a field holds: its elements for arrays.
std::vector<json::value> scalars(const json::value& v) {
    if (v.is_array()) return {v.get_array().begin(), v.get_array().end()};
    if (v.is_null()) return {};
    return {v};
}

bool any_equal(const json::value& v, const json::array& values) {
    for (const auto& s : scalars(v)) {
        for (const auto& value : values) {
            if (equals(s, value)) return true;
        }
    }
    return false;
}

bool compares(const json::value& v, const json::array& values, bool (*ok)(int)) {
    if (values.empty()) return false;
    const auto c = compare(v, values.front());
    return c && ok(*c);
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

bool text_test(const json::value& v, const json::array& values, bool (*test)(std::string_view, std::string_view)) {
    if (!v.is_string()) return false;
    for (const auto& value : values) {
        if (value.is_string() && test(v.get_string(), value.get_string())) return true;
    }
    return false;
}

bool matches(const json::object& item, const Query& q);

bool all_match(const json::object& item, std::span<const Query> queries) {
    return std::all_of(queries.begin(), queries.end(), [&](const Query& q) { return !q.is_filter() || matches(item, q); });
}

bool matches(const json::object& item, const Query& q) {
    const auto& v = field(item, q.attribute);
    const auto& values = q.values;
    switch (q.method) {
        case QueryMethod::kEqual: return any_equal(v, values);
        case QueryMethod::kNotEqual: return !any_equal(v, values);
        case QueryMethod::kLessThan: return compares(v, values, [](int c) { return c < 0; });
        case QueryMethod::kLessThanEqual: return compares(v, values, [](int c) { return c <= 0; });
        case QueryMethod::kGreaterThan: return compares(v, values, [](int c) { return c > 0; });
        case QueryMethod::kGreaterThanEqual: return compares(v, values, [](int c) { return c >= 0; });
        case QueryMethod::kBetween:
        case QueryMethod::kNotBetween: {
            const bool in = values.size() == 2 && compares(v, {values[0]}, [](int c) { return c >= 0; }) &&
                            compares(v, {values[1]}, [](int c) { return c <= 0; });
            return q.method == QueryMethod::kBetween ? in : !in;
        }
        case QueryMethod::kIsNull: return v.is_null();
        case QueryMethod::kIsNotNull: return !v.is_null();
        case QueryMethod::kExists: return item.contains(q.attribute);
        case QueryMethod::kNotExists: return !item.contains(q.attribute);
        case QueryMethod::kStartsWith:
        case QueryMethod::kNotStartsWith: {
            const bool yes = text_test(v, values, [](std::string_view s, std::string_view p) { return s.starts_with(p); });
            return q.method == QueryMethod::kStartsWith ? yes : !yes;
        }
        case QueryMethod::kEndsWith:
        case QueryMethod::kNotEndsWith: {
            const bool yes = text_test(v, values, [](std::string_view s, std::string_view p) { return s.ends_with(p); });
            return q.method == QueryMethod::kEndsWith ? yes : !yes;
        }
        case QueryMethod::kContains:
        case QueryMethod::kContainsAny:
        case QueryMethod::kNotContains: {
            const bool yes = v.is_array() ? any_equal(v, values)
                                          : text_test(v, values, [](std::string_view s, std::string_view p) {
                                                return s.find(p) != std::string_view::npos;
                                            });
            return q.method == QueryMethod::kNotContains ? !yes : yes;
        }
        case QueryMethod::kContainsAll:
            return std::all_of(values.begin(), values.end(), [&](const json::value& value) {
                return any_equal(v, json::array{value});
            });
        case QueryMethod::kSearch:
        case QueryMethod::kNotSearch: {
            const bool yes = text_test(v, values, [](std::string_view s, std::string_view p) {
                return lower(s).find(lower(p)) != std::string::npos;
            });
            return q.method == QueryMethod::kSearch ? yes : !yes;
        }
        case QueryMethod::kAnd:
            return std::all_of(q.children.begin(), q.children.end(), [&](const Query& c) { return matches(item, c); });
        case QueryMethod::kOr:
            return std::any_of(q.children.begin(), q.children.end(), [&](const Query& c) { return matches(item, c); });
        default:
            throw Error(ErrorType::kGeneralQueryInvalid,
                        fmt::format("Invalid query: Method not supported here: {}", db::method_name(q.method)));
    }
}

std::int64_t int_value(const Query& q) {
    return q.values.empty() || !q.values.front().is_number() ? 0 : q.values.front().to_number<std::int64_t>();
}

}  // namespace

MetadataPage list_metadata(std::span<const json::object> items, std::span<const Query> queries, bool with_total,
                           std::string_view cursor_noun) {
    std::vector<std::size_t> hits;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (all_match(items[i], queries)) hits.push_back(i);
    }
    std::vector<const Query*> orders;
    std::int64_t limit = db::kDefaultLimit, offset = 0;
    const Query* cursor = nullptr;
    for (const auto& q : queries) {
        if (q.method == QueryMethod::kOrderAsc || q.method == QueryMethod::kOrderDesc) orders.push_back(&q);
        if (q.method == QueryMethod::kLimit) limit = int_value(q);
        if (q.method == QueryMethod::kOffset) offset = int_value(q);
        if (q.method == QueryMethod::kCursorAfter || q.method == QueryMethod::kCursorBefore) cursor = &q;
    }
    // Stable: the list order (sequence) breaks ties.
    std::stable_sort(hits.begin(), hits.end(), [&](std::size_t a, std::size_t b) {
        for (const auto* o : orders) {
            const auto c = compare(field(items[a], o->attribute), field(items[b], o->attribute)).value_or(0);
            if (c != 0) return o->method == QueryMethod::kOrderAsc ? c < 0 : c > 0;
        }
        return false;
    });
    MetadataPage page;
    if (with_total) page.total = std::min<std::int64_t>(static_cast<std::int64_t>(hits.size()), db::kMaxCount);
    auto first = hits.begin(), last = hits.end();
    if (cursor) {
        const auto key = cursor->values.empty() || !cursor->values.front().is_string()
                             ? std::string()
                             : std::string(cursor->values.front().get_string());
        const auto it = std::find_if(items.begin(), items.end(),
                                     [&](const json::object& item) { return equals(field(item, "key"), json::value(key)); });
        if (it == items.end()) {
            throw Error(ErrorType::kGeneralCursorNotFound,
                        fmt::format("{} '{}' for the 'cursor' value not found.", cursor_noun, key));
        }
        const auto at = std::find(hits.begin(), hits.end(), static_cast<std::size_t>(it - items.begin()));
        if (cursor->method == QueryMethod::kCursorBefore) {
            // The page just before the cursor, read backwards: offset counts from the cursor.
            last = at - std::min<std::int64_t>(offset, at - hits.begin());
            first = last - std::min<std::int64_t>(limit, last - hits.begin());
            page.selected.assign(first, last);
            return page;
        }
        first = at == hits.end() ? hits.end() : at + 1;
    }
    first += std::min<std::int64_t>(offset, last - first);
    last = first + std::min<std::int64_t>(limit, last - first);
    page.selected.assign(first, last);
    return page;
}

}  // namespace basalt::databases
