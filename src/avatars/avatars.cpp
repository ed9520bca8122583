#include "avatars/avatars.hpp"

#include <libxml/parser.h>

#include <cctype>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "avatars/initials.hpp"
#include "avatars/qr.hpp"
#include "avatars/remote.hpp"
#include "core/error.hpp"
#include "outbound/http_client.hpp"

namespace basalt::avatars {
namespace {

// Appwrite's favicon box and the quality of remote images and favicons.
constexpr Size kFaviconSize{56, 56};
constexpr int kRemoteQuality = 80;

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Appwrite passes an .ico through unless it is empty or an HTML page (a soft 404).
bool looks_like_html(std::string_view body) {
    const auto head = lower(body.substr(0, 5));
    return head == "<html" || head == "<!doc";
}

// A simple-icons glyph has no colour of its own: give its root element the brand's fill.
std::string with_fill(std::string svg, std::string_view fill) {
    const auto at = svg.find("<svg");
    if (fill.empty() || at == std::string::npos) return svg;
    svg.insert(at + 4, " fill=\"" + std::string(fill) + "\"");
    return svg;
}

}  // namespace

Avatars::Avatars(AvatarsOptions options) : options_(std::move(options)) {
    // libxml2 must be initialised once before threads parse with it.
    xmlInitParser();
}

const std::string& Avatars::icon_file(const Icon& icon) const {
    std::lock_guard lock(mutex_);
    if (const auto it = files_.find(icon.file); it != files_.end()) return it->second;
    const auto path = options_.icons_dir / icon.file;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorType::kGeneralServerError,
                    "Avatar icon not readable: " + path.string() +
                        " (install the icons with scripts/deps.sh)");
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return files_.emplace(std::string(icon.file), with_fill(bytes.str(), icon.fill)).first->second;
}

Picture Avatars::icon(IconSet set, std::string_view code, Size size, int quality) const {
    const Icon* found = find_icon(set, lower(code));
    if (!found) throw Error(ErrorType::kAvatarNotFound);
    if (found->file.empty()) {
        // No package draws this brand: its initials on its theme colour, at the asked size
        // (square when one side is 0, 100 x 100 when both are).
        const Size box = raster::crop_size(size, {100, 100});
        const auto text = initials_of(found->name);
        return {raster::punched_text_png(text, box.width, box.height, theme_colour(text)),
                "image/png"};
    }
    try {
        return {raster::cover_png(icon_file(*found), size, quality), "image/png"};
    } catch (const std::runtime_error& e) {
        throw Error(ErrorType::kGeneralServerError,
                    std::string("Avatar icon not readable: ") + e.what());
    }
}

Picture Avatars::initials(std::string_view name, Size size, std::optional<Rgb> background) const {
    // A 0 side is the other one (square), both 0 Appwrite's default 500 x 500 (Imagick would fail).
    const Size box = raster::crop_size(size, {500, 500});
    const auto text = initials_of(name);
    return {raster::punched_text_png(text, box.width, box.height,
                                     background.value_or(theme_colour(text))),
            "image/png"};
}

Picture Avatars::qr(std::string_view text, int size, int margin) const {
    return {qr_png(text, size, margin), "image/png"};
}

std::string Avatars::fetch_body(std::string_view url, int max_redirects, long* status) const {
    check_remote_url(url, options_.allow_private_hosts);
    outbound::HttpRequest request{.url = std::string(url),
                                  .timeout_ms = options_.fetch_timeout_ms,
                                  .max_response_bytes = options_.fetch_limit,
                                  .public_hosts_only = !options_.allow_private_hosts,
                                  .max_redirects = max_redirects};
    try {
        auto response = outbound::fetch(request);
        *status = response.status;
        return std::move(response.body);
    } catch (const Error&) {
        throw Error(ErrorType::kAvatarRemoteUrlFailed);
    }
}

Picture Avatars::image(std::string_view url, Size size) const {
    long status = 0;
    // As Appwrite: redirects are not followed (a 3xx is not the image).
    const auto body = fetch_body(url, 0, &status);
    if (status != 200) throw Error(ErrorType::kAvatarImageNotFound);
    try {
        return {raster::cover_png(body, size, kRemoteQuality), "image/png"};
    } catch (const std::runtime_error&) {
        throw Error(ErrorType::kGeneralServerError, "Unable to parse image");
    }
}

Picture Avatars::favicon(std::string_view url) const {
    long status = 0;
    // Any status: an error page may still name the site's icon.
    const auto page = fetch_body(url, 5, &status);
    auto link = best_icon_link(page, url);
    if (!link) {
        // The site's root /favicon.ico (Appwrite drops the port here; Basalt keeps it).
        link = IconLink{resolve_url(url, "/favicon.ico"), "ico"};
    }
    const auto data = fetch_body(link->url, 5, &status);
    if (status != 200) throw Error(ErrorType::kAvatarIconNotFound);
    if (link->extension == "ico") {
        if (data.empty() || looks_like_html(data))
            throw Error(ErrorType::kAvatarIconNotFound, "Favicon not found");
        return {data, "image/x-icon"};
    }
    try {
        return {raster::cover_png(data, kFaviconSize, kRemoteQuality), "image/png"};
    } catch (const std::runtime_error&) {
        throw Error(ErrorType::kGeneralServerError, "Unable to parse image");
    }
}

}  // namespace basalt::avatars
