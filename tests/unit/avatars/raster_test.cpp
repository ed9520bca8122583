#include "avatars/raster.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace basalt::avatars::raster {
namespace {

// Width and height from a PNG's IHDR chunk.
std::pair<int, int> png_size(const std::string& png) {
    EXPECT_EQ(png.substr(1, 3), "PNG");
    const auto be32 = [&](std::size_t at) {
        return (static_cast<std::uint8_t>(png[at]) << 24) |
               (static_cast<std::uint8_t>(png[at + 1]) << 16) |
               (static_cast<std::uint8_t>(png[at + 2]) << 8) |
               static_cast<std::uint8_t>(png[at + 3]);
    };
    return {static_cast<int>(be32(16)), static_cast<int>(be32(20))};
}

const std::string kSvg =
    R"(<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="red"/></svg>)";

TEST(Raster, CropSizeFollowsAppwrite) {
    EXPECT_EQ(crop_size({100, 0}, {400, 300}).height, 75);
    EXPECT_EQ(crop_size({0, 30}, {400, 300}).width, 40);
    EXPECT_EQ(crop_size({0, 0}, {400, 300}).width, 400);
    EXPECT_EQ(crop_size({0, 0}, {400, 300}).height, 300);
    EXPECT_EQ(crop_size({7, 9}, {400, 300}).width, 7);
}

TEST(Raster, CoverGivesTheExactBox) {
    EXPECT_EQ(png_size(cover_png(kSvg, {100, 100})), std::make_pair(100, 100));
    EXPECT_EQ(png_size(cover_png(kSvg, {200, 0})), std::make_pair(200, 150));
    EXPECT_EQ(png_size(cover_png(kSvg, {0, 0})), std::make_pair(40, 30));
    EXPECT_EQ(png_size(cover_png(kSvg, {2000, 1}, 30)), std::make_pair(2000, 1));
}

TEST(Raster, NotAnImageThrows) {
    EXPECT_THROW(cover_png("plain text", {10, 10}), std::runtime_error);
    EXPECT_THROW(cover_png("", {10, 10}), std::runtime_error);
    // A tiny file declaring 400 megapixels.
    const std::string bomb =
        R"(<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="20000"/>)";
    EXPECT_THROW(cover_png(bomb, {10, 10}), std::runtime_error);
}

TEST(Raster, TextAndModules) {
    EXPECT_EQ(png_size(punched_text_png("AB", 64, 32, {1, 2, 3})), std::make_pair(64, 32));
    EXPECT_EQ(png_size(punched_text_png("", 3, 3, {1, 2, 3})), std::make_pair(3, 3));
    EXPECT_EQ(png_size(punched_text_png("W", 1, 1, {1, 2, 3})), std::make_pair(1, 1));
    const std::vector<bool> dark = {true, false, false, true};
    EXPECT_EQ(png_size(modules_png(dark, 2, 1, 37)), std::make_pair(37, 37));
    EXPECT_EQ(png_size(modules_png(dark, 2, 0, 1)), std::make_pair(1, 1));
}

}  // namespace
}  // namespace basalt::avatars::raster
