#include "http/multipart.hpp"

#include <gtest/gtest.h>

namespace basalt::http {
namespace {

TEST(Multipart, BoundaryFromContentType) {
    EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=abc"), "abc");
    EXPECT_EQ(multipart_boundary("Multipart/Form-Data; charset=x; boundary=\"a b\""), "a b");
    EXPECT_FALSE(multipart_boundary("application/json"));
    EXPECT_FALSE(multipart_boundary("multipart/form-data"));
}

TEST(Multipart, FieldsAndFiles) {
    using namespace std::string_literals;
    const auto body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"fileId\"\r\n\r\nf1\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"permissions[]\"\r\n\r\nread(\"any\")\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\\\"b.bin\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\n\r\n--X\0y\r\n--XyZ--\r\n"s;
    const auto parts = parse_multipart(std::string_view(body.data(), body.size()), "XyZ");
    ASSERT_TRUE(parts);
    ASSERT_EQ(parts->size(), 3u);
    EXPECT_EQ((*parts)[0].name, "fileId");
    EXPECT_EQ((*parts)[0].data, "f1");
    EXPECT_FALSE((*parts)[0].filename);
    EXPECT_EQ((*parts)[1].name, "permissions[]");
    EXPECT_EQ((*parts)[2].filename, "a\"b.bin");
    EXPECT_EQ((*parts)[2].content_type, "application/octet-stream");
    EXPECT_EQ((*parts)[2].data, std::string_view("\r\n--X\0y", 7));
}

TEST(Multipart, MalformedBodies) {
    EXPECT_FALSE(parse_multipart("no delimiter", "b"));
    EXPECT_FALSE(parse_multipart("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nunterminated", "b"));
    EXPECT_FALSE(parse_multipart("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--", "b"));
    const auto empty = parse_multipart("--b--\r\n", "b");
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->empty());
}

}  // namespace
}  // namespace basalt::http
