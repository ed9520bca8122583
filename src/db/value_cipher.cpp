#include "db/value_cipher.hpp"

#include <fmt/format.h>

#include "core/cipher.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"

namespace basalt::db {
namespace {

constexpr std::string_view kVersion = "v1:";
// HKDF inputs of attribute keys (files use another derivation, see storage/codec.hpp).
constexpr std::string_view kSalt = "basalt-attribute-encryption";
constexpr std::string_view kInfo = "basalt-attributes-v1:";

}  // namespace

std::string ValueCipher::seal(std::string_view plain) const {
    if (key_.empty()) {
        throw Error(ErrorType::kGeneralServerError, "Encrypted attributes need the server's master key");
    }
    const auto sealed = crypto::aes_gcm_seal(key_, plain);
    return std::string(kVersion) + crypto::base64_encode(sealed.iv + sealed.tag + sealed.data);
}

std::string ValueCipher::open(std::string_view stored, std::string_view attribute) const {
    const auto corrupt = [&] {
        return Error(ErrorType::kGeneralServerError,
                     fmt::format("The stored value of encrypted attribute \"{}\" does not decrypt", attribute));
    };
    if (!stored.starts_with(kVersion)) throw corrupt();
    const auto raw = crypto::base64_decode(stored.substr(kVersion.size()));
    constexpr auto kHead = crypto::kGcmIvSize + crypto::kGcmTagSize;
    if (!raw || raw->size() < kHead) throw corrupt();
    const std::string_view bytes(*raw);
    auto plain = crypto::aes_gcm_open(key_, bytes.substr(kHead), bytes.substr(0, crypto::kGcmIvSize),
                                      bytes.substr(crypto::kGcmIvSize, crypto::kGcmTagSize));
    if (!plain) throw corrupt();
    return std::move(*plain);
}

std::string attribute_key(std::string_view master_key, std::string_view database) {
    if (master_key.empty()) return {};
    return crypto::hkdf_sha256(master_key, kSalt, std::string(kInfo) + std::string(database));
}

}  // namespace basalt::db
