// argon2 through libargon2: PHP's encoded form (`$argon2id$v=19$m=65536,t=4,p=3$salt$hash`).
#include <argon2.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <vector>

#include "auth/credentials/password_algorithms.hpp"
#include "core/error.hpp"

namespace basalt::auth::detail {
namespace {

// PHP's password_hash uses these lengths for argon2.
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

struct Variant {
    std::string_view name;
    argon2_type type;
};
constexpr Variant kVariants[] = {
    {"argon2i", Argon2_i},
    {"argon2d", Argon2_d},
    {"argon2id", Argon2_id},
};

// Reads `key=<uint32>` from the front of `text`, then skips one `separator` if given.
bool read_number(std::string_view& text, std::string_view key, std::uint32_t& out, char separator) {
    if (text.substr(0, key.size()) != key) return false;
    text.remove_prefix(key.size());
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (ec != std::errc() || end == text.data()) return false;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    if (separator == '\0') return text.empty();
    if (text.empty() || text.front() != separator) return false;
    text.remove_prefix(1);
    return true;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

}  // namespace

std::optional<Argon2Params> parse_argon2(std::string_view encoded) {
    // libargon2 decodes this header inside argon2_verify but does not export its decoder; the
    // cost is needed beforehand (memory bound, rehash decision), so it is read here.
    const auto parts = split(encoded, '$');
    if (parts.size() != 5 && parts.size() != 6) return std::nullopt;
    if (!parts[0].empty()) return std::nullopt;
    Argon2Params params{};
    for (const auto& variant : kVariants) {
        if (variant.name == parts[1]) params.variant = variant.name;
    }
    if (params.variant.empty()) return std::nullopt;
    if (parts.size() == 6) {  // `v=` is absent from hashes of argon2 1.0
        std::string_view version = parts[2];
        std::uint32_t number = 0;
        if (!read_number(version, "v=", number, '\0')) return std::nullopt;
    }
    std::string_view cost = parts[parts.size() - 3];
    if (!read_number(cost, "m=", params.cost.memory_kib, ',') ||
        !read_number(cost, "t=", params.cost.time_cost, ',') ||
        !read_number(cost, "p=", params.cost.threads, '\0')) {
        return std::nullopt;
    }
    if (parts[parts.size() - 2].empty() || parts.back().empty()) return std::nullopt;
    return params;
}

std::string encode_argon2id(std::string_view password, const Argon2Cost& cost) {
    std::array<unsigned char, kSaltBytes> salt{};
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
        throw Error(ErrorType::kGeneralServerError, "random source failed");
    }
    std::string encoded(argon2_encodedlen(cost.time_cost, cost.memory_kib, cost.threads, kSaltBytes,
                                          kHashBytes, Argon2_id),
                        '\0');
    const int rc = argon2id_hash_encoded(cost.time_cost, cost.memory_kib, cost.threads,
                                         password.data(), password.size(), salt.data(), salt.size(),
                                         kHashBytes, encoded.data(), encoded.size());
    if (rc != ARGON2_OK) {
        throw Error(ErrorType::kGeneralServerError,
                    std::string("argon2 hashing failed: ") + argon2_error_message(rc));
    }
    encoded.resize(encoded.find('\0'));
    return encoded;
}

bool verify_argon2(std::string_view password, std::string_view encoded) {
    const auto params = parse_argon2(encoded);
    if (!params) return false;
    if (std::uint64_t{params->cost.memory_kib} * 1024 > kMaxHashMemoryBytes) return false;
    argon2_type type = Argon2_id;
    for (const auto& variant : kVariants) {
        if (variant.name == params->variant) type = variant.type;
    }
    const std::string text(encoded);  // libargon2 reads a NUL-terminated string
    if (text.find('\0') != std::string::npos) return false;
    // argon2_verify recomputes the hash and compares it in constant time.
    return argon2_verify(text.c_str(), password.data(), password.size(), type) == ARGON2_OK;
}

}  // namespace basalt::auth::detail
