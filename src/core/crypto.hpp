// Small wrappers over OpenSSL used across modules.
#pragma once

#include <string>
#include <string_view>

namespace basalt::crypto {

// Lower-case hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

// `bytes` cryptographically random bytes, hex-encoded (2 * bytes chars). Throws
// Error(kGeneralServerError) if the system's random source fails.
std::string random_hex(std::size_t bytes);

// Compares secrets in time independent of where they differ.
bool equal_constant_time(std::string_view a, std::string_view b) noexcept;

}  // namespace basalt::crypto
