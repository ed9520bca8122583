// Unsalted hex digests imported as `md5` and `sha`, through OpenSSL's EVP; the table of SHA
// versions (Appwrite's names) also backs sha_versions() in password_import.hpp.
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>

#include "auth/credentials/encoding.hpp"
#include "auth/credentials/password_algorithms.hpp"
#include "auth/credentials/password_import.hpp"
#include "core/error.hpp"

namespace basalt::auth {
namespace {

struct ShaVersion {
    std::string_view name;  // Appwrite's `passwordVersion` value
    const EVP_MD* (*digest)();
};

// In the order of Appwrite's createSHAUser whitelist.
constexpr ShaVersion kShaVersions[] = {
    {"sha1", EVP_sha1},         {"sha224", EVP_sha224},         {"sha256", EVP_sha256},
    {"sha384", EVP_sha384},     {"sha512/224", EVP_sha512_224}, {"sha512/256", EVP_sha512_256},
    {"sha512", EVP_sha512},     {"sha3-224", EVP_sha3_224},     {"sha3-256", EVP_sha3_256},
    {"sha3-384", EVP_sha3_384}, {"sha3-512", EVP_sha3_512},
};

constexpr auto kShaVersionNames = [] {
    std::array<std::string_view, std::size(kShaVersions)> names{};
    for (std::size_t i = 0; i < names.size(); ++i) names[i] = kShaVersions[i].name;
    return names;
}();

bool verify_digest(std::string_view password, std::string_view hex_hash, const EVP_MD* md) {
    const auto expected = detail::hex_decode(hex_hash);
    if (!expected) return false;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(password.data(), password.size(), digest, &size, md, nullptr) != 1) {
        throw Error(ErrorType::kGeneralServerError, "digest failed");
    }
    return expected->size() == size && CRYPTO_memcmp(expected->data(), digest, size) == 0;
}

}  // namespace

std::span<const std::string_view> sha_versions() { return kShaVersionNames; }

bool is_sha_version(std::string_view version) {
    for (const auto name : kShaVersionNames) {
        if (name == version) return true;
    }
    return false;
}

namespace detail {

bool verify_md5(std::string_view password, std::string_view hex_hash) {
    return verify_digest(password, hex_hash, EVP_md5());
}

bool verify_sha(std::string_view password, std::string_view hex_hash, std::string_view version) {
    for (const auto& entry : kShaVersions) {
        if (entry.name == version) return verify_digest(password, hex_hash, entry.digest());
    }
    return false;
}

}  // namespace detail
}  // namespace basalt::auth
