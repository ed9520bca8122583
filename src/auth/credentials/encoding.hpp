// Byte encodings used by stored password hashes: hex and standard base64 (private to credentials).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace basalt::auth::detail {

// Lower-case hex of `bytes`.
std::string hex_encode(std::string_view bytes);

// Bytes of a hex string (either case); nullopt when empty, of odd length or not hex.
std::optional<std::string> hex_decode(std::string_view hex);

// Standard base64 (RFC 4648 alphabet, `=` padding).
std::string base64_encode(std::string_view bytes);

// Bytes of standard base64 text with or without its `=` padding (PHP's base64_decode takes
// both); nullopt on any other character or an impossible length.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace basalt::auth::detail
