// File previews (GET .../files/{fileId}/preview) with Appwrite's rules: images (JPEG, PNG,
// WebP, GIF, HEIC up to 20 MB) rendered with libvips, an icon for anything else, and a cache
// of what was rendered.
//
// Thread-safety: may be used from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "storage/preview.hpp"
#include "storage/preview_cache.hpp"
#include "storage/storage.hpp"

namespace basalt::storage {

struct Preview {
    std::string bytes;
    std::string_view mime;  // "image/png", ... (static storage)
    bool cached = false;    // served from the cache
};

class Previews {
public:
    Previews(Storage& storage, PreviewCache& cache) : storage_(storage), cache_(cache) {}

    // The preview of a file for `actor`. Throws kStorageBucketNotFound,
    // kStorageBucketTransformationsDisabled (non-keys, bucket without transformations),
    // kUserUnauthorized, kStorageFileNotFound (absent, unfinished, or missing on the device),
    // kGeneralArgumentInvalid (an unknown output), kGeneralServerError (an output format this
    // libvips cannot write), and what render_preview throws. A failed render leaves nothing in
    // the cache. With `render` false, only a cached preview is answered (nullopt otherwise: the
    // caller cannot wait for libvips).
    std::optional<Preview> preview(std::string_view project, std::string_view bucket_id,
                                   const Actor& actor, std::string_view file_id,
                                   PreviewParams params, bool render = true,
                                   const FileGrant* grant = nullptr);

    // Drops the cached previews under a device folder (a file's key or a bucket's prefix).
    void forget(std::string_view folder) { cache_.forget(folder); }

private:
    // Constant after construction.
    Storage& storage_;
    PreviewCache& cache_;
};

}  // namespace basalt::storage
