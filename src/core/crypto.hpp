// Small wrappers over OpenSSL used across modules.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace basalt::crypto {

// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

// `bytes` cryptographically random bytes, hex-encoded (2 * bytes chars). Throws
// Error(kGeneralServerError) if the system's random source fails.
std::string random_hex(std::size_t bytes);

// Standard base64 (RFC 4648, with padding).
std::string base64_encode(std::string_view data);
// nullopt when `text` is not valid padded base64.
std::optional<std::string> base64_decode(std::string_view text);

// Compares secrets in time independent of where they differ.
bool equal_constant_time(std::string_view a, std::string_view b) noexcept;

}  // namespace basalt::crypto
