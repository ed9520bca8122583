#include "db/query.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace basalt::db {
namespace {

void expect_invalid(const std::string& text, const std::string& fragment = "") {
    try {
        parse_query(text);
        ADD_FAILURE() << "accepted: " << text;
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::kGeneralQueryInvalid) << text;
        EXPECT_TRUE(std::string(e.what()).starts_with("Invalid query: ")) << e.what();
        if (!fragment.empty()) {
            EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
        }
    }
}

struct Accepted {
    const char* text;
    QueryMethod method;
};

TEST(QueryParse, AcceptsEveryMethod) {
    const Accepted cases[] = {
        {R"({"method":"equal","attribute":"a","values":["x",1,true]})", QueryMethod::kEqual},
        {R"({"method":"notEqual","attribute":"a","values":["x"]})", QueryMethod::kNotEqual},
        {R"({"method":"lessThan","attribute":"a","values":[1]})", QueryMethod::kLessThan},
        {R"({"method":"lessThanEqual","attribute":"a","values":[1]})", QueryMethod::kLessThanEqual},
        {R"({"method":"greaterThan","attribute":"a","values":[1.5]})", QueryMethod::kGreaterThan},
        {R"({"method":"greaterThanEqual","attribute":"a","values":[1]})",
         QueryMethod::kGreaterThanEqual},
        {R"({"method":"between","attribute":"a","values":[1,2]})", QueryMethod::kBetween},
        {R"({"method":"notBetween","attribute":"a","values":[1,2]})", QueryMethod::kNotBetween},
        {R"({"method":"isNull","attribute":"a"})", QueryMethod::kIsNull},
        {R"({"method":"isNotNull","attribute":"a","values":[]})", QueryMethod::kIsNotNull},
        {R"({"method":"startsWith","attribute":"a","values":["x"]})", QueryMethod::kStartsWith},
        {R"({"method":"notStartsWith","attribute":"a","values":["x"]})",
         QueryMethod::kNotStartsWith},
        {R"({"method":"endsWith","attribute":"a","values":["x"]})", QueryMethod::kEndsWith},
        {R"({"method":"notEndsWith","attribute":"a","values":["x"]})", QueryMethod::kNotEndsWith},
        {R"({"method":"contains","attribute":"a","values":["x","y"]})", QueryMethod::kContains},
        {R"({"method":"notContains","attribute":"a","values":["x"]})", QueryMethod::kNotContains},
        {R"({"method":"containsAny","attribute":"a","values":["x"]})", QueryMethod::kContainsAny},
        {R"({"method":"containsAll","attribute":"a","values":["x"]})", QueryMethod::kContainsAll},
        {R"({"method":"search","attribute":"a","values":["x y"]})", QueryMethod::kSearch},
        {R"({"method":"notSearch","attribute":"a","values":["x"]})", QueryMethod::kNotSearch},
        {R"({"method":"regex","attribute":"a","values":["^x"]})", QueryMethod::kRegex},
        {R"({"method":"exists","values":["a","b"]})", QueryMethod::kExists},
        {R"({"method":"notExists","values":["a"]})", QueryMethod::kNotExists},
        {R"({"method":"select","values":["a","*"]})", QueryMethod::kSelect},
        {R"({"method":"orderAsc","attribute":"a"})", QueryMethod::kOrderAsc},
        {R"({"method":"orderDesc","attribute":"$createdAt"})", QueryMethod::kOrderDesc},
        {R"({"method":"orderRandom"})", QueryMethod::kOrderRandom},
        {R"({"method":"cursorAfter","values":["abc"]})", QueryMethod::kCursorAfter},
        {R"({"method":"cursorBefore","values":["abc"]})", QueryMethod::kCursorBefore},
        {R"({"method":"limit","values":[5000]})", QueryMethod::kLimit},
        {R"({"method":"offset","values":[0]})", QueryMethod::kOffset},
    };
    for (const auto& c : cases) {
        auto q = parse_query(c.text);
        EXPECT_EQ(q.method, c.method) << c.text;
        EXPECT_EQ(parse_query(to_string(q)).method, c.method) << "round trip of " << c.text;
    }
}

TEST(QueryParse, NestedAndOr) {
    auto q =
        parse_query(R"({"method":"or","values":[{"method":"equal","attribute":"a","values":[1]},)"
                    R"({"method":"and","values":[{"method":"isNull","attribute":"b"},)"
                    R"({"method":"lessThan","attribute":"c","values":[3]}]}]})");
    ASSERT_EQ(q.method, QueryMethod::kOr);
    ASSERT_EQ(q.children.size(), 2u);
    EXPECT_EQ(q.children[1].method, QueryMethod::kAnd);
    EXPECT_EQ(q.children[1].children[1].attribute, "c");
    auto again = parse_query(to_string(q));
    EXPECT_EQ(again.children[1].children.size(), 2u);
}

TEST(QueryParse, NestedQueriesAsStrings) {
    auto q =
        parse_query(R"({"method":"and","values":["{\"method\":\"isNull\",\"attribute\":\"a\"}",)"
                    R"("{\"method\":\"isNull\",\"attribute\":\"b\"}"]})");
    EXPECT_EQ(q.children.size(), 2u);
}

