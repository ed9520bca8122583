#include "auth/oauth2/pkce.hpp"

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>
#include <memory>

#include "auth/oauth2/encoding.hpp"
#include "core/error.hpp"

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;

constexpr std::size_t kIvBytes = 12;
constexpr std::size_t kTagBytes = 16;

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

std::array<unsigned char, SHA256_DIGEST_LENGTH> derive_key(std::string_view secret) {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> key{};
    SHA256(reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), key.data());
    return key;
}

std::string random_bytes(std::size_t count) {
    std::string bytes(count, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(count)) != 1) {
        throw Error(ErrorType::kGeneralServerError, "The system's random source failed");
    }
    return bytes;
}

std::string to_hex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (const unsigned char c : bytes) {
        out += kDigits[c >> 4];
        out += kDigits[c & 0xf];
    }
    return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int high = nibble(hex[i]);
        const int low = nibble(hex[i + 1]);
        if (high < 0 || low < 0) return std::nullopt;
        out += static_cast<char>(high << 4 | low);
    }
    return out;
}

unsigned char* bytes_of(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }
const unsigned char* bytes_of(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string make_code_verifier() { return base64url_encode(random_bytes(64)); }

std::string code_challenge(std::string_view verifier) {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(bytes_of(verifier), verifier.size(), digest.data());
    return base64url_encode(
        std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

json::object seal_verifier(std::string_view verifier, std::string_view key) {
    const auto aes_key = derive_key(key);
    auto iv = random_bytes(kIvBytes);
    std::string data(verifier.size(), '\0');
    std::string tag(kTagBytes, '\0');
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int length = 0;
    const bool sealed = ctx &&
                        EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, aes_key.data(),
                                           bytes_of(iv)) == 1 &&
                        EVP_EncryptUpdate(ctx.get(), bytes_of(data), &length, bytes_of(verifier),
                                          static_cast<int>(verifier.size())) == 1 &&
                        EVP_EncryptFinal_ex(ctx.get(), bytes_of(data) + length, &length) == 1 &&
                        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG,
                                            static_cast<int>(kTagBytes), tag.data()) == 1;
    if (!sealed) throw Error(ErrorType::kGeneralServerError, "Failed to encrypt the PKCE verifier");
    return json::object{{"data", base64url_encode(data)}, {"iv", to_hex(iv)}, {"tag", to_hex(tag)}};
}

std::optional<std::string> open_verifier(const json::value& sealed, std::string_view key) {
    const auto* object = sealed.if_object();
    if (!object) return std::nullopt;
    auto text = [&](std::string_view name) -> std::string_view {
        const auto* value = object->if_contains(name);
        return value && value->is_string() ? std::string_view(value->get_string())
                                           : std::string_view();
    };
    auto data = base64url_decode(text("data"));
    auto iv = from_hex(text("iv"));
    auto tag = from_hex(text("tag"));
    if (!data || data->empty() || !iv || iv->size() != kIvBytes || !tag ||
        tag->size() != kTagBytes) {
        return std::nullopt;
    }
    const auto aes_key = derive_key(key);
    std::string verifier(data->size(), '\0');
    CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    int length = 0;
    const bool opened =
        ctx &&
        EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, aes_key.data(), bytes_of(*iv)) ==
            1 &&
        EVP_DecryptUpdate(ctx.get(), bytes_of(verifier), &length, bytes_of(std::string_view(*data)),
                          static_cast<int>(data->size())) == 1 &&
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagBytes),
                            tag->data()) == 1 &&
        EVP_DecryptFinal_ex(ctx.get(), bytes_of(verifier) + length, &length) == 1;
    if (!opened) return std::nullopt;
    return verifier;
}

}  // namespace basalt::auth::oauth2
