#include "avatars/raster.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vips/vips8>

#include "media/image.hpp"

namespace basalt::avatars::raster {
namespace {

using vips::VImage;

constexpr std::int64_t kMaxPixels = 100'000'000;

// PNG bytes of `image` (quality as media::encode).
std::string save_png(const VImage& image, int quality) {
    static const auto png = *media::output_format("png");
    return media::encode(image, png, quality);
}

}  // namespace

Size crop_size(Size asked, Size original) noexcept {
    if (original.width <= 0 || original.height <= 0) return asked;
    const double aspect = static_cast<double>(original.width) / original.height;
    Size out = asked;
    if (out.width == 0) out.width = static_cast<int>(out.height * aspect);
    if (out.height == 0) out.height = static_cast<int>(out.width / aspect);
    if (out.width == 0 || out.height == 0) out = original;
    return out;
}

std::string cover_png(std::string_view data, Size asked, int quality) {
    media::start();
    try {
        const VImage header = VImage::new_from_buffer(data.data(), data.size(), "");
        // Decompression bombs: a small file may declare a huge canvas.
        if (static_cast<std::int64_t>(header.width()) * header.height() > kMaxPixels) {
            throw std::runtime_error("image larger than 100 megapixels");
        }
        const Size size = crop_size(asked, {header.width(), header.height()});
        // The blob borrows `data`, which outlives it (no free function).
        VipsBlob* blob = vips_blob_new(nullptr, data.data(), data.size());
        try {
            const VImage out = VImage::thumbnail_buffer(blob, size.width,
                                                        VImage::option()
                                                            ->set("height", size.height)
                                                            ->set("size", VIPS_SIZE_BOTH)
                                                            ->set("crop", VIPS_INTERESTING_CENTRE));
            auto png = save_png(out, quality);
            vips_area_unref(VIPS_AREA(blob));
            return png;
        } catch (...) {
            vips_area_unref(VIPS_AREA(blob));
            throw;
        }
    } catch (const vips::VError& e) {
        throw std::runtime_error(fmt::format("not a decodable image: {}", e.what()));
    }
}

std::string punched_text_png(std::string_view text, int width, int height, Rgb background) {
    media::start();
    VImage ink = VImage::black(width, height);
    const int font_px = std::min(width, height) / 2;
    if (!text.empty() && font_px >= 1) {
        // At 72 dpi a point is a pixel, so the font size is Appwrite's size in pixels.
        const std::string font = fmt::format("DejaVu Sans {}", font_px);
        const std::string markup(text);
        const VImage glyphs = VImage::text(
            markup.c_str(), VImage::option()->set("font", font.c_str())->set("dpi", 72));
        ink = glyphs.embed((width - glyphs.width()) / 2, (height - glyphs.height()) / 2, width,
                           height);
    }
    const VImage alpha = ink.invert();
    const VImage colour =
        alpha.new_from_image({static_cast<double>(background.r), static_cast<double>(background.g),
                              static_cast<double>(background.b)});
    const VImage rgba = colour.bandjoin(alpha).copy(
        VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    return save_png(rgba, -1);
}

std::string modules_png(const std::vector<bool>& dark, int n, int margin, int size) {
    media::start();
    const int side = n + 2 * margin;
    std::vector<unsigned char> pixels(static_cast<std::size_t>(side) * side, 255);
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            if (dark[static_cast<std::size_t>(y) * n + x])
                pixels[static_cast<std::size_t>(y + margin) * side + x + margin] = 0;
        }
    }
    // The image borrows `pixels`, which lives until the PNG is written below.
    const VImage matrix =
        VImage::new_from_memory(pixels.data(), pixels.size(), side, side, 1, VIPS_FORMAT_UCHAR);
    const double scale = static_cast<double>(size) / side;
    const VImage scaled =
        matrix.resize(scale, VImage::option()->set("kernel", VIPS_KERNEL_NEAREST));
    // Rounding in the resize may leave a pixel more or less: crop or extend to exactly size.
    const VImage exact =
        scaled.embed(0, 0, size, size, VImage::option()->set("extend", VIPS_EXTEND_WHITE));
    return save_png(exact.copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_B_W)),
                    -1);
}

}  // namespace basalt::avatars::raster
