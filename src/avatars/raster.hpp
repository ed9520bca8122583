// The pictures of the Avatars service drawn with libvips: decoding and cropping any image
// libvips reads (SVG included, through librsvg), text on a colour, and a QR module matrix.
// Every function returns PNG bytes. Thread-safe (libvips is started once, by media::start).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace basalt::avatars::raster {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
};

// Appwrite's crop sizes (utopia-php/image Image::crop): a 0 width or height follows the
// image's aspect ratio; both 0 keep the image's own size.
struct Size {
    int width = 0;
    int height = 0;
};
Size crop_size(Size asked, Size original) noexcept;

// Decodes `data` and returns a PNG of exactly crop_size(asked, original): scaled to cover the
// box and cropped at the centre (vector images are rendered at that scale, not scaled up).
// `quality` 0..100 maps to PNG compression as Appwrite does; -1 = libvips' default.
// Throws std::runtime_error when `data` is not an image libvips can decode or declares more
// than 100 megapixels.
std::string cover_png(std::string_view data, Size asked, int quality = -1);

// A width x height PNG of `background` in which `text` (centred, DejaVu Sans, font size
// min(width, height) / 2) is punched out as transparent, as Appwrite draws initials.
std::string punched_text_png(std::string_view text, int width, int height, Rgb background);

// A size x size PNG of a square module matrix (`dark[i]` for row-major module i of an n x n
// code) with `margin` light modules around it, scaled with nearest-neighbour so modules stay sharp.
std::string modules_png(const std::vector<bool>& dark, int n, int margin, int size);

}  // namespace basalt::avatars::raster
