// Appwrite queries: the JSON form {"method","attribute","values"} parsed into an AST.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace basalt::db {

enum class QueryMethod {
    // filters
    kEqual,
    kNotEqual,
    kLessThan,
    kLessThanEqual,
    kGreaterThan,
    kGreaterThanEqual,
    kBetween,
    kNotBetween,
    kIsNull,
    kIsNotNull,
    kStartsWith,
    kNotStartsWith,
    kEndsWith,
    kNotEndsWith,
    kContains,
    kNotContains,
    kContainsAny,
    kContainsAll,
    kSearch,
    kNotSearch,
    kRegex,
    kExists,
    kNotExists,
    // spatial (values: [geometry]; distance*: [[geometry, distance, meters]])
    kDistanceEqual,
    kDistanceNotEqual,
    kDistanceGreaterThan,
    kDistanceLessThan,
    kIntersects,
    kNotIntersects,
    kCrosses,
    kNotCrosses,
    kOverlaps,
    kNotOverlaps,
    kTouches,
    kNotTouches,
    kAnd,
    kOr,
    // projection, order, paging
    kSelect,
    kOrderAsc,
    kOrderDesc,
    kOrderRandom,
    kCursorAfter,
    kCursorBefore,
    kLimit,
    kOffset,
};

// Limits as Appwrite enforces them.
inline constexpr std::size_t kMaxQueries = 100;
inline constexpr std::size_t kMaxQueryLength = 4096;
inline constexpr std::size_t kMaxQueryValues = 500;
inline constexpr int kMaxQueryDepth = 3;  // and/or nesting levels
inline constexpr std::int64_t kMaxLimit = 5000;
inline constexpr std::int64_t kDefaultLimit = 25;
inline constexpr std::int64_t kMaxCount = 5000;  // `total` is counted up to this

struct Query {
    QueryMethod method = QueryMethod::kEqual;
    std::string attribute;        // empty for and/or, select, limit, offset, cursors
    boost::json::array values;    // scalars (for and/or: empty)
    std::vector<Query> children;  // and/or only

    bool is_filter() const noexcept { return method <= QueryMethod::kOr; }

    // Builders for internal callers (same shapes the SDKs send).
    static Query equal(std::string attribute, boost::json::array values);
    static Query not_equal(std::string attribute, boost::json::array values);
    static Query less_than(std::string attribute, boost::json::value value);
    static Query greater_than(std::string attribute, boost::json::value value);
    static Query is_null(std::string attribute);
    static Query is_not_null(std::string attribute);
    static Query search(std::string attribute, std::string text);
    static Query select(std::vector<std::string> attributes);
    static Query order_asc(std::string attribute);
    static Query order_desc(std::string attribute);
    static Query cursor_after(std::string id);
    static Query cursor_before(std::string id);
    static Query limit(std::int64_t n);
    static Query offset(std::int64_t n);
    static Query all_of(std::vector<Query> children);  // and
    static Query any_of(std::vector<Query> children);  // or
};

std::string_view method_name(QueryMethod method) noexcept;

// True for the methods only spatial attributes take (distance*, intersects, crosses, overlaps,
// touches and their negations).
constexpr bool is_spatial_method(QueryMethod method) noexcept {
    return method >= QueryMethod::kDistanceEqual && method <= QueryMethod::kNotTouches;
}
constexpr bool is_distance_method(QueryMethod method) noexcept {
    return method >= QueryMethod::kDistanceEqual && method <= QueryMethod::kDistanceLessThan;
}

// Parses one query string. Checks the shape of each method (value count and kinds, limit and
// offset ranges, nesting depth), not the collection schema (see the engine for that).
// Throws Error(kGeneralQueryInvalid, "Invalid query: ...") on bad JSON, unknown methods,
// unsupported vector methods and wrong shapes.
Query parse_query(std::string_view text);

// Parses a `queries` parameter: at most kMaxQueries entries of at most kMaxQueryLength chars.
// Throws Error(kGeneralQueryInvalid).
std::vector<Query> parse_queries(std::span<const std::string> texts);

// For list endpoints over internal collections: throws Error(kGeneralQueryInvalid) when a
// filter or order (also nested) names an attribute outside `allowed` (meta attributes
// $id, $createdAt, $updatedAt and $sequence are always allowed).
void check_query_attributes(std::span<const Query> queries, std::span<const std::string_view> allowed);

// The JSON form of a query (inverse of parse_query).
std::string to_string(const Query& query);

}  // namespace basalt::db
