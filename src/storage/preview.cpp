// Preview rendering with libvips. The steps and their order are Appwrite's (Preview/Get.php and
// utopia-php/image 0.8): crop, opacity, background, border, border radius, rotation, output.
#include "storage/preview.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include "core/error.hpp"

namespace basalt::storage {
namespace {

using vips::VImage;
using namespace std::string_view_literals;

// Where a crop window sits in the resized image, per axis: 0 = start, 0.5 = middle, 1 = end.
struct Gravity {
    std::string_view name;
    double x;
    double y;
};
constexpr std::array<Gravity, 9> kGravities{{
    {"center"sv, 0.5, 0.5},
    {"top-left"sv, 0, 0},
    {"top"sv, 0.5, 0},
    {"top-right"sv, 1, 0},
    {"left"sv, 0, 0.5},
    {"right"sv, 1, 0.5},
    {"bottom-left"sv, 0, 1},
    {"bottom"sv, 0.5, 1},
    {"bottom-right"sv, 1, 1},
}};
constexpr std::array<std::string_view, 9> kGravityNames{
    "center"sv, "top-left"sv,    "top"sv,    "top-right"sv,   "left"sv,
    "right"sv,  "bottom-left"sv, "bottom"sv, "bottom-right"sv};

// Loader option: a truncated or damaged image is an error, not a grey half-picture.
constexpr const char* kFailOn = "truncated";

[[noreturn]] void undecodable(std::string_view why) {
    throw Error(ErrorType::kStorageFileTypeUnsupported,
                fmt::format("The file is not an image that can be previewed: {}", why));
}

std::vector<double> rgb(std::string_view hex) {
    std::string six(hex);
    if (six.size() == 3) six = {hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]};
    if (six.size() != 6) return {0, 0, 0};
    const auto channel = [&](int i) {
        return static_cast<double>(std::stoi(six.substr(i * 2, 2), nullptr, 16));
    };
    return {channel(0), channel(1), channel(2)};
}

VImage with_alpha(const VImage& image) {
    return image.has_alpha() ? image : image.bandjoin_const({255});
}

// 8-bit sRGB (3 bands, or 4 with alpha), whatever came in (grey, CMYK, 16-bit).
VImage normalised(VImage image) {
    if (image.interpretation() != VIPS_INTERPRETATION_sRGB || image.bands() < 3) {
        image = image.colourspace(VIPS_INTERPRETATION_sRGB);
    }
    if (image.format() != VIPS_FORMAT_UCHAR) image = image.cast(VIPS_FORMAT_UCHAR);
    return image;
}

// The image's size once its EXIF orientation is applied.
std::pair<int, int> oriented_size(const VImage& header) {
    const int orientation =
        header.get_typeof("orientation") != 0 ? header.get_int("orientation") : 1;
    if (orientation >= 5 && orientation <= 8) return {header.height(), header.width()};
    return {header.width(), header.height()};
}

// Appwrite's crop(): the missing side follows the aspect; the image is scaled to cover the
// window, which is then cut at the gravity (Imagick's cropThumbnailImage for center).
struct CropPlan {
    int width;    // of the window
    int height;
    int cover_w;  // of the scaled image
    int cover_h;
};

CropPlan crop_plan(int w0, int h0, const PreviewParams& p) {
    const double aspect = static_cast<double>(w0) / h0;
    int width = p.width;
    int height = p.height;
    if (width == 0 && height == 0) {
        width = w0;
        height = h0;
    } else if (width == 0) {
        width = std::max(1, static_cast<int>(height * aspect));
    } else if (height == 0) {
        height = std::max(1, static_cast<int>(width / aspect));
    }
    const double scale =
        std::max(static_cast<double>(width) / w0, static_cast<double>(height) / h0);
    return {width, height, std::max(width, static_cast<int>(std::lround(w0 * scale))),
            std::max(height, static_cast<int>(std::lround(h0 * scale)))};
}

// The plan's window out of `scaled` (cover_w x cover_h), at the gravity.
VImage cut(const VImage& scaled, const CropPlan& plan, const PreviewParams& p) {
    const auto g = std::find_if(kGravities.begin(), kGravities.end(),
                                [&](const Gravity& x) { return x.name == p.gravity; });
    const double gx = g == kGravities.end() ? 0.5 : g->x;
    const double gy = g == kGravities.end() ? 0.5 : g->y;
    const int left = static_cast<int>((scaled.width() - plan.width) * gx);
    const int top = static_cast<int>((scaled.height() - plan.height) * gy);
    return scaled.extract_area(left, top, plan.width, plan.height);
}

bool crops(const PreviewParams& p) { return p.width > 0 || p.height > 0 || p.gravity != "center"; }

// A still image (or an animation's first frame) from its encoded bytes.
VImage crop(VipsBlob* blob, const VImage& header, const PreviewParams& p) {
    const auto [w0, h0] = oriented_size(header);
    const auto plan = crop_plan(w0, h0, p);
    // thumbnail shrinks while decoding (JPEG DCT scaling, WebP/HEIF), the fast path for a
    // small preview of a large photo; it also applies the EXIF orientation.
    const auto scaled = VImage::thumbnail_buffer(
        blob, plan.cover_w,
        VImage::option()
            ->set("height", plan.cover_h)
            ->set("size", VIPS_SIZE_FORCE)
            ->set("option_string", fmt::format("fail_on={}", kFailOn).c_str()));
    return cut(scaled, plan, p);
}

// A one-band mask, 255 inside the rounded rectangle (x, y, w, h) with corner radius r.
VImage rounded_mask(int width, int height, int x, int y, int w, int h, int r) {
    auto mask = VImage::black(width, height).cast(VIPS_FORMAT_UCHAR).copy_memory();
    if (w <= 0 || h <= 0) return mask;
    r = std::clamp(r, 0, std::min(w, h) / 2);
    auto* fill = VImage::option()->set("fill", true);
    mask.draw_rect({255}, x + r, y, w - 2 * r, h, fill);
    fill = VImage::option()->set("fill", true);
    mask.draw_rect({255}, x, y + r, w, h - 2 * r, fill);
    if (r > 0) {
        for (const auto& [cx, cy] :
             std::array<std::pair<int, int>, 4>{{{x + r, y + r},
                                                 {x + w - 1 - r, y + r},
                                                 {x + r, y + h - 1 - r},
                                                 {x + w - 1 - r, y + h - 1 - r}}}) {
            mask.draw_circle({255}, cx, cy, r, VImage::option()->set("fill", true));
        }
    }
    return mask;
}

VImage multiply_alpha(const VImage& image, const VImage& mask) {
    const auto rgba = with_alpha(image);
    const auto alpha = (rgba.extract_band(3) * mask / 255.0).cast(VIPS_FORMAT_UCHAR);
    return rgba.extract_band(0, VImage::option()->set("n", 3)).bandjoin(alpha);
}

// Rounded corners as Appwrite draws them: the picture clipped to a rectangle inset by the
// border, and the border (if any) stroked along it in its colour.
VImage round_corners(const VImage& image, int radius, int border,
                     const std::vector<double>& color) {
    const int w = image.width();
    const int h = image.height();
    const auto inner = rounded_mask(w, h, border, border, w - 2 * border, h - 2 * border, radius);
    auto clipped = multiply_alpha(image, inner);
    if (border == 0) return clipped;
    const int half = border / 2;
    const auto outer = rounded_mask(w, h, half, half, w - 2 * half, h - 2 * half, radius + half);
    const auto ring = image.new_from_image(color).cast(VIPS_FORMAT_UCHAR).bandjoin(outer);
    return ring.composite2(clipped, VIPS_BLEND_MODE_OVER).cast(VIPS_FORMAT_UCHAR);
}

VImage rotate(VImage image, int rotation) {
    const int degrees = ((rotation % 360) + 360) % 360;
    switch (degrees) {
        case 0:
            return image;
        case 90:
            return image.rot(VIPS_ANGLE_D90);
        case 180:
            return image.rot(VIPS_ANGLE_D180);
        case 270:
            return image.rot(VIPS_ANGLE_D270);
        default:
            // Imagick's rotateImage('transparent', deg): the canvas grows, the corners are clear.
            return with_alpha(image).rotate(
                degrees, VImage::option()->set("background", std::vector<double>{0, 0, 0, 0}));
    }
}

VImage transform(VImage image, const PreviewParams& p) {
    image = normalised(image);
    if (p.opacity != 1.0) {
        const auto rgba = with_alpha(image);
        image = rgba.extract_band(0, VImage::option()->set("n", 3))
                    .bandjoin((rgba.extract_band(3) * p.opacity).cast(VIPS_FORMAT_UCHAR));
    }
    if (!p.background.empty() && image.has_alpha()) {
        image = image.flatten(VImage::option()->set("background", rgb(p.background)));
    }
    const auto border_color = rgb(p.border_color);
    if (p.border_width > 0) {
        auto extend = border_color;
        if (image.has_alpha()) extend.push_back(255);
        image = image.embed(
            p.border_width, p.border_width, image.width() + 2 * p.border_width,
            image.height() + 2 * p.border_width,
            VImage::option()->set("extend", VIPS_EXTEND_BACKGROUND)->set("background", extend));
    }
    if (p.border_radius > 0)
        image = round_corners(image, p.border_radius, p.border_width, border_color);
    return rotate(image, p.rotation);
}

// Every frame of the animation `all` (frames stacked top to bottom, `pages` of them) cropped and
// transformed, stacked again with their delays and loop count, for an output that keeps frames.
VImage animate(const VImage& all, int pages, const PreviewParams& params) {
    const int page_height = all.get_typeof("page-height") != 0 ? all.get_int("page-height")
                                                               : all.height() / pages;
    const auto plan = crop_plan(all.width(), page_height, params);
    std::vector<VImage> frames;
    frames.reserve(static_cast<std::size_t>(pages));
    for (int i = 0; i < pages; ++i) {
        auto frame = all.extract_area(0, i * page_height, all.width(), page_height);
        if (crops(params)) {
            frame = cut(frame.thumbnail_image(plan.cover_w, VImage::option()
                                                                 ->set("height", plan.cover_h)
                                                                 ->set("size", VIPS_SIZE_FORCE)),
                        plan, params);
        }
        // One band layout for all frames (a frame may have gained alpha from its transforms).
        frames.push_back(with_alpha(transform(frame, params)));
    }
    auto out = VImage::arrayjoin(frames, VImage::option()->set("across", 1)).copy();
    out.set("page-height", frames.front().height());
    return out;
}

}  // namespace

