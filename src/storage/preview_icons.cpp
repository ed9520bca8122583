// The icons that stand for files not previewed as themselves (Appwrite's storage-logos: a
// video, an image above the preview size limit, anything else). Drawn with libvips' draw
// operations rather than shipped as artwork.
#include <array>

#include "storage/preview.hpp"

namespace basalt::storage {
namespace {

using vips::VImage;

constexpr int kSize = 256;
const std::vector<double> kPage{176, 190, 197, 255};  // #b0bec5
const std::vector<double> kFold{144, 164, 174, 255};  // #90a4ae
const std::vector<double> kMark{255, 255, 255, 255};

// A filled triangle pointing right (play) or up (mountain), row by row.
void triangle(VImage& canvas, int x0, int y0, int size, bool up) {
    for (int i = 0; i < size; ++i) {
        if (up) {
            const int half = i / 2;
            canvas.draw_line(kMark, x0 + size / 2 - half, y0 + i, x0 + size / 2 + half, y0 + i);
        } else {
            const int half = i < size / 2 ? i : size - 1 - i;
            canvas.draw_line(kMark, x0, y0 + i, x0 + half, y0 + i);
        }
    }
}

std::string draw(FileIcon icon) {
    media::start();
    auto canvas = VImage::black(kSize, kSize, VImage::option()->set("bands", 4))
                      .cast(VIPS_FORMAT_UCHAR)
                      .copy_memory();
    canvas.draw_rect(kPage, 48, 24, 160, 208, VImage::option()->set("fill", true));
    // The folded corner: the page's top-right triangle cut away and shaded.
    for (int i = 0; i < 40; ++i) {
        canvas.draw_line({0, 0, 0, 0}, 168 + i, 24 + i, 207, 24 + i);
        canvas.draw_line(kFold, 168, 24 + i, 168 + i, 24 + i);
    }
    switch (icon) {
        case FileIcon::kVideo:
            triangle(canvas, 108, 98, 60, false);
            break;
        case FileIcon::kLargeImage:
            canvas.draw_circle(kMark, 150, 100, 14, VImage::option()->set("fill", true));
            triangle(canvas, 68, 120, 80, true);
            break;
        case FileIcon::kFile:
            for (int row = 0; row < 5; ++row) {
                canvas.draw_rect(kMark, 72, 96 + row * 22, row == 4 ? 64 : 112, 8,
                                 VImage::option()->set("fill", true));
            }
            break;
    }
    return media::encode(canvas, *media::output_format("png"), -1);
}

}  // namespace

const std::string& file_icon(FileIcon icon) {
    static const std::array<std::string, 3> kIcons{draw(FileIcon::kFile), draw(FileIcon::kVideo),
                                                   draw(FileIcon::kLargeImage)};
    return kIcons[static_cast<std::size_t>(icon)];
}

}  // namespace basalt::storage
