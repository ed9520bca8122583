// The pure rules of attributes: Appwrite's row width, sizes, value checks of defaults and
// documents, and the in-memory attribute list with queries.
#include "databases/attributes.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <functional>
#include <limits>

#include "core/error.hpp"
#include "databases/attribute_list.hpp"
#include "databases/document_values.hpp"
#include "databases/schema_changes.hpp"

namespace basalt::databases {
namespace {
namespace json = boost::json;

AttributeSpec make(std::string key, Kind kind, std::int64_t size = 0) {
    return AttributeSpec{.key = std::move(key), .kind = kind, .size = size};
}

std::string type_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const Error& e) {
        return std::string(e.info().type);
    }
    return "none";
}

TEST(RowWidth, CountsAsAppwritesSqlAdapter) {
    EXPECT_EQ(row_width({}), 1067);
    std::vector<AttributeSpec> a{make("s", Kind::kVarchar, 255)};
    EXPECT_EQ(row_width(a), 1067 + 255 * 4 + 1);
    a[0].size = 256;
    EXPECT_EQ(row_width(a), 1067 + 256 * 4 + 2);
    a[0].size = 16382;  // a long `string` is a TEXT column off the row
    a[0].kind = Kind::kString;
    EXPECT_EQ(row_width(a), 1067 + 20);
    a = {make("t", Kind::kText), make("b", Kind::kBoolean), make("d", Kind::kDatetime),
         make("f", Kind::kFloat), make("e", Kind::kEmail)};
    EXPECT_EQ(row_width(a), 1067 + 20 + 1 + 7 + 8 + 254 * 4 + 1);
    auto small = make("i", Kind::kInteger);
    small.max = 100;
    auto big = make("j", Kind::kInteger);  // no max: a 64-bit column
    EXPECT_EQ(stored_size(small), 4);
    EXPECT_EQ(stored_size(big), 8);
    auto tags = make("tags", Kind::kVarchar, 1000);
    tags.array = true;
    EXPECT_EQ(row_width(std::vector{small, big, tags}), 1067 + 4 + 8 + 20);
}

TEST(PrepareAttribute, FillsBoundsAndChecksDefaults) {
    auto n = make("n", Kind::kInteger);
    prepare_attribute(n);
    EXPECT_EQ(n.min.as_int64(), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(n.max.as_int64(), std::numeric_limits<std::int64_t>::max());
    auto f = make("f", Kind::kFloat);
    prepare_attribute(f);
    EXPECT_EQ(f.max.as_double(), std::numeric_limits<double>::max());

    auto ranged = make("r", Kind::kInteger);
    ranged.min = 0;
    ranged.max = 1'000'000;
    ranged.default_value = 2'000'000;
    try {
        prepare_attribute(ranged);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::kAttributeValueInvalid);
        EXPECT_STREQ(e.what(), "Value must be a valid range between 0 and 1,000,000");
    }
    auto reversed = make("r", Kind::kFloat);
    reversed.min = 2.0;
    reversed.max = 1.0;
    EXPECT_EQ(type_of([&] { prepare_attribute(reversed); }), "attribute_value_invalid");
    auto text = make("t", Kind::kString, 3);
    text.default_value = "ééé";  // three characters, six bytes
    EXPECT_EQ(type_of([&] { prepare_attribute(text); }), "none");
    text.default_value = "abcd";
    EXPECT_EQ(type_of([&] { prepare_attribute(text); }), "attribute_value_invalid");
    auto encrypted = make("s", Kind::kVarchar, 149);
    encrypted.encrypt = true;
    EXPECT_EQ(type_of([&] { prepare_attribute(encrypted); }), "general_bad_request");
    encrypted.size = 150;
    EXPECT_EQ(type_of([&] { prepare_attribute(encrypted); }), "none");
    auto choice = make("c", Kind::kEnum);
    EXPECT_EQ(type_of([&] { prepare_attribute(choice); }), "attribute_value_invalid");
    choice.elements = {"a", "b"};
    choice.default_value = "c";
    EXPECT_EQ(type_of([&] { prepare_attribute(choice); }), "attribute_value_invalid");
}

