// bcrypt through libxcrypt's crypt_rn, and PHP's password_verify dispatch on the hash prefix.
#include <crypt.h>

#include <memory>

#include "auth/credentials/password_algorithms.hpp"
#include "core/crypto.hpp"

namespace basalt::auth::detail {
namespace {

// PHP's crypt() also knows DES, MD5-crypt and SHA-crypt; Appwrite's import endpoints document
// bcrypt only, so only bcrypt's prefixes reach libxcrypt.
constexpr std::string_view kBcryptPrefixes[] = {"$2a$", "$2b$", "$2y$"};

bool starts_with_any(std::string_view text, const auto& prefixes) {
    for (const std::string_view prefix : prefixes) {
        if (text.starts_with(prefix)) return true;
    }
    return false;
}

}  // namespace

bool verify_bcrypt(std::string_view password, std::string_view hash) {
    if (!starts_with_any(hash, kBcryptPrefixes)) return false;
    // crypt reads C strings: a NUL would silently cut the password short.
    if (password.find('\0') != std::string_view::npos) return false;
    if (hash.find('\0') != std::string_view::npos) return false;
    const std::string phrase(password);
    const std::string setting(hash);
    // 32 KiB of scratch space per call; value-initialised as libxcrypt asks.
    auto data = std::make_unique<crypt_data>();
    const char* result = crypt_rn(phrase.c_str(), setting.c_str(), data.get(), sizeof(crypt_data));
    if (result == nullptr || result[0] == '*') return false;
    return crypto::equal_constant_time(result, hash);
}

bool verify_php_password_hash(std::string_view password, std::string_view hash) {
    if (hash.starts_with("$argon2")) return verify_argon2(password, hash);
    return verify_bcrypt(password, hash);
}

}  // namespace basalt::auth::detail
