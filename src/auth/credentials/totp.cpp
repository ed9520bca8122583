#include "auth/credentials/totp.hpp"

#include <liboath/oath.h>
#include <openssl/rand.h>

#include <array>
#include <cstdlib>
#include <memory>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "outbound/http_client.hpp"

namespace basalt::auth {
namespace {

// liboath must be initialised once per process before use; it is never torn down.
void ensure_oath_initialised() {
    static const int rc = oath_init();
    if (rc != OATH_OK) {
        throw Error(ErrorType::kGeneralServerError,
                    std::string("liboath initialisation failed: ") + oath_strerror(rc));
    }
}

using OathBuffer = std::unique_ptr<char, decltype(&std::free)>;

std::optional<std::string> decode_secret(std::string_view secret) {
    ensure_oath_initialised();
    if (secret.empty()) return std::nullopt;
    char* out = nullptr;
    std::size_t size = 0;
    if (oath_base32_decode(secret.data(), secret.size(), &out, &size) != OATH_OK) {
        return std::nullopt;
    }
    const OathBuffer owned(out, &std::free);
    if (size == 0) return std::nullopt;
    return std::string(out, size);
}

std::optional<std::string> code_at(const std::string& key, std::int64_t unix_seconds) {
    if (unix_seconds < 0) return std::nullopt;
    std::array<char, kTotpDigits + 1> code{};
    if (oath_totp_generate(key.data(), key.size(), static_cast<time_t>(unix_seconds),
                           kTotpPeriodSeconds, 0, kTotpDigits, code.data()) != OATH_OK) {
        return std::nullopt;
    }
    return std::string(code.data(), kTotpDigits);
}

bool has_colon(std::string_view text) {
    // otphp also refuses an encoded colon.
    return text.find(':') != std::string_view::npos || text.find("%3A") != std::string_view::npos ||
           text.find("%3a") != std::string_view::npos;
}

}  // namespace

std::string generate_totp_secret() {
    ensure_oath_initialised();
    std::array<unsigned char, kTotpSecretBytes> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw Error(ErrorType::kGeneralServerError, "random source failed");
    }
    char* out = nullptr;
    std::size_t size = 0;
    const int rc =
        oath_base32_encode(reinterpret_cast<const char*>(bytes.data()), bytes.size(), &out, &size);
    const OathBuffer owned(out, &std::free);
    if (rc != OATH_OK) {
        throw Error(ErrorType::kGeneralServerError,
                    std::string("base32 encoding failed: ") + oath_strerror(rc));
    }
    std::string secret(out, size);
    secret.erase(secret.find_last_not_of('=') + 1);  // otphp keeps secrets without padding
    return secret;
}

std::string totp_provisioning_uri(std::string_view secret, std::string_view issuer,
                                  std::string_view account) {
    if (account.empty()) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    "An authenticator needs an account name (the user's email)");
    }
    if (has_colon(account) || has_colon(issuer)) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    "The project name and the user's email must not contain a colon");
    }
    std::string label =
        issuer.empty() ? std::string(account) : std::string(issuer) + ":" + std::string(account);
    std::string uri = "otpauth://totp/" + outbound::url_encode(label) + "?";
    // otphp sorts its parameters by name: issuer, then secret.
    if (!issuer.empty()) uri += "issuer=" + outbound::url_encode(issuer) + "&";
    uri += "secret=" + outbound::url_encode(secret);
    return uri;
}

std::optional<std::string> totp_code(std::string_view secret, std::int64_t unix_seconds) {
    const auto key = decode_secret(secret);
    if (!key) return std::nullopt;
    return code_at(*key, unix_seconds);
}

bool verify_totp(std::string_view secret, std::string_view code, std::int64_t unix_seconds,
                 unsigned window_steps) {
    if (code.size() != kTotpDigits) return false;
    const auto key = decode_secret(secret);
    if (!key) return false;
    const std::int64_t step = kTotpPeriodSeconds;
    bool matched = false;
    // Every step of the window is computed and compared, so timing does not tell which matched.
    const auto window = static_cast<std::int64_t>(window_steps);
    for (std::int64_t offset = -window; offset <= window; ++offset) {
        const auto expected = code_at(*key, unix_seconds + offset * step);
        if (expected && crypto::equal_constant_time(*expected, code)) matched = true;
    }
    return matched;
}

}  // namespace basalt::auth
