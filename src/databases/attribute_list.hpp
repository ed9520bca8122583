// GET .../attributes (columns) with queries: the attributes of one collection live in its
// catalog record (at most ~1010), so they are filtered, ordered and paged in memory.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "databases/attributes.hpp"
#include "db/query.hpp"

namespace basalt::databases {

struct AttributePage {
    std::int64_t total = 0;  // filter matches (0 when not counted)
    std::vector<const AttributeSpec*> attributes;
};

// Appwrite's attribute list queries: filters on key, type, size, required, array, status and
// error (equal, notEqual, lessThan(Equal), greaterThan(Equal), between, isNull, isNotNull,
// startsWith, endsWith, contains, search, and, or), orderAsc/orderDesc on those fields,
// cursorAfter/cursorBefore (an attribute key), limit (default 25) and offset. The result points
// into `attributes`. Throws kGeneralQueryInvalid, kGeneralCursorNotFound.
AttributePage list_attributes(std::span<const AttributeSpec> attributes,
                              std::span<const db::Query> queries, bool with_total);

}  // namespace basalt::databases
