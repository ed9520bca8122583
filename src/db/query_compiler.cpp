#include "db/query_compiler.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/error.hpp"
#include "db/geometry.hpp"
#include "db/values.hpp"

namespace basalt::db {
namespace json = boost::json;
namespace {

[[noreturn]] void invalid(std::string_view detail) {
    throw Error(ErrorType::kGeneralQueryInvalid, fmt::format("Invalid query: {}", detail));
}

ColumnRef column_of(const CollectionSchema& schema, std::string_view key) {
    ColumnRef ref;
    if (!resolve_column(schema, key, ref)) {
        invalid(fmt::format("Attribute not found in schema: {}", key));
    }
    ref.column = "t." + ref.column;
    return ref;
}

// A filtered attribute: encrypted ones cannot be (Appwrite's Filter validator); orders and
// selects may name them.
ColumnRef filter_column_of(const CollectionSchema& schema, std::string_view key) {
    auto ref = column_of(schema, key);
    if (ref.attribute != nullptr && ref.attribute->encrypt) {
        invalid(fmt::format("Cannot query encrypted attribute: {}", key));
    }
    return ref;
}

bool array_method(QueryMethod m) {
    switch (m) {
        case QueryMethod::kContains:
        case QueryMethod::kNotContains:
        case QueryMethod::kContainsAny:
        case QueryMethod::kContainsAll:
        case QueryMethod::kIsNull:
        case QueryMethod::kIsNotNull:
            return true;
        default:
            return false;
    }
}

void require_string(const Query& q, const ColumnRef& ref) {
    if (ref.type != AttributeType::kString) {
        invalid(fmt::format("Cannot query {} on attribute \"{}\" because it is not a string",
                            method_name(q.method), q.attribute));
    }
}

std::string like_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == '%' || c == '_') out += '\\';
        out += c;
    }
    return out;
}

void like(SqlBuilder& b, const ColumnRef& ref, std::string pattern) {
    b << ref.column << " LIKE ";
    b.bind(std::move(pattern)) << " ESCAPE '\\'";
}

std::string pattern_for(QueryMethod m, std::string_view value) {
    auto v = like_escape(value);
    switch (m) {
        case QueryMethod::kStartsWith:
        case QueryMethod::kNotStartsWith:
            return v + "%";
        case QueryMethod::kEndsWith:
        case QueryMethod::kNotEndsWith:
            return "%" + v;
        default:
            return "%" + v + "%";
    }
}

const Index* fulltext_index(const CollectionSchema& schema, std::string_view attribute) {
    for (const auto& index : schema.indexes) {
        if (index.type == IndexType::kFulltext &&
            std::find(index.attributes.begin(), index.attributes.end(), attribute) !=
                index.attributes.end()) {
            return &index;
        }
    }
    return nullptr;
}

// contains/notContains/containsAny/containsAll: substrings of strings, elements of arrays.
void compile_contains(SqlBuilder& b, const Dialect& dialect, const Query& q, const ColumnRef& ref) {
    if (!ref.array) require_string(q, ref);
    bool negate = q.method == QueryMethod::kNotContains;
    const char* joiner = q.method == QueryMethod::kContainsAll ? " AND " : " OR ";
    if (negate) b << ref.column << " IS NOT NULL AND NOT ";
    b << "(";
    for (std::size_t i = 0; i < q.values.size(); ++i) {
        if (i > 0) b << joiner;
        if (ref.array) {
            dialect.array_contains(b, ref.column, query_value(ref, q.attribute, q.values[i]));
        } else {
            if (!q.values[i].is_string()) {
                invalid(fmt::format("Query value is invalid for attribute \"{}\"", q.attribute));
            }
            like(b, ref, pattern_for(q.method, q.values[i].as_string()));
        }
    }
    b << ")";
}

void compile_in(SqlBuilder& b, const Query& q, const ColumnRef& ref, bool negate) {
    if (q.values.size() == 1) {
        b << ref.column << (negate ? " != " : " = ");
        b.bind(query_value(ref, q.attribute, q.values[0]));
        return;
    }
    b << ref.column << (negate ? " NOT IN (" : " IN (");
    for (std::size_t i = 0; i < q.values.size(); ++i) {
        if (i > 0) b << ", ";
        b.bind(query_value(ref, q.attribute, q.values[i]));
    }
    b << ")";
}

void compile_comparison(SqlBuilder& b, const Query& q, const ColumnRef& ref) {
    const char* op = q.method == QueryMethod::kLessThan        ? " < "
                     : q.method == QueryMethod::kLessThanEqual ? " <= "
                     : q.method == QueryMethod::kGreaterThan   ? " > "
                                                               : " >= ";
    b << ref.column << op;
    b.bind(query_value(ref, q.attribute, q.values[0]));
}

