#include "core/cipher.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include <memory>

#include "core/error.hpp"

namespace basalt::crypto {
namespace {

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

[[noreturn]] void fail(const char* message) { throw Error(ErrorType::kGeneralServerError, message); }

unsigned char* bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }
const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

Sealed aes_gcm_seal(std::string_view key, std::string_view plain) {
    if (key.size() != kAesKeySize) fail("AES-256-GCM needs a 32-byte key");
    Sealed out{.data = std::string(plain.size(), '\0'),
               .iv = std::string(kGcmIvSize, '\0'),
               .tag = std::string(kGcmTagSize, '\0')};
    if (RAND_bytes(bytes(out.iv), kGcmIvSize) != 1) fail("random source failed");
    CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int n = 0;
    int tail = 0;
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(out.iv)) != 1 ||
        EVP_EncryptUpdate(ctx.get(), bytes(out.data), &n, bytes(plain), static_cast<int>(plain.size())) != 1 ||
        EVP_EncryptFinal_ex(ctx.get(), bytes(out.data) + n, &tail) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagSize, bytes(out.tag)) != 1) {
        fail("AES-256-GCM encryption failed");
    }
    out.data.resize(static_cast<std::size_t>(n + tail));
    return out;
}

std::optional<std::string> aes_gcm_open(std::string_view key, std::string_view sealed, std::string_view iv,
                                        std::string_view tag) {
    if (key.size() != kAesKeySize || iv.size() != kGcmIvSize || tag.size() != kGcmTagSize) return std::nullopt;
    std::string out(sealed.size(), '\0');
    std::string tag_copy(tag);
    CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    int n = 0;
    int tail = 0;
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(iv)) != 1 ||
        EVP_DecryptUpdate(ctx.get(), bytes(out), &n, bytes(sealed), static_cast<int>(sealed.size())) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagSize, bytes(tag_copy)) != 1 ||
        EVP_DecryptFinal_ex(ctx.get(), bytes(out) + n, &tail) != 1) {
        return std::nullopt;
    }
    out.resize(static_cast<std::size_t>(n + tail));
    return out;
}

std::string hkdf_sha256(std::string_view key, std::string_view salt, std::string_view info, std::size_t length) {
    using Kdf = std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)>;
    using KdfCtx = std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)>;
    const Kdf kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr), EVP_KDF_free);
    if (!kdf) fail("HKDF unavailable");
    const KdfCtx ctx(EVP_KDF_CTX_new(kdf.get()), EVP_KDF_CTX_free);
    std::string digest = "SHA256";
    std::string k(key), s(salt), i(info);
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest.data(), 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, k.data(), k.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, s.data(), s.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, i.data(), i.size()),
        OSSL_PARAM_construct_end(),
    };
    std::string out(length, '\0');
    if (!ctx || EVP_KDF_derive(ctx.get(), bytes(out), out.size(), params) != 1) fail("HKDF failed");
    return out;
}

}  // namespace basalt::crypto