TEST(QueryParse, RejectsBadJsonAndShapes) {
    expect_invalid("not json", "not valid JSON");
    expect_invalid("[]", "JSON object");
    expect_invalid(R"({"attribute":"a"})", "method is missing");
    expect_invalid(R"({"method":"frobnicate"})", "unknown");
    expect_invalid(R"({"method":"equal","attribute":"a","values":"x"})", "values must be an array");
    expect_invalid(R"({"method":"equal","attribute":7,"values":["x"]})", "attribute must be");
    expect_invalid(R"({"method":"equal","attribute":"a","values":[]})", "at least 1");
    expect_invalid(R"({"method":"equal","values":["x"]})", "require an attribute");
    expect_invalid(R"({"method":"equal","attribute":"a","values":[{"x":1}]})", "string, number");
    expect_invalid(R"({"method":"lessThan","attribute":"a","values":[1,2]})", "exactly 1");
    expect_invalid(R"({"method":"between","attribute":"a","values":[1]})", "exactly 2");
    expect_invalid(R"({"method":"isNull","attribute":"a","values":[1]})");
    expect_invalid(R"({"method":"startsWith","attribute":"a","values":[1]})", "string values");
    expect_invalid(R"({"method":"search","attribute":"a","values":["x","y"]})");
    expect_invalid(R"({"method":"regex","attribute":"a","values":[true]})");
    expect_invalid(R"({"method":"exists","values":[]})");
    expect_invalid(R"({"method":"select","values":[1]})");
    expect_invalid(R"({"method":"orderAsc"})", "require an attribute");
    expect_invalid(R"({"method":"orderRandom","values":["a"]})");
    expect_invalid(R"({"method":"cursorAfter","values":[]})");
    expect_invalid(R"({"method":"cursorBefore","values":[""]})", "cursor");
    expect_invalid(R"({"method":"limit","values":[0]})", "between 1 and 5000");
    expect_invalid(R"({"method":"limit","values":[5001]})", "between 1 and 5000");
    expect_invalid(R"({"method":"limit","values":["5"]})");
    expect_invalid(R"({"method":"limit","values":[2.5]})");
    expect_invalid(R"({"method":"offset","values":[-1]})", "at least 0");
}

TEST(QueryParse, RejectsBadNesting) {
    expect_invalid(R"({"method":"and","values":[{"method":"isNull","attribute":"a"}]})",
                   "at least two");
    expect_invalid(R"({"method":"or","values":[{"method":"limit","values":[1]},)"
                   R"({"method":"isNull","attribute":"a"}]})",
                   "only contain filters");
    expect_invalid(R"({"method":"and","values":[1,2]})", "JSON object");
    const std::string leaf = R"({"method":"isNull","attribute":"a"})";
    auto wrap = [&](const std::string& inner) {
        return R"({"method":"and","values":[)" + inner + "," + leaf + "]}";
    };
    EXPECT_NO_THROW(parse_query(wrap(wrap(leaf))));
    expect_invalid(wrap(wrap(wrap(leaf))), "nesting depth");
}

TEST(QueryParse, RejectsVectorMethods) {
    for (const char* m : {"vectorDot", "vectorCosine", "vectorEuclidean", "elemMatch"}) {
        expect_invalid(std::string(R"({"method":")") + m + R"(","attribute":"a","values":[1]})",
                       "not supported yet");
    }
}

TEST(QueryParse, SpatialShapes) {
    for (const char* m : {"intersects", "notIntersects", "crosses", "notCrosses", "overlaps",
                          "notOverlaps", "touches", "notTouches"}) {
        auto q = parse_query(std::string(R"({"method":")") + m +
                             R"(","attribute":"a","values":[[1,2]]})");
        EXPECT_TRUE(is_spatial_method(q.method)) << m;
        EXPECT_TRUE(q.is_filter()) << m;
        EXPECT_EQ(method_name(q.method), m);
    }
    for (const char* m :
         {"distanceEqual", "distanceNotEqual", "distanceGreaterThan", "distanceLessThan"}) {
        auto q = parse_query(std::string(R"({"method":")") + m +
                             R"(","attribute":"a","values":[[[1,2],10,true]]})");
        EXPECT_TRUE(is_distance_method(q.method)) << m;
        expect_invalid(std::string(R"({"method":")") + m +
                           R"(","attribute":"a","values":[[[1,2],10]]})",
                       "Distance query requires [[geometry, distance]] parameters");
        expect_invalid(std::string(R"({"method":")") + m +
                           R"(","attribute":"a","values":[[[1,2],"x",true]]})",
                       "Distance query requires");
    }
    expect_invalid(R"({"method":"touches","attribute":"a","values":[]})",
                   "Touches queries require at least one value.");
    // equal/contains take a geometry (an array) for spatial attributes
    EXPECT_NO_THROW(parse_query(R"({"method":"equal","attribute":"a","values":[[1,2]]})"));
    expect_invalid(R"({"method":"equal","attribute":"a","values":[{"x":1}]})", "values");
}

TEST(QueryParse, EnforcesLimits) {
    std::string values;
    for (int i = 0; i < 501; ++i) values += (i ? "," : "") + std::to_string(i);
    expect_invalid(R"({"method":"equal","attribute":"a","values":[)" + values + "]}",
                   "more than 500 values");
    std::string long_text(kMaxQueryLength + 1, ' ');
    expect_invalid(long_text, "longer than 4096");
    std::vector<std::string> many(kMaxQueries + 1, R"({"method":"isNull","attribute":"a"})");
    EXPECT_THROW(parse_queries(many), Error);
    many.pop_back();
    EXPECT_EQ(parse_queries(many).size(), kMaxQueries);
}

TEST(QueryParse, Builders) {
    EXPECT_EQ(to_string(Query::equal("a", {1})),
              R"({"method":"equal","attribute":"a","values":[1]})");
    EXPECT_EQ(Query::limit(3).values[0].as_int64(), 3);
    EXPECT_EQ(Query::any_of({Query::is_null("a"), Query::is_null("b")}).children.size(), 2u);
}

}  // namespace
}  // namespace basalt::db
