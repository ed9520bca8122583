#include "storage/preview.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"
#include "media/image.hpp"

namespace basalt::storage {
namespace {

using vips::VImage;

// A width x height sRGB test image encoded as `suffix` (".png", ".jpg").
std::string image(int width, int height, const char* suffix, int bands = 3) {
    media::start();
    const auto pixels = (VImage::black(width, height, VImage::option()->set("bands", bands)) + 200)
                            .cast(VIPS_FORMAT_UCHAR);
    void* buffer = nullptr;
    std::size_t size = 0;
    pixels.write_to_buffer(suffix, &buffer, &size);
    std::string out(static_cast<const char*>(buffer), size);
    g_free(buffer);
    return out;
}

// Decoded into memory: new_from_buffer borrows the bytes, which are a temporary here.
VImage decoded(const std::string& bytes) {
    return VImage::new_from_buffer(bytes.data(), bytes.size(), "").copy_memory();
}

const media::Format& format(std::string_view name) {
    static const auto png = *media::output_format("png");
    static const auto jpg = *media::output_format("jpg");
    return name == "png" ? png : jpg;
}

TEST(PreviewTest, OneSideKeepsTheAspectBothCrop) {
    const auto source = image(400, 300, ".jpg");
    auto out = decoded(render_preview(source, {.width = 200}, format("jpg")));
    EXPECT_EQ(out.width(), 200);
    EXPECT_EQ(out.height(), 150);
    out = decoded(render_preview(source, {.height = 100}, format("png")));
    EXPECT_EQ(out.width(), 133);
    EXPECT_EQ(out.height(), 100);
    for (const auto gravity : preview_gravities()) {
        out = decoded(render_preview(
            source, {.width = 90, .height = 120, .gravity = std::string(gravity)}, format("png")));
        EXPECT_EQ(out.width(), 90) << gravity;
        EXPECT_EQ(out.height(), 120) << gravity;
    }
}

TEST(PreviewTest, BorderRotationAndAlpha) {
    const auto source = image(100, 50, ".png");
    auto out =
        decoded(render_preview(source, {.border_width = 5, .border_color = "f00"}, format("png")));
    EXPECT_EQ(out.width(), 110);
    EXPECT_EQ(out.height(), 60);
    EXPECT_EQ(out.getpoint(1, 1), (std::vector<double>{255, 0, 0}));
    out = decoded(render_preview(source, {.rotation = -270}, format("png")));
    EXPECT_EQ(out.width(), 50);
    EXPECT_EQ(out.height(), 100);
    out = decoded(render_preview(source, {.border_radius = 20}, format("png")));
    EXPECT_EQ(out.bands(), 4);
    EXPECT_EQ(out.getpoint(0, 0)[3], 0);
    EXPECT_EQ(out.getpoint(50, 25)[3], 255);
    out = decoded(render_preview(source, {.opacity = 0.25}, format("png")));
    EXPECT_NEAR(out.getpoint(50, 25)[3], 64, 1);
    out =
        decoded(render_preview(image(10, 10, ".png", 4), {.background = "0000ff"}, format("png")));
    EXPECT_EQ(out.bands(), 3) << "a background flattens the alpha away";
}

TEST(PreviewTest, RefusesWhatIsNotAnImage) {
    try {
        (void)render_preview("plain text, not an image", {}, format("png"));
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::kStorageFileTypeUnsupported);
    }
    const auto whole = image(300, 300, ".jpg");
    try {
        (void)render_preview(whole.substr(0, whole.size() / 2), {.width = 20}, format("png"));
        FAIL() << "a truncated JPEG rendered";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::kStorageFileTypeUnsupported);
    }
}

TEST(PreviewTest, HexColours) {
    EXPECT_TRUE(is_hex_color("fff"));
    EXPECT_TRUE(is_hex_color("A0b1C2"));
    EXPECT_FALSE(is_hex_color("#ffffff"));
    EXPECT_FALSE(is_hex_color("ffff"));
    EXPECT_FALSE(is_hex_color("ggg"));
    EXPECT_FALSE(is_hex_color(""));
}

TEST(PreviewTest, IconsArePngs) {
    for (const auto icon : {FileIcon::kFile, FileIcon::kVideo, FileIcon::kLargeImage}) {
        const auto out = decoded(file_icon(icon));
        EXPECT_EQ(out.width(), 256);
        EXPECT_EQ(out.bands(), 4);
    }
    EXPECT_NE(file_icon(FileIcon::kFile), file_icon(FileIcon::kVideo));
}

}  // namespace
}  // namespace basalt::storage
