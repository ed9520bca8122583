// Portable phpass hashes (WordPress `$P$`, phpBB3 `$H$`), written here by hand: no Debian
// library implements them. The format: `$P$`, one character giving log2 of the iteration count,
// an 8-character salt, then 22 characters encoding 16 bytes of iterated MD5. MD5 is OpenSSL's.
#include <openssl/evp.h>

#include <array>
#include <memory>

#include "auth/credentials/password_algorithms.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"

namespace basalt::auth::detail {
namespace {

constexpr std::string_view kAlphabet =
    "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::size_t kSettingLength = 12;  // prefix, count character, salt
constexpr std::size_t kHashLength = 34;
constexpr std::size_t kMinLog2 = 7;  // phpass's own bounds on the count character
constexpr std::size_t kMaxLog2 = 30;

using Digest = std::array<unsigned char, 16>;

// phpass's base64: little-endian groups of three bytes, six bits per character, low bits first.
std::string encode(const Digest& bytes) {
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t group = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t value = 0;
        for (std::size_t j = 0; j < group; ++j) value |= std::uint32_t{bytes[i + j]} << (8 * j);
        for (std::size_t k = 0; k <= group; ++k) out += kAlphabet[(value >> (6 * k)) & 0x3f];
    }
    return out;
}

class Md5 {
public:
    Md5() : ctx_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
        if (!ctx_) throw Error(ErrorType::kGeneralServerError, "out of memory");
    }

    Digest of(std::string_view first, std::string_view second) {
        Digest out{};
        if (EVP_DigestInit_ex(ctx_.get(), EVP_md5(), nullptr) != 1 ||
            EVP_DigestUpdate(ctx_.get(), first.data(), first.size()) != 1 ||
            EVP_DigestUpdate(ctx_.get(), second.data(), second.size()) != 1 ||
            EVP_DigestFinal_ex(ctx_.get(), out.data(), nullptr) != 1) {
            throw Error(ErrorType::kGeneralServerError, "MD5 failed");
        }
        return out;
    }

private:
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

std::string_view as_text(const Digest& digest) {
    return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

}  // namespace

bool verify_phpass(std::string_view password, std::string_view hash) {
    if (!hash.starts_with("$P$") && !hash.starts_with("$H$")) {
        return verify_bcrypt(password, hash);  // phpass itself may have made a bcrypt hash
    }
    if (hash.size() != kHashLength) return false;
    const auto log2 = kAlphabet.find(hash[3]);
    if (log2 == std::string_view::npos || log2 < kMinLog2 || log2 > kMaxLog2) return false;
    const std::string_view salt = hash.substr(4, 8);

    Md5 md5;
    Digest digest = md5.of(salt, password);
    for (std::size_t round = std::size_t{1} << log2; round > 0; --round) {
        digest = md5.of(as_text(digest), password);
    }
    const std::string computed = std::string(hash.substr(0, kSettingLength)) + encode(digest);
    return crypto::equal_constant_time(computed, hash);
}

}  // namespace basalt::auth::detail
