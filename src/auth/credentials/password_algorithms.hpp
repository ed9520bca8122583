// One verifier per stored hash format (private to credentials; password_hash.hpp dispatches).
// Each returns false for a wrong password and for a malformed hash or options; none throws
// except on a failure of the crypto library itself.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/credentials/password_hash.hpp"

namespace basalt::auth::detail {

// Variant and cost read from an encoded `$argon2<v>$v=19$m=...,t=...,p=...$salt$hash` string.
struct Argon2Params {
    std::string_view variant;  // "argon2i", "argon2d" or "argon2id"
    Argon2Cost cost;
};
std::optional<Argon2Params> parse_argon2(std::string_view encoded);

// Encoded argon2id hash of `password` with a fresh random salt, as PHP's password_hash makes it
// (16-byte salt, 32-byte hash). Throws Error(kGeneralServerError) if libargon2 fails.
std::string encode_argon2id(std::string_view password, const Argon2Cost& cost);

bool verify_argon2(std::string_view password, std::string_view encoded);

// bcrypt `$2a$`, `$2b$`, `$2y$` through libxcrypt.
bool verify_bcrypt(std::string_view password, std::string_view hash);

// What PHP's password_verify accepts, which is what Appwrite runs for `argon2` and `bcrypt`
// users alike: the format is read from the hash's prefix, not from the algorithm name.
bool verify_php_password_hash(std::string_view password, std::string_view hash);

// Portable phpass `$P$` / `$H$`; any other hash falls back to bcrypt, as Appwrite's PHPass does.
bool verify_phpass(std::string_view password, std::string_view hash);

// Hex digests. `version` is one of sha_versions() (password_import.hpp).
bool verify_md5(std::string_view password, std::string_view hex_hash);
bool verify_sha(std::string_view password, std::string_view hex_hash, std::string_view version);

// Bounds on `scrypt` options, shared by the verifier and the import endpoint.
inline constexpr std::int64_t kScryptMinLength = 16;    // php-scrypt refuses shorter keys
inline constexpr std::int64_t kScryptMaxLength = 4096;  // bounds the allocation; Appwrite has none
// N a power of 2 above 1, r and p at least 1, and working memory (128·r·(N + p) bytes) within
// kMaxHashMemoryBytes.
bool scrypt_cost_fits(std::int64_t n, std::int64_t r, std::int64_t p);

// Appwrite's `scrypt` (hex of scrypt(password, salt, N=costCpu, r=costMemory, p=costParallel,
// length)) and `scryptMod` (Firebase's variant; see scrypt_hash.cpp).
bool verify_scrypt(std::string_view password, std::string_view hex_hash,
                   const boost::json::object& options);
bool verify_scrypt_modified(std::string_view password, std::string_view base64_hash,
                            const boost::json::object& options);

}  // namespace basalt::auth::detail
