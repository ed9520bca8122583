// Internal: validates queries against a collection schema and compiles them to SQL.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "db/collection.hpp"
#include "db/dialect.hpp"
#include "db/query.hpp"

namespace basalt::db {

struct OrderTerm {
    ColumnRef ref;
    bool desc = false;
};

// A list request once its queries are sorted by kind and checked against the schema.
struct ListPlan {
    std::vector<const Query*> filters;  // point into the queries given to plan_list
    bool select_all = true;             // false: only `select` (meta fields always)
    std::vector<const Attribute*> select;
    std::vector<OrderTerm> orders;  // as requested (no tie-breaker yet)
    bool random = false;
    std::string cursor;  // document id; empty = none
    bool cursor_before = false;
    std::int64_t limit = kDefaultLimit;
    std::int64_t offset = 0;
};

// Sorts and checks `queries` (attributes exist, methods fit attribute types, fulltext index
// present for search, no cursor with random order). The first limit/offset/cursor wins.
// Throws Error(kGeneralQueryInvalid).
ListPlan plan_list(const CollectionSchema& schema, std::span<const Query> queries);

// Appends one SQL boolean expression for `filter` over table alias `t`.
// Throws Error(kGeneralQueryInvalid) when the filter does not fit the schema.
void compile_filter(SqlBuilder& b, const Dialect& dialect, const CollectionInfo& info,
                    const Query& filter);

// Appends " AND (<filter>)" for each filter.
void compile_filters(SqlBuilder& b, const Dialect& dialect, const CollectionInfo& info,
                     std::span<const Query* const> filters);

// Orders as executed: requested ones (flipped for cursorBefore) then the sequence tie-breaker.
std::vector<OrderTerm> effective_orders(const ListPlan& plan);

// Appends " ORDER BY ..." for `orders` (asc puts nulls first, desc puts them last).
void compile_order_by(SqlBuilder& b, const std::vector<OrderTerm>& orders, bool random);

// Appends " AND (...)" selecting rows strictly after the cursor row whose order values are
// `values` (one per term of `orders`, same order).
void compile_cursor(SqlBuilder& b, const std::vector<OrderTerm>& orders,
                    const std::vector<SqlValue>& values);

}  // namespace basalt::db