std::string PreviewParams::canonical() const {
    return fmt::format("w={};h={};g={};q={};bw={};bc={};br={};o={};r={};bg={};out={}", width,
                       height, gravity, quality, border_width, border_color, border_radius, opacity,
                       rotation, background, output);
}

std::span<const std::string_view> preview_gravities() { return kGravityNames; }

bool is_hex_color(std::string_view text) {
    return (text.size() == 3 || text.size() == 6) &&
           std::all_of(text.begin(), text.end(),
                       [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
}

std::string render_preview(std::string_view source, const PreviewParams& params,
                           const media::Format& format) {
    media::start();
    VImage header;
    try {
        header = VImage::new_from_buffer(
            source.data(), source.size(), "",
            VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL)->set("fail_on", kFailOn));
    } catch (const vips::VError& e) {
        undecodable(e.what());
    }
    const std::int64_t pixels = static_cast<std::int64_t>(header.width()) * header.height();
    if (pixels > kPreviewMaxPixels) {
        throw Error(
            ErrorType::kStorageImageResolutionExceeded,
            fmt::format("The image is {}x{} pixels, above the {} megapixels previews are made of.",
                        header.width(), header.height(), kPreviewMaxPixels / 1'000'000));
    }
    const int pages = header.get_typeof("n-pages") != 0 ? header.get_int("n-pages") : 1;
    try {
        if (pages > 1 && format.frames && pixels * pages <= kAnimationMaxPixels) {
            const auto all = VImage::new_from_buffer(
                source.data(), source.size(), "",
                VImage::option()->set("n", -1)->set("fail_on", kFailOn));
            return media::encode(animate(all, pages, params), format, params.quality);
        }
    } catch (const vips::VError& e) {
        undecodable(e.what());
    }
    // The blob borrows `source`, which outlives every use below.
    auto* blob = vips_blob_new(nullptr, source.data(), source.size());
    try {
        VImage image = crops(params) ? crop(blob, header, params) : header.autorot();
        auto out = media::encode(transform(image, params), format, params.quality);
        vips_area_unref(VIPS_AREA(blob));
        return out;
    } catch (const vips::VError& e) {
        vips_area_unref(VIPS_AREA(blob));
        undecodable(e.what());
    }
}

}  // namespace basalt::storage
