#include "storage/preview.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

media::Format format(std::string_view name) { return *media::output_format(name); }

// An animated GIF of `frames` width x height frames, frame i a flat grey of 40 * i, 100 ms each.
std::string animation(int width, int height, int frames) {
    media::start();
    std::vector<VImage> pages;
    for (int i = 0; i < frames; ++i) {
        pages.push_back((VImage::black(width, height, VImage::option()->set("bands", 3)) + 40 * i)
                            .cast(VIPS_FORMAT_UCHAR));
    }
    auto all = VImage::arrayjoin(pages, VImage::option()->set("across", 1)).copy();
    all.set("page-height", height);
    all.set("delay", std::vector<int>(static_cast<std::size_t>(frames), 100));
    void* buffer = nullptr;
    std::size_t size = 0;
    all.write_to_buffer(".gif", &buffer, &size);
    std::string out(static_cast<const char*>(buffer), size);
    g_free(buffer);
    return out;
}

// Every frame of an animated preview (n=-1), stacked.
VImage all_frames(const std::string& bytes) {
    return VImage::new_from_buffer(bytes.data(), bytes.size(), "", VImage::option()->set("n", -1)).copy_memory();
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

// As Appwrite (Imagick coalesces a GIF's frames and crops each): a gif or webp output keeps every
// frame, each cropped and transformed; other outputs are the first frame.
TEST(PreviewTest, AnimationsKeepTheirFramesInFormatsThatHaveThem) {
    const auto source = animation(80, 40, 4);
    for (const auto* name : {"gif", "webp"}) {
        const auto out = all_frames(render_preview(source, {.width = 30, .height = 30, .border_width = 2}, format(name)));
        EXPECT_EQ(out.get_int("n-pages"), 4) << name;
        EXPECT_EQ(out.get_int("page-height"), 34) << name;
        EXPECT_EQ(out.width(), 34) << name;
        EXPECT_EQ(out.height(), 4 * 34) << name;
        for (int i = 0; i < 4; ++i) EXPECT_NEAR(out.getpoint(17, i * 34 + 17)[0], 40 * i, 3) << name << " frame " << i;
        EXPECT_EQ(out.getpoint(0, 34)[0], 0) << name << ": the border is on every frame";
        EXPECT_EQ(out.get_array_int("delay"), std::vector<int>(4, 100)) << name;
    }
    const auto still = decoded(render_preview(source, {.width = 30}, format("png")));
    EXPECT_EQ(still.width(), 30);
    EXPECT_EQ(still.height(), 15);
    EXPECT_FALSE(still.get_typeof("n-pages") != 0 && still.get_int("n-pages") > 1);
    // Frames beyond kAnimationMaxPixels together: the first frame only, whatever the output.
    const auto long_one = animation(1000, 1000, 26);
    const auto first = all_frames(render_preview(long_one, {.width = 10}, format("gif")));
    EXPECT_EQ(first.height(), 10);
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
