// QR codes (libqrencode) drawn as PNG.
#pragma once

#include <string>
#include <string_view>

namespace basalt::avatars {

// A size x size PNG of the QR code of `text` (8-bit mode, error correction level L, the
// smallest version that fits, as Appwrite's QR library defaults to), with `margin` light
// modules of quiet zone. Throws Error(kGeneralArgumentInvalid) when the text cannot be encoded.
std::string qr_png(std::string_view text, int size, int margin);

}  // namespace basalt::avatars
