#include "avatars/qr.hpp"

#include <qrencode.h>

#include <memory>
#include <vector>

#include "avatars/raster.hpp"
#include "core/error.hpp"

namespace basalt::avatars {

std::string qr_png(std::string_view text, int size, int margin) {
    const std::string data(text);
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(static_cast<int>(data.size()),
                          reinterpret_cast<const unsigned char*>(data.data()), 0, QR_ECLEVEL_L),
        &QRcode_free);
    if (!code)
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    "Invalid `text` param: the text cannot be encoded as a QR code.");
    const int n = code->width;
    std::vector<bool> dark(static_cast<std::size_t>(n) * n);
    // libqrencode's module byte: bit 0 is dark.
    for (std::size_t i = 0; i < dark.size(); ++i) dark[i] = (code->data[i] & 1) != 0;
    return raster::modules_png(dark, n, margin, size);
}

}  // namespace basalt::avatars
