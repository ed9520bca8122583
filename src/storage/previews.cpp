// Previews: which bytes are rendered (the file, or an icon), in which format, and the cache.
#include "storage/previews.hpp"

#include <fmt/format.h>

#include <array>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/json_fields.hpp"

namespace basalt::storage {
namespace {

using namespace std::string_view_literals;

// Appwrite's storage-inputs: the MIME types previewed as themselves.
constexpr std::array kInputMimes{"image/jpeg"sv, "image/png"sv, "image/heic"sv, "image/webp"sv,
                                 "image/gif"sv};
// Appwrite's storage-logos that are in force: videos get their own icon, the rest one for all.
constexpr std::array kVideoMimes{
    "video/mp4"sv,     "video/x-flv"sv, "video/webm"sv,      "application/x-mpegURL"sv,
    "video/MP2T"sv,    "video/3gpp"sv,  "video/quicktime"sv, "video/x-msvideo"sv,
    "video/x-ms-wmv"sv};
// The background an icon gets when none is asked (Appwrite's).
constexpr std::string_view kIconBackground = "eceff1";

template <typename List>
bool contains(const List& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

std::string extension_of(std::string_view name) {
    const auto dot = name.find_last_of('.');
    if (dot == std::string_view::npos || name.find('/', dot) != std::string_view::npos) return {};
    std::string ext(name.substr(dot + 1));
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

// Appwrite's default output: the type of the stored file's extension when it is an output
// format, jpg for another extension, and by MIME type (else jpg) without one.
media::Format default_format(std::string_view extension, std::string_view mime) {
    if (!extension.empty())
        return media::output_format(extension).value_or(*media::output_format("jpg"));
    return media::output_format_for_mime(mime).value_or(*media::output_format("jpg"));
}

}  // namespace

std::optional<Preview> Previews::preview(std::string_view project, std::string_view bucket_id,
                                         const Actor& actor, std::string_view file_id,
                                         PreviewParams params, bool render, const FileGrant* grant) {
    const auto bucket = storage_.require_bucket(project, bucket_id, actor);
    const auto* transformations = bucket->record.data.if_contains("transformations");
    if (transformations && transformations->is_bool() && !transformations->as_bool() &&
        !actor.privileged()) {
        throw Error(ErrorType::kStorageBucketTransformationsDisabled,
                    "Image transformations are disabled for the requested bucket.");
    }
    const auto file = storage_.get_file(project, *bucket, actor, file_id, grant);
    if (int_of(file.data, "chunksUploaded") < int_of(file.data, "chunksTotal")) {
        throw Error(ErrorType::kStorageFileNotFound, "The requested file could not be found.");
    }
    const auto mime = text_of(file.data, "mimeType");
    const bool image =
        contains(kInputMimes, mime) && int_of(file.data, "sizeActual") <= kTransformLimit;
    std::optional<FileIcon> icon;
    if (!image) {
        icon = !contains(kInputMimes, mime)
                   ? (contains(kVideoMimes, mime) ? FileIcon::kVideo : FileIcon::kFile)
                   : FileIcon::kLargeImage;
        if (params.background.empty()) params.background = kIconBackground;
    }
    const auto asked = media::output_format(params.output);
    if (!params.output.empty() && !asked) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    fmt::format("Unknown output format \"{}\".", params.output));
    }
    const auto format =
        asked ? *asked
              : (icon ? *media::output_format("png")
                      : default_format(extension_of(text_of(file.data, "name")), mime));
    if (!media::can_write(format)) {
        throw Error(ErrorType::kGeneralServerError,
                    fmt::format("This server cannot write {} images.", format.name));
    }
    params.output = format.name;

    const auto folder = text_of(file.data, "path");
    const auto name =
        crypto::sha256_hex(fmt::format("{}|{}|{}", text_of(file.data, "signature"),
                                       icon ? static_cast<int>(*icon) : -1, params.canonical()));
    if (auto hit = cache_.get(folder, name))
        return Preview{.bytes = std::move(*hit), .mime = format.mime, .cached = true};
    if (!render) return std::nullopt;

    const auto source = icon ? file_icon(*icon) : storage_.read(project, file);
    auto bytes = render_preview(source, params, format);
    cache_.put(folder, name, bytes);
    return Preview{.bytes = std::move(bytes), .mime = format.mime, .cached = false};
}

}  // namespace basalt::storage
