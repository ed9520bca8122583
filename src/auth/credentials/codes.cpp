#include "auth/credentials/codes.hpp"

#include <openssl/rand.h>

#include <array>

#include "core/crypto.hpp"
#include "core/error.hpp"

namespace basalt::auth {
namespace {

// Bytes at or above this are thrown away so that `byte % 10` is uniform (250 = 25 * 10).
constexpr unsigned kUniformDigitBound = 250;

}  // namespace

std::vector<std::string> generate_recovery_codes() {
    std::vector<std::string> codes;
    codes.reserve(kRecoveryCodeCount);
    for (std::size_t i = 0; i < kRecoveryCodeCount; ++i) {
        codes.push_back(generate_token_secret(kRecoveryCodeLength));
    }
    return codes;
}

bool consume_recovery_code(std::vector<std::string>& codes, std::string_view code) {
    bool found = false;
    std::vector<std::string> kept;
    kept.reserve(codes.size());
    for (auto& candidate : codes) {
        if (crypto::equal_constant_time(candidate, code)) {
            found = true;
        } else {
            kept.push_back(std::move(candidate));
        }
    }
    codes = std::move(kept);
    return found;
}

std::string generate_numeric_code(std::size_t digits) {
    if (digits == 0) throw Error(ErrorType::kGeneralServerError, "a code needs at least one digit");
    std::string code;
    code.reserve(digits);
    std::array<unsigned char, 32> pool{};
    while (code.size() < digits) {
        if (RAND_bytes(pool.data(), static_cast<int>(pool.size())) != 1) {
            throw Error(ErrorType::kGeneralServerError, "random source failed");
        }
        for (const unsigned char byte : pool) {
            if (byte >= kUniformDigitBound || code.size() == digits) continue;
            code += static_cast<char>('0' + byte % 10);
        }
    }
    return code;
}

std::string generate_token_secret(std::size_t length) {
    if (length == 0) throw Error(ErrorType::kGeneralServerError, "a token needs a length");
    std::string secret = crypto::random_hex((length + 1) / 2);
    secret.resize(length);
    return secret;
}

}  // namespace basalt::auth
