// The Avatars service: icons (browsers, credit cards, flags), initials, QR codes, remote images
// and favicons, each returned as a picture. Business code only (no HTTP server types).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "avatars/icon_sets.hpp"
#include "avatars/raster.hpp"

namespace basalt::avatars {

struct AvatarsOptions {
    // Where assets/avatars/package.json installed its packages (its node_modules).
    std::filesystem::path icons_dir;
    // Let getImage/getFavicon reach loopback and private addresses (tests, private networks).
    bool allow_private_hosts = false;
    std::int64_t fetch_timeout_ms = 10'000;      // whole transfer of one remote file
    std::size_t fetch_limit = 10 * 1024 * 1024;  // largest remote file, in bytes
};

struct Picture {
    std::string bytes;
    std::string content_type;  // "image/png", or "image/x-icon" for a favicon passed through
};

using raster::Rgb;
using raster::Size;

// Thread-safe: every method may run on several worker threads at once.
class Avatars {
public:
    explicit Avatars(AvatarsOptions options);

    // The icon of `code` (any case) in `set`, cropped to `size` as Appwrite does, PNG.
    // Throws Error(kAvatarNotFound) for an unknown code and Error(kGeneralServerError) when the
    // icon packages are not installed.
    Picture icon(IconSet set, std::string_view code, Size size, int quality) const;

    // `name`'s initials punched out of a colour (`background`, else the name's theme colour).
    Picture initials(std::string_view name, Size size, std::optional<Rgb> background) const;

    // The QR code of `text`: size x size, `margin` modules of quiet zone.
    Picture qr(std::string_view text, int size, int margin) const;

    // The image at `url` cropped to `size`, PNG. Errors as Appwrite: kAvatarRemoteUrlFailed
    // (refused URL, unreachable, too slow, too large), kAvatarImageNotFound (status not 200),
    // kGeneralServerError (not an image).
    Picture image(std::string_view url, Size size) const;

    // The favicon of the page at `url` (its best <link rel=icon>, else /favicon.ico): PNG and
    // JPEG icons as a 56x56 PNG, ICO as is, SVG rendered to a 56x56 PNG. Errors as image(),
    // with kAvatarIconNotFound for an icon that is missing or not an icon.
    Picture favicon(std::string_view url) const;

private:
    std::string fetch_body(std::string_view url, int max_redirects, long* status) const;
    const std::string& icon_file(const Icon& icon) const;

    const AvatarsOptions options_;
    // Icon files read once (they are small: at most a few hundred SVGs), guarded by mutex_.
    mutable std::mutex mutex_;
    mutable std::map<std::string, std::string, std::less<>> files_;
};

}  // namespace basalt::avatars
