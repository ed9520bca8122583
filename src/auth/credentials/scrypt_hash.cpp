// scrypt through OpenSSL's EVP_PBE_scrypt, in Appwrite's two stored forms.
//
// `scrypt`: the hash is the lower-case hex of scrypt(password, salt, N, r, p, length) with the
// options' costCpu as N itself (not its log2), costMemory as r, costParallel as p, and the salt
// used as given (its bytes, not decoded). That is what php-scrypt computes for Appwrite.
//
// `scryptMod` (Firebase's variant): key = scrypt(password, base64dec(salt) ||
// base64dec(saltSeparator), N=16384, r=8, p=1, 64 bytes); the hash is the base64 of
// AES-256-CTR(key[0..32), IV 0, base64dec(signerKey)). Appwrite fixes N and r at Firebase's
// usual mem_cost 14 and rounds 8; a Firebase project with other parameters does not verify.
#include <openssl/evp.h>

#include <memory>

#include "auth/credentials/encoding.hpp"
#include "auth/credentials/hash_options.hpp"
#include "auth/credentials/password_algorithms.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"

namespace basalt::auth::detail {
namespace {

struct ScryptCost {
    std::uint64_t n;
    std::uint64_t r;
    std::uint64_t p;
};

// Appwrite's defaults for options missing from a stored `scrypt` hash.
constexpr std::int64_t kDefaultCpu = 8;
constexpr std::int64_t kDefaultMemory = 14;
constexpr std::int64_t kDefaultParallel = 1;
constexpr std::int64_t kDefaultLength = 64;

constexpr ScryptCost kFirebaseCost{16384, 8, 1};
constexpr std::size_t kFirebaseKeyBytes = 64;
constexpr std::size_t kAesKeyBytes = 32;

// Derived key, or nullopt when OpenSSL refuses the parameters.
std::optional<std::string> derive(std::string_view password, std::string_view salt,
                                  const ScryptCost& cost, std::size_t length) {
    std::string key(length, '\0');
    if (EVP_PBE_scrypt(password.data(), password.size(),
                       reinterpret_cast<const unsigned char*>(salt.data()), salt.size(), cost.n,
                       cost.r, cost.p, kMaxHashMemoryBytes + (std::uint64_t{1} << 20),
                       reinterpret_cast<unsigned char*>(key.data()), key.size()) != 1) {
        return std::nullopt;
    }
    return key;
}

std::string aes_256_ctr(std::string_view key, std::string_view plain) {
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(),
                                                                        &EVP_CIPHER_CTX_free);
    const unsigned char iv[16] = {};
    std::string out(plain.size() + 16, '\0');
    int written = 0;
    int final_written = 0;
    auto* out_bytes = reinterpret_cast<unsigned char*>(out.data());
    if (!ctx ||
        EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_ctr(), nullptr,
                           reinterpret_cast<const unsigned char*>(key.data()), iv) != 1 ||
        EVP_EncryptUpdate(ctx.get(), out_bytes, &written,
                          reinterpret_cast<const unsigned char*>(plain.data()),
                          static_cast<int>(plain.size())) != 1 ||
        EVP_EncryptFinal_ex(ctx.get(), out_bytes + written, &final_written) != 1) {
        throw Error(ErrorType::kGeneralServerError, "AES-256-CTR failed");
    }
    out.resize(static_cast<std::size_t>(written + final_written));
    return out;
}

}  // namespace

bool scrypt_cost_fits(std::int64_t n, std::int64_t r, std::int64_t p) {
    if (n < 2 || (n & (n - 1)) != 0 || r < 1 || p < 1) return false;
    // scrypt's V takes 128·r·N bytes and B 128·r·p.
    const auto limit = static_cast<std::int64_t>(kMaxHashMemoryBytes);
    if (r > limit / 128) return false;
    const std::int64_t block = 128 * r;
    return n <= limit / block && p <= limit / block && block * n + block * p <= limit;
}

bool verify_scrypt(std::string_view password, std::string_view hex_hash,
                   const boost::json::object& options) {
    const auto salt = string_option(options, "salt", "");
    const auto cpu = int_option(options, "costCpu", kDefaultCpu);
    const auto memory = int_option(options, "costMemory", kDefaultMemory);
    const auto parallel = int_option(options, "costParallel", kDefaultParallel);
    const auto length = int_option(options, "length", kDefaultLength);
    if (!salt || salt->empty() || !cpu || !memory || !parallel || !length) return false;
    if (*length < kScryptMinLength || *length > kScryptMaxLength) return false;
    if (!scrypt_cost_fits(*cpu, *memory, *parallel)) return false;
    const ScryptCost cost{static_cast<std::uint64_t>(*cpu), static_cast<std::uint64_t>(*memory),
                          static_cast<std::uint64_t>(*parallel)};

    const auto expected = hex_decode(hex_hash);
    if (!expected || expected->size() != static_cast<std::size_t>(*length)) return false;
    const auto key = derive(password, *salt, cost, expected->size());
    return key && crypto::equal_constant_time(*key, *expected);
}

bool verify_scrypt_modified(std::string_view password, std::string_view base64_hash,
                            const boost::json::object& options) {
    const auto salt_text = string_option(options, "salt", "");
    const auto separator_text = string_option(options, "saltSeparator", "");
    const auto signer_text = string_option(options, "signerKey", "");
    if (!salt_text || !separator_text || !signer_text) return false;
    const auto salt = base64_decode(*salt_text);
    const auto separator = base64_decode(*separator_text);
    const auto signer_key = base64_decode(*signer_text);
    const auto expected = base64_decode(base64_hash);
    if (!salt || !separator || !signer_key || !expected) return false;
    if (salt->empty() || signer_key->empty()) return false;

    const auto key = derive(password, *salt + *separator, kFirebaseCost, kFirebaseKeyBytes);
    if (!key) return false;
    const std::string computed =
        aes_256_ctr(std::string_view(*key).substr(0, kAesKeyBytes), *signer_key);
    return crypto::equal_constant_time(computed, *expected);
}

}  // namespace basalt::auth::detail