void compile_exists(SqlBuilder& b, const CollectionSchema& schema, const Query& q) {
    const char* test = q.method == QueryMethod::kExists ? " IS NOT NULL" : " IS NULL";
    b << "(";
    for (std::size_t i = 0; i < q.values.size(); ++i) {
        if (i > 0) b << " AND ";
        b << filter_column_of(schema, q.values[i].as_string()).column << test;
    }
    b << ")";
}

const Index* spatial_index(const CollectionSchema& schema, std::string_view attribute) {
    for (const auto& index : schema.indexes) {
        if (index.type == IndexType::kSpatial && index.attributes.front() == attribute) {
            return &index;
        }
    }
    return nullptr;
}

Geometry query_geometry(const json::value& value) {
    if (!value.is_array()) invalid("Spatial data must be an array");
    std::string problem;
    auto g = read_geometry(value, &problem);
    if (!g) invalid(problem);
    return *g;
}

SpatialRelation relation_of(QueryMethod m) {
    switch (m) {
        case QueryMethod::kEqual:
        case QueryMethod::kNotEqual:
            return SpatialRelation::kEquals;
        case QueryMethod::kCrosses:
        case QueryMethod::kNotCrosses:
            return SpatialRelation::kCrosses;
        case QueryMethod::kOverlaps:
        case QueryMethod::kNotOverlaps:
            return SpatialRelation::kOverlaps;
        case QueryMethod::kTouches:
        case QueryMethod::kNotTouches:
            return SpatialRelation::kTouches;
        case QueryMethod::kContains:
        case QueryMethod::kNotContains:
            return SpatialRelation::kCovers;
        default:
            return SpatialRelation::kIntersects;
    }
}

bool negated(QueryMethod m) {
    switch (m) {
        case QueryMethod::kNotEqual:
        case QueryMethod::kNotContains:
        case QueryMethod::kNotIntersects:
        case QueryMethod::kNotCrosses:
        case QueryMethod::kNotOverlaps:
        case QueryMethod::kNotTouches:
            return true;
        default:
            return false;
    }
}

// Filters on a spatial attribute: the spatial methods, equal/notEqual (same geometry) and
// contains/notContains (covers, boundary included), as Appwrite. Only the first value counts.
// Negations hold for non-null values only (NOT of an SQL NULL), as on MariaDB.
void compile_spatial(SqlBuilder& b, const Dialect& dialect, const CollectionInfo& info,
                     const Query& q, const ColumnRef& ref) {
    if (q.method == QueryMethod::kIsNull || q.method == QueryMethod::kIsNotNull) {
        b << ref.column << (q.method == QueryMethod::kIsNull ? " IS NULL" : " IS NOT NULL");
        return;
    }
    if (!info.spatial) {
        invalid("Spatial queries need the PostGIS extension, which this PostgreSQL server does "
                "not have");
    }
    SpatialColumn column{ref.column, ref.type, info.schema->id, q.attribute,
                         spatial_index(*info.schema, q.attribute)};
    if (is_distance_method(q.method)) {
        const auto& p = q.values[0].get_array();
        Geometry g = query_geometry(p[0]);
        bool meters = p[2].is_bool() && p[2].get_bool();
        if (meters && (ref.type != AttributeType::kPoint || g.kind != GeometryKind::kPoint)) {
            throw Error(ErrorType::kGeneralQueryInvalid,
                        fmt::format("Distance in meters is not supported between {} and {}",
                                    kind_name(*geometry_kind(ref.type)), kind_name(g.kind)));
        }
        const char* op = q.method == QueryMethod::kDistanceEqual      ? "="
                         : q.method == QueryMethod::kDistanceNotEqual ? "!="
                         : q.method == QueryMethod::kDistanceLessThan ? "<"
                                                                      : ">";
        return dialect.spatial_distance(b, column, g, meters, op, p[1].to_number<double>());
    }
    switch (q.method) {
        case QueryMethod::kEqual:
        case QueryMethod::kNotEqual:
        case QueryMethod::kContains:
        case QueryMethod::kNotContains:
            break;
        default:
            if (!is_spatial_method(q.method)) {
                for (const auto& v : q.values) {
                    if (!v.is_array()) invalid("Spatial data must be an array");
                }
                invalid(fmt::format("Cannot query {} on spatial attribute \"{}\"",
                                    method_name(q.method), q.attribute));
            }
    }
    Geometry g = query_geometry(q.values[0]);
    if (negated(q.method)) {
        b << ref.column << " IS NOT NULL AND NOT (";
        dialect.spatial_relation(b, column, relation_of(q.method), g);
        b << ")";
        return;
    }
    dialect.spatial_relation(b, column, relation_of(q.method), g);
}

