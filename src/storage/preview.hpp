// Rendering a file preview with libvips, as Appwrite's utopia-php/image does with Imagick:
// crop to the asked size (keeping the aspect when one side is 0), opacity, background, border,
// rounded corners, rotation, then the output format.
//
// Thread-safety: every function may be called from any thread (libvips is thread-safe).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "media/image.hpp"

namespace basalt::storage {

// Images above this many pixels are refused before decoding (decompression bombs).
inline constexpr std::int64_t kPreviewMaxPixels = 100'000'000;
// An animation (GIF, WebP) is previewed with all its frames when the output keeps frames (gif,
// webp) and its frames together have at most this many pixels (all are decoded at once: 4 bytes
// each); otherwise, and for other outputs, from its first frame.
inline constexpr std::int64_t kAnimationMaxPixels = 25'000'000;

// The preview parameters, validated (api/storage_preview.cpp) and normalised.
struct PreviewParams {
    int width = 0;                   // 0..4000; 0: from height and the aspect (or the original)
    int height = 0;                  // 0..4000
    std::string gravity = "center";  // one of preview_gravities()
    int quality = -1;                // -1..100
    int border_width = 0;            // 0..100
    std::string border_color;        // 6 or 3 hex digits, or "" (black)
    int border_radius = 0;           // 0..4000
    double opacity = 1;              // 0..1
    int rotation = 0;                // -360..360, clockwise
    std::string background;          // hex or "" (none)
    std::string output;              // an output format name, "" = as the original

    // A stable text of every parameter that changes the bytes (a cache key part).
    std::string canonical() const;
};

// Appwrite's gravity names (Image::getGravityTypes), in its order.
std::span<const std::string_view> preview_gravities();

// Whether `text` is a colour Appwrite's HexColor validator accepts (3 or 6 hex digits, no '#').
bool is_hex_color(std::string_view text);

// Renders the image `source` (JPEG, PNG, WebP, GIF, HEIC bytes) as `format`.
// Throws Error(kStorageImageResolutionExceeded) above kPreviewMaxPixels and
// Error(kStorageFileTypeUnsupported) when the bytes do not decode as an image.
std::string render_preview(std::string_view source, const PreviewParams& params,
                           const media::Format& format);

// What stands for a file that is not previewed as itself (Appwrite's storage-logos).
enum class FileIcon { kFile, kVideo, kLargeImage };
// The icon, a PNG with transparency drawn once with libvips (Appwrite ships icon files; these
// are drawn so that no artwork is copied).
const std::string& file_icon(FileIcon icon);

}  // namespace basalt::storage
