#include "http/params.hpp"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace basalt::http {

TEST(ParamsTest, ParsesPlainPairsWithDecoding) {
    const auto params = parse_query_string("a=1&b=hello%20world&c=x+y&empty=");
    EXPECT_EQ(params.at("a").as_string(), "1");
    EXPECT_EQ(params.at("b").as_string(), "hello world");
    EXPECT_EQ(params.at("c").as_string(), "x y");
    EXPECT_EQ(params.at("empty").as_string(), "");
}

TEST(ParamsTest, IndexedAndAppendedArraysAsTheSdksSendThem) {
    const auto params = parse_query_string(
        "queries%5B0%5D=%7B%22method%22%3A%22limit%22%7D&queries[1]=b&queries[]=c");
    ASSERT_TRUE(params.at("queries").is_array());
    const auto& list = params.at("queries").as_array();
    ASSERT_EQ(list.size(), 3u);
    EXPECT_EQ(list[0].as_string(), R"({"method":"limit"})");
    EXPECT_EQ(list[1].as_string(), "b");
    EXPECT_EQ(list[2].as_string(), "c");
}

TEST(ParamsTest, NestedObjects) {
    const auto params = parse_query_string("headers[x-a]=1&headers[x-b]=2");
    EXPECT_EQ(boost::json::serialize(params.at("headers")), R"({"x-a":"1","x-b":"2"})");
}

TEST(ParamsTest, SkipsMalformedPairs) {
    const auto params = parse_query_string("good=1&bad=%zz&=nokey&[x]=1&&trail=%4");
    EXPECT_EQ(params.size(), 1u);
    EXPECT_EQ(params.at("good").as_string(), "1");
}

}  // namespace basalt::http