void compile_group(SqlBuilder& b, const Dialect& dialect, const CollectionInfo& info,
                   const Query& q) {
    b << "(";
    for (std::size_t i = 0; i < q.children.size(); ++i) {
        if (i > 0) b << (q.method == QueryMethod::kAnd ? " AND " : " OR ");
        compile_filter(b, dialect, info, q.children[i]);
    }
    b << ")";
}

}  // namespace

void compile_filter(SqlBuilder& b, const Dialect& dialect, const CollectionInfo& info,
                    const Query& q) {
    const auto& schema = *info.schema;
    if (q.method == QueryMethod::kAnd || q.method == QueryMethod::kOr) {
        return compile_group(b, dialect, info, q);
    }
    if (q.method == QueryMethod::kExists || q.method == QueryMethod::kNotExists) {
        return compile_exists(b, schema, q);
    }
    if (!q.is_filter()) invalid(fmt::format("{} is not a filter", method_name(q.method)));
    auto ref = filter_column_of(schema, q.attribute);
    if (is_spatial_method(q.method) && !is_spatial(ref.type)) {
        invalid(fmt::format("Spatial query \"{}\" cannot be applied on non-spatial attribute: {}",
                            method_name(q.method), q.attribute));
    }
    if (is_spatial(ref.type)) return compile_spatial(b, dialect, info, q, ref);
    if (ref.array && !array_method(q.method)) {
        invalid(fmt::format("Cannot query {} on attribute \"{}\" because it is an array.",
                            method_name(q.method), q.attribute));
    }
    switch (q.method) {
        case QueryMethod::kEqual:
        case QueryMethod::kNotEqual:
            return compile_in(b, q, ref, q.method == QueryMethod::kNotEqual);
        case QueryMethod::kLessThan:
        case QueryMethod::kLessThanEqual:
        case QueryMethod::kGreaterThan:
        case QueryMethod::kGreaterThanEqual:
            return compile_comparison(b, q, ref);
        case QueryMethod::kBetween:
        case QueryMethod::kNotBetween:
            b << ref.column << (q.method == QueryMethod::kBetween ? " BETWEEN " : " NOT BETWEEN ");
            b.bind(query_value(ref, q.attribute, q.values[0])) << " AND ";
            b.bind(query_value(ref, q.attribute, q.values[1]));
            return;
        case QueryMethod::kIsNull:
            b << ref.column << " IS NULL";
            return;
        case QueryMethod::kIsNotNull:
            b << ref.column << " IS NOT NULL";
            return;
        case QueryMethod::kStartsWith:
        case QueryMethod::kEndsWith:
            require_string(q, ref);
            return like(b, ref, pattern_for(q.method, q.values[0].as_string()));
        case QueryMethod::kNotStartsWith:
        case QueryMethod::kNotEndsWith:
            require_string(q, ref);
            b << "NOT (";
            like(b, ref, pattern_for(q.method, q.values[0].as_string()));
            b << ")";
            return;
        case QueryMethod::kContains:
        case QueryMethod::kNotContains:
        case QueryMethod::kContainsAny:
        case QueryMethod::kContainsAll:
            return compile_contains(b, dialect, q, ref);
        case QueryMethod::kSearch:
        case QueryMethod::kNotSearch: {
            require_string(q, ref);
            const Index* index = fulltext_index(schema, q.attribute);
            if (index == nullptr) {
                invalid(fmt::format("Searching by attribute \"{}\" requires a fulltext index.",
                                    q.attribute));
            }
            if (q.method == QueryMethod::kNotSearch) b << "NOT ";
            b << "(";
            dialect.fulltext(b, info.table, schema.id, *index, q.attribute,
                             q.values[0].as_string());
            b << ")";
            return;
        }
        case QueryMethod::kRegex:
            require_string(q, ref);
            return dialect.regex(b, ref.column, std::string{q.values[0].as_string()});
        default:
            invalid(fmt::format("{} is not a filter", method_name(q.method)));
    }
}

void compile_filters(SqlBuilder& b, const Dialect& dialect, const CollectionInfo& info,
                     std::span<const Query* const> filters) {
    for (const Query* f : filters) {
        b << " AND (";
        compile_filter(b, dialect, info, *f);
        b << ")";
    }
}

