#include "db/query_compiler.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/time.hpp"

namespace basalt::db {
namespace {

CollectionInfo make_info() {
    CollectionSchema s;
    s.id = "c";
    s.attributes = {
        {"name", AttributeType::kString, 64, false, false, nullptr},
        {"age", AttributeType::kInteger, 0, false, false, nullptr},
        {"score", AttributeType::kFloat, 0, false, false, nullptr},
        {"born", AttributeType::kDatetime, 0, false, false, nullptr},
        {"tags", AttributeType::kString, 16, false, true, nullptr},
        {"bio", AttributeType::kString, 1000, false, false, nullptr},
    };
    s.indexes = {{"bio_ft", IndexType::kFulltext, {"bio"}, {}, {}}};
    CollectionInfo info;
    info.table = "\"c\"";
    info.perms_table = "\"_perms_c\"";
    info.schema = std::make_shared<const CollectionSchema>(std::move(s));
    return info;
}

struct Compiled {
    std::string sql;
    std::vector<SqlValue> params;
};

Compiled compile(const Dialect& d, const std::string& text) {
    static const CollectionInfo info = make_info();
    auto b = d.builder();
    compile_filter(b, d, info, parse_query(text));
    return {b.sql(), b.params()};
}

void expect_invalid(const std::string& text, const std::string& fragment) {
    try {
        compile(sqlite_dialect(), text);
        ADD_FAILURE() << "compiled: " << text;
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::kGeneralQueryInvalid);
        EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
}

TEST(QueryCompiler, EqualUsesPlaceholdersPerDialect) {
    auto s = compile(sqlite_dialect(), R"({"method":"equal","attribute":"name","values":["x"]})");
    EXPECT_EQ(s.sql, "t.\"name\" = ?");
    ASSERT_EQ(s.params.size(), 1u);
    EXPECT_EQ(std::get<std::string>(s.params[0]), "x");
    auto p =
        compile(postgres_dialect(), R"({"method":"equal","attribute":"age","values":[1,2,3]})");
    EXPECT_EQ(p.sql, "t.\"age\" IN ($1, $2, $3)");
    EXPECT_EQ(std::get<std::int64_t>(p.params[2]), 3);
}

TEST(QueryCompiler, ValuesAreNeverPasted) {
    auto s = compile(sqlite_dialect(),
                     R"({"method":"startsWith","attribute":"name","values":["x'; DROP--%_"]})");
    EXPECT_EQ(s.sql, "t.\"name\" LIKE ? ESCAPE '\\'");
    EXPECT_EQ(std::get<std::string>(s.params[0]), "x'; DROP--\\%\\_%");
}

TEST(QueryCompiler, ArrayContainsPerDialect) {
    auto s =
        compile(sqlite_dialect(), R"({"method":"contains","attribute":"tags","values":["a"]})");
    EXPECT_EQ(s.sql, "(EXISTS (SELECT 1 FROM json_each(t.\"tags\") AS j WHERE j.value = ?))");
    auto p = compile(postgres_dialect(),
                     R"({"method":"containsAll","attribute":"tags","values":["a","b"]})");
    EXPECT_EQ(p.sql, "(t.\"tags\" @> $1::jsonb AND t.\"tags\" @> $2::jsonb)");
    EXPECT_EQ(std::get<std::string>(p.params[1]), "[\"b\"]");
}

TEST(QueryCompiler, DatetimesBecomeMilliseconds) {
    auto s = compile(sqlite_dialect(), R"({"method":"between","attribute":"$createdAt","values":)"
                                       R"(["2020-01-01T00:00:00.000+00:00","2020-01-02"]})");
    EXPECT_EQ(s.sql, "t.\"_createdAt\" BETWEEN ? AND ?");
    EXPECT_EQ(std::get<std::int64_t>(s.params[0]), *time::parse_iso("2020-01-01"));
    EXPECT_EQ(std::get<std::int64_t>(s.params[1]), 1577923200000);
}

TEST(QueryCompiler, SequenceAcceptsStrings) {
    auto s = compile(sqlite_dialect(),
                     R"({"method":"greaterThan","attribute":"$sequence","values":["42"]})");
    EXPECT_EQ(s.sql, "t.\"_id\" > ?");
    EXPECT_EQ(std::get<std::int64_t>(s.params[0]), 42);
}

TEST(QueryCompiler, FulltextPerDialect) {
    auto s =
        compile(sqlite_dialect(), R"({"method":"search","attribute":"bio","values":["hi, you"]})");
    EXPECT_NE(s.sql.find("MATCH ?"), std::string::npos);
    EXPECT_EQ(std::get<std::string>(s.params[0]), "c0 : \"hi\"* OR c0 : \"you\"*");
    auto p =
        compile(postgres_dialect(), R"({"method":"notSearch","attribute":"bio","values":["hi"]})");
    EXPECT_EQ(p.sql,
              "NOT (to_tsvector('simple', coalesce(t.\"bio\", '')) @@ to_tsquery('simple', $1))");
    EXPECT_EQ(std::get<std::string>(p.params[0]), "hi:*");
}

TEST(QueryCompiler, NestedGroups) {
    auto s =
        compile(sqlite_dialect(),
                R"({"method":"or","values":[{"method":"isNull","attribute":"age"},)"
                R"({"method":"and","values":[{"method":"lessThan","attribute":"age","values":[3]},)"
                R"({"method":"regex","attribute":"name","values":["^a"]}]}]})");
    EXPECT_EQ(s.sql, "(t.\"age\" IS NULL OR (t.\"age\" < ? AND t.\"name\" REGEXP ?))");
}

TEST(QueryCompiler, RejectsWhatTheSchemaForbids) {
    expect_invalid(R"({"method":"equal","attribute":"nope","values":[1]})",
                   "Attribute not found in schema: nope");
    expect_invalid(R"({"method":"equal","attribute":"tags","values":["a"]})", "is an array");
    expect_invalid(R"({"method":"equal","attribute":"age","values":["1"]})",
                   "invalid for attribute \"age\"");
    expect_invalid(R"({"method":"equal","attribute":"age","values":[1.5]})", "\"age\"");
    expect_invalid(R"({"method":"lessThan","attribute":"born","values":["yesterday"]})", "born");
    expect_invalid(R"({"method":"search","attribute":"name","values":["x"]})",
                   "requires a fulltext index");
    expect_invalid(R"({"method":"startsWith","attribute":"age","values":["1"]})", "not a string");
    expect_invalid(R"({"method":"contains","attribute":"score","values":[1]})", "not a string");
    expect_invalid(R"({"method":"exists","values":["nope"]})", "nope");
}

TEST(QueryCompiler, PlanSortsQueries) {
    std::vector<Query> qs = {
        parse_query(R"({"method":"limit","values":[5]})"),
        parse_query(R"({"method":"limit","values":[9]})"),
        parse_query(R"({"method":"offset","values":[2]})"),
        parse_query(R"({"method":"select","values":["name","$id"]})"),
        parse_query(R"({"method":"orderDesc","attribute":"age"})"),
        parse_query(R"({"method":"cursorBefore","values":["d1"]})"),
        parse_query(R"({"method":"isNull","attribute":"age"})"),
    };
    auto info = make_info();
    auto plan = plan_list(*info.schema, qs);
    EXPECT_EQ(plan.limit, 5);
    EXPECT_EQ(plan.offset, 2);
    EXPECT_FALSE(plan.select_all);
    ASSERT_EQ(plan.select.size(), 1u);
    EXPECT_EQ(plan.select[0]->key, "name");
    EXPECT_EQ(plan.cursor, "d1");
    EXPECT_TRUE(plan.cursor_before);
    EXPECT_EQ(plan.filters.size(), 1u);
    auto orders = effective_orders(plan);
    ASSERT_EQ(orders.size(), 2u);
    EXPECT_FALSE(orders[0].desc);  // flipped for cursorBefore
    EXPECT_TRUE(orders[1].desc);   // the sequence tie-breaker, flipped too
}

TEST(QueryCompiler, PlanRejectsBadOrdersAndSelects) {
    auto info = make_info();
    auto plan_of = [&](const std::string& text) {
        std::vector<Query> qs = {parse_query(text)};
        return plan_list(*info.schema, qs);
    };
    EXPECT_THROW(plan_of(R"({"method":"orderAsc","attribute":"tags"})"), Error);
    EXPECT_THROW(plan_of(R"({"method":"orderAsc","attribute":"nope"})"), Error);
    EXPECT_THROW(plan_of(R"({"method":"select","values":["nope"]})"), Error);
    EXPECT_THROW(plan_of(R"({"method":"select","values":["$nope"]})"), Error);
    std::vector<Query> random = {parse_query(R"({"method":"orderRandom"})"),
                                 parse_query(R"({"method":"cursorAfter","values":["x"]})")};
    EXPECT_THROW(plan_list(*info.schema, random), Error);
}

TEST(QueryCompiler, CursorConditionHandlesNulls) {
    std::vector<OrderTerm> orders = {
        {ColumnRef{"t.\"age\"", AttributeType::kInteger, false, nullptr}, true},
        {ColumnRef{"t.\"_id\"", AttributeType::kInteger, false, nullptr}, false},
    };
    auto b = sqlite_dialect().builder();
    compile_cursor(b, orders, {SqlValue{}, SqlValue{std::int64_t{7}}});
    EXPECT_EQ(b.sql(), " AND ((1 = 0) OR (t.\"age\" IS NULL AND t.\"_id\" > ?))");
    auto c = sqlite_dialect().builder();
    compile_cursor(c, orders, {SqlValue{std::int64_t{3}}, SqlValue{std::int64_t{7}}});
    EXPECT_EQ(c.sql(),
              " AND (((t.\"age\" < ? OR t.\"age\" IS NULL)) OR (t.\"age\" = ? AND t.\"_id\" > ?))");
    EXPECT_EQ(c.params().size(), 3u);
}

}  // namespace
}  // namespace basalt::db

namespace basalt::db {
namespace {

TEST(QueryCompiler, OrderByPlacesNullsAndSkipsClauseOnMetaColumns) {
    auto info = make_info();
    std::vector<Query> qs = {Query::order_desc("age"), Query::order_asc("$createdAt")};
    auto plan = plan_list(*info.schema, qs);
    auto b = sqlite_dialect().builder();
    compile_order_by(b, effective_orders(plan), false);
    EXPECT_EQ(b.sql(), " ORDER BY t.\"age\" DESC NULLS LAST, t.\"_createdAt\" ASC, t.\"_id\" ASC");
    auto r = sqlite_dialect().builder();
    compile_order_by(r, {}, true);
    EXPECT_EQ(r.sql(), " ORDER BY random()");
}

}  // namespace
}  // namespace basalt::db
