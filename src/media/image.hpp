// Images with libvips, for every product that renders them (storage previews, avatars): the
// one-time libvips start-up, the output formats Appwrite names, and encoding to those formats.
//
// Thread-safety: libvips is thread-safe once started; every function here may be called from
// any thread. start() is idempotent (std::call_once).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vips/vips8>

namespace basalt::media {

// One output format as Appwrite's `output` parameters name it.
struct Format {
    std::string_view name;    // "jpg", "jpeg", "png", "webp", "heic", "avif", "gif"
    std::string_view mime;    // the Content-Type it is served with
    std::string_view suffix;  // the libvips saver suffix (".jpg", ".avif", ...)
    bool alpha;               // whether the format keeps transparency
    bool frames;              // whether it keeps the frames of an animation (GIF, WebP)
};

// Starts libvips once per process (limits its operation cache, which a server does not want
// to grow). Throws Error(kGeneralServerError) when libvips cannot start.
void start();

// The formats of Appwrite's storage-outputs table, in its order.
std::span<const Format> output_formats();
// The one called `name`; nullopt for another name.
std::optional<Format> output_format(std::string_view name);
// The first output format served with `mime` ("image/jpeg" -> jpg); nullopt when none.
std::optional<Format> output_format_for_mime(std::string_view mime);
// Whether this libvips build can write `format` (vips_foreign_find_save, asked once per format).
bool can_write(const Format& format);

// Encodes `image` (sRGB or grey, 8-bit, with or without alpha) as `format` with a quality
// 0..100 (-1: the format's default). Formats without alpha get the image laid over white.
// Throws vips::VError from libvips.
std::string encode(vips::VImage image, const Format& format, int quality);

}  // namespace basalt::media
