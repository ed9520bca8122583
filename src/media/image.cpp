// libvips start-up and Appwrite's output formats.
#include "media/image.hpp"

#include <array>
#include <cmath>
#include <mutex>

#include "core/error.hpp"

namespace basalt::media {
namespace {

using namespace std::string_view_literals;

// Appwrite's app/config/storage/outputs.php, as data.
constexpr std::array<Format, 7> kFormats{{
    {"jpg"sv, "image/jpeg"sv, ".jpg"sv, false, false},
    {"jpeg"sv, "image/jpeg"sv, ".jpg"sv, false, false},
    {"png"sv, "image/png"sv, ".png"sv, true, false},
    {"webp"sv, "image/webp"sv, ".webp"sv, true, true},
    {"heic"sv, "image/heic"sv, ".heic"sv, true, false},
    {"avif"sv, "image/avif"sv, ".avif"sv, true, false},
    {"gif"sv, "image/gif"sv, ".gif"sv, true, true},
}};

// The quality JPEG, WebP and HEIF get when the caller leaves it at -1 (Imagick keeps the
// source's estimate; libvips cannot estimate it, so a high fixed value).
constexpr int kDefaultQuality = 90;

}  // namespace

void start() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (VIPS_INIT("basalt") != 0) {
            throw Error(ErrorType::kGeneralServerError,
                        std::string("libvips failed to start: ") + vips_error_buffer());
        }
        // Each request works on new bytes: caching operations only holds memory.
        vips_cache_set_max(0);
        vips_cache_set_max_mem(0);
    });
}

std::span<const Format> output_formats() { return kFormats; }

std::optional<Format> output_format(std::string_view name) {
    for (const auto& f : kFormats) {
        if (f.name == name) return f;
    }
    return std::nullopt;
}

std::optional<Format> output_format_for_mime(std::string_view mime) {
    for (const auto& f : kFormats) {
        if (f.mime == mime) return f;
    }
    return std::nullopt;
}

bool can_write(const Format& format) {
    // vips_foreign_find_save walks every saver class: asked once per format, then remembered.
    static const auto writable = [] {
        start();
        std::array<bool, kFormats.size()> out{};
        for (std::size_t i = 0; i < kFormats.size(); ++i) {
            out[i] = vips_foreign_find_save(std::string(kFormats[i].suffix).c_str()) != nullptr;
        }
        return out;
    }();
    for (std::size_t i = 0; i < kFormats.size(); ++i) {
        if (kFormats[i].name == format.name) return writable[i];
    }
    return false;
}

std::string encode(vips::VImage image, const Format& format, int quality) {
    if (!format.alpha && image.has_alpha()) {
        image = image.flatten(
            vips::VImage::option()->set("background", std::vector<double>{255, 255, 255}));
    }
    const int q = quality >= 0 ? quality : kDefaultQuality;
    auto* options = vips::VImage::option()->set("strip", true);
    if (format.suffix == ".jpg" || format.suffix == ".webp") {
        options->set("Q", q);
    } else if (format.suffix == ".png") {
        // Appwrite maps quality 0..100 onto zlib levels 9..0.
        const int level = quality >= 0 ? 9 - static_cast<int>(std::lround(quality / 100.0 * 9)) : 6;
        options->set("compression", level);
    } else if (format.suffix == ".avif" || format.suffix == ".heic") {
        options->set("Q", q);
        options->set("compression", format.suffix == ".avif" ? VIPS_FOREIGN_HEIF_COMPRESSION_AV1
                                                             : VIPS_FOREIGN_HEIF_COMPRESSION_HEVC);
    }
    void* buffer = nullptr;
    std::size_t size = 0;
    image.write_to_buffer(std::string(format.suffix).c_str(), &buffer, &size, options);
    std::string out(static_cast<const char*>(buffer), size);
    g_free(buffer);
    return out;
}

}  // namespace basalt::media