TEST(FormatProblem, DescribesEachKind) {
    EXPECT_EQ(format_problem(make("e", Kind::kEmail), "x"), "Value must be a valid email address");
    EXPECT_EQ(format_problem(make("e", Kind::kEmail), "a@b.io"), std::nullopt);
    EXPECT_EQ(format_problem(make("u", Kind::kUrl), "ftp:/"), "Value must be a valid URL");
    EXPECT_EQ(format_problem(make("i", Kind::kIp), "::1"), std::nullopt);
    EXPECT_EQ(format_problem(make("n", Kind::kInteger), 1.5), "Value must be a valid integer");
    EXPECT_EQ(format_problem(make("b", Kind::kBoolean), 1), "Value must be a valid boolean");
    EXPECT_EQ(format_problem(make("d", Kind::kDatetime), "2020-01-01T00:00:00.000+00:00"),
              std::nullopt);
    EXPECT_EQ(format_problem(make("p", Kind::kPoint), json::array{1, 2}), std::nullopt);
    EXPECT_EQ(format_problem(make("p", Kind::kPoint), json::array{1}),
              "Value must be a valid point: Point must be an array of two numeric values [x, y]");
    EXPECT_EQ(format_problem(make("p", Kind::kPoint), json::array{0, 91}),
              "Value must be a valid point: Latitude (y) must be between -90 and 90, got 91");
    EXPECT_EQ(format_problem(make("l", Kind::kLine), json::parse("[[0,0]]")),
              "Value must be a valid linestring: Linestring must be an array of at least 2 points");
    EXPECT_EQ(format_problem(make("g", Kind::kPolygon), json::parse("[[[0,0],[0,1],[1,1],[0,0]]]")),
              std::nullopt);
}

TEST(RangeRule, FormatsNumbersAsPhpNumberFormat) {
    auto n = make("n", Kind::kInteger);
    EXPECT_EQ(range_rule(n),
              "Value must be a valid range between -9,223,372,036,854,775,808 and "
              "9,223,372,036,854,775,807");
    auto f = make("f", Kind::kFloat);
    f.min = -1.5;
    f.max = 2.5;
    EXPECT_EQ(range_rule(f),
              "Value must be a valid range between -2 and 3");  // rounded as PHP does
}

TEST(ListAttributes, FiltersOrdersAndPages) {
    std::vector<AttributeSpec> all{make("a", Kind::kString, 10), make("b", Kind::kInteger),
                                   make("c", Kind::kVarchar, 300), make("d", Kind::kBoolean)};
    all[0].required = true;
    auto keys = [&](std::vector<std::string> texts, bool total = true) {
        auto page = list_attributes(all, db::parse_queries(texts), total);
        std::string out = std::to_string(page.total) + ":";
        for (const auto* a : page.attributes) out += a->key;
        return out;
    };
    EXPECT_EQ(keys({}), "4:abcd");
    EXPECT_EQ(keys({R"({"method":"equal","attribute":"type","values":["string"]})"}), "1:a");
    EXPECT_EQ(keys({R"({"method":"equal","attribute":"required","values":[true]})"}), "1:a");
    EXPECT_EQ(keys({R"({"method":"greaterThan","attribute":"size","values":[10]})"}), "1:c");
    EXPECT_EQ(
        keys({R"({"method":"orderDesc","attribute":"key"})", R"({"method":"limit","values":[2]})"}),
        "4:dc");
    EXPECT_EQ(keys({R"({"method":"cursorAfter","values":["b"]})"}), "4:cd");
    EXPECT_EQ(
        keys({R"({"method":"cursorBefore","values":["c"]})", R"({"method":"limit","values":[1]})"}),
        "4:b");
    EXPECT_EQ(keys({}, false), "0:abcd");
    EXPECT_EQ(type_of([&] { keys({R"({"method":"equal","attribute":"name","values":["x"]})"}); }),
              "general_query_invalid");
    EXPECT_EQ(type_of([&] { keys({R"({"method":"cursorAfter","values":["zz"]})"}); }),
              "general_cursor_not_found");
}

}  // namespace
}  // namespace basalt::databases
