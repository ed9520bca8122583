// Authenticated encryption and key derivation over OpenSSL, shared by the modules that keep
// data encrypted at rest (storage files, encrypted document attributes).
//
// Thread-safety: free functions, safe from any thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace basalt::crypto {

inline constexpr std::size_t kAesKeySize = 32;  // AES-256
inline constexpr std::size_t kGcmIvSize = 12;   // 96-bit IV, GCM's natural size
inline constexpr std::size_t kGcmTagSize = 16;

// AES-256-GCM output: the ciphertext (as long as the plaintext), its IV and tag (raw bytes).
struct Sealed {
    std::string data;
    std::string iv;
    std::string tag;
};

// Encrypts `plain` under a 32-byte key with a fresh random IV. Throws Error(kGeneralServerError)
// for a key of another size or when OpenSSL fails.
Sealed aes_gcm_seal(std::string_view key, std::string_view plain);
// The plaintext; nullopt when the tag does not authenticate (wrong key, altered bytes) or the
// key, IV or tag has the wrong size.
std::optional<std::string> aes_gcm_open(std::string_view key, std::string_view sealed, std::string_view iv,
                                        std::string_view tag);

// HKDF-SHA256 (RFC 5869): `length` bytes of key material from `key`, `salt` and `info`.
// Throws Error(kGeneralServerError) when OpenSSL fails.
std::string hkdf_sha256(std::string_view key, std::string_view salt, std::string_view info,
                        std::size_t length = kAesKeySize);

}  // namespace basalt::crypto