ListPlan plan_list(const CollectionSchema& schema, std::span<const Query> queries) {
    ListPlan plan;
    bool has_limit = false, has_offset = false, has_cursor = false, star = false;
    for (const auto& q : queries) {
        switch (q.method) {
            case QueryMethod::kSelect:
                plan.select_all = false;
                for (const auto& v : q.values) {
                    std::string_view key = v.as_string();
                    if (key == "*") {
                        star = true;
                        continue;
                    }
                    ColumnRef ref;
                    if (key.starts_with('$')) {
                        // Meta attributes are always returned.
                        if (key != "$permissions" && !resolve_column(schema, key, ref)) {
                            invalid(fmt::format("Attribute not found in schema: {}", key));
                        }
                        continue;
                    }
                    const Attribute* a = schema.attribute(key);
                    if (a == nullptr)
                        invalid(fmt::format("Attribute not found in schema: {}", key));
                    plan.select.push_back(a);
                }
                break;
            case QueryMethod::kOrderAsc:
            case QueryMethod::kOrderDesc: {
                auto ref = column_of(schema, q.attribute);
                if (ref.array) {
                    invalid(fmt::format("Cannot order by attribute \"{}\" because it is an array",
                                        q.attribute));
                }
                plan.orders.push_back(
                    OrderTerm{std::move(ref), q.method == QueryMethod::kOrderDesc});
                break;
            }
            case QueryMethod::kOrderRandom:
                plan.random = true;
                break;
            case QueryMethod::kCursorAfter:
            case QueryMethod::kCursorBefore:
                if (!has_cursor) {
                    plan.cursor = q.values[0].as_string();
                    plan.cursor_before = q.method == QueryMethod::kCursorBefore;
                    has_cursor = true;
                }
                break;
            case QueryMethod::kLimit:
                if (!has_limit) plan.limit = q.values[0].to_number<std::int64_t>();
                has_limit = true;
                break;
            case QueryMethod::kOffset:
                if (!has_offset) plan.offset = q.values[0].to_number<std::int64_t>();
                has_offset = true;
                break;
            default:
                plan.filters.push_back(&q);
        }
    }
    if (star) {
        plan.select_all = true;
        plan.select.clear();
    }
    if (plan.random && (has_cursor || !plan.orders.empty())) {
        invalid("orderRandom cannot be combined with other orders or cursors");
    }
    return plan;
}

std::vector<OrderTerm> effective_orders(const ListPlan& plan) {
    std::vector<OrderTerm> orders = plan.orders;
    bool has_sequence = std::any_of(orders.begin(), orders.end(),
                                    [](const OrderTerm& o) { return o.ref.column == "t.\"_id\""; });
    if (!has_sequence) {
        orders.push_back(
            OrderTerm{ColumnRef{"t.\"_id\"", AttributeType::kInteger, false, nullptr}, false});
    }
    if (plan.cursor_before) {
        for (auto& o : orders) o.desc = !o.desc;
    }
    return orders;
}

void compile_order_by(SqlBuilder& b, const std::vector<OrderTerm>& orders, bool random) {
    b << " ORDER BY ";
    if (random) {
        b << "random()";
        return;
    }
    for (std::size_t i = 0; i < orders.size(); ++i) {
        if (i > 0) b << ", ";
        b << orders[i].ref.column;
        // Meta columns are NOT NULL: no NULLS clause, so their plain indexes (and the primary
        // key) serve the order on PostgreSQL, whose planner does not drop the clause itself.
        if (orders[i].ref.attribute == nullptr) {
            b << (orders[i].desc ? " DESC" : " ASC");
        } else {
            b << (orders[i].desc ? " DESC NULLS LAST" : " ASC NULLS FIRST");
        }
    }
}

void compile_cursor(SqlBuilder& b, const std::vector<OrderTerm>& orders,
                    const std::vector<SqlValue>& values) {
    // Row-value comparison spelled out so that nulls sort as in compile_order_by.
    b << " AND (";
    for (std::size_t k = 0; k < orders.size(); ++k) {
        if (k > 0) b << " OR ";
        b << "(";
        for (std::size_t i = 0; i < k; ++i) {
            const auto& col = orders[i].ref.column;
            if (std::holds_alternative<std::monostate>(values[i])) {
                b << col << " IS NULL AND ";
            } else {
                b << col << " = ";
                b.bind(values[i]) << " AND ";
            }
        }
        const auto& col = orders[k].ref.column;
        bool null = std::holds_alternative<std::monostate>(values[k]);
        if (!orders[k].desc) {
            if (null) {
                b << col << " IS NOT NULL";
            } else {
                b << col << " > ";
                b.bind(values[k]);
            }
        } else if (null) {
            b << "1 = 0";
        } else {
            b << "(" << col << " < ";
            b.bind(values[k]) << " OR " << col << " IS NULL)";
        }
        b << ")";
    }
    b << ")";
}

}  // namespace basalt::db
