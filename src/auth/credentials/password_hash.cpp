#include "auth/credentials/password_hash.hpp"

#include "auth/credentials/hash_options.hpp"
#include "auth/credentials/password_algorithms.hpp"

namespace basalt::auth {
namespace {

using Verifier = bool (*)(std::string_view password, const PasswordHash& stored);

struct Algorithm {
    std::string_view name;
    Verifier verify;
};

bool verify_php(std::string_view password, const PasswordHash& stored) {
    return detail::verify_php_password_hash(password, stored.hash);
}

bool verify_phpass(std::string_view password, const PasswordHash& stored) {
    return detail::verify_phpass(password, stored.hash);
}

bool verify_md5(std::string_view password, const PasswordHash& stored) {
    return detail::verify_md5(password, stored.hash);
}

bool verify_sha(std::string_view password, const PasswordHash& stored) {
    // Appwrite's Sha hasher defaults to sha256 when no version was stored.
    const auto version = detail::string_option(stored.options, "version", "sha256");
    return version && detail::verify_sha(password, stored.hash, *version);
}

bool verify_scrypt(std::string_view password, const PasswordHash& stored) {
    return detail::verify_scrypt(password, stored.hash, stored.options);
}

bool verify_scrypt_modified(std::string_view password, const PasswordHash& stored) {
    return detail::verify_scrypt_modified(password, stored.hash, stored.options);
}

// Both `argon2` and `bcrypt` go through PHP's password_verify in Appwrite, which reads the
// format from the hash itself.
constexpr Algorithm kAlgorithms[] = {
    {kHashArgon2, verify_php},    {kHashBcrypt, verify_php},
    {kHashMd5, verify_md5},       {kHashPhpass, verify_phpass},
    {kHashScrypt, verify_scrypt}, {kHashScryptModified, verify_scrypt_modified},
    {kHashSha, verify_sha},
};

}  // namespace

PasswordHash hash_password(std::string_view password, const Argon2Cost& cost) {
    PasswordHash out;
    out.algorithm = std::string(kHashArgon2);
    out.hash = detail::encode_argon2id(password, cost);
    out.options = {{"type", kHashArgon2},
                   {"memory_cost", cost.memory_kib},
                   {"time_cost", cost.time_cost},
                   {"threads", cost.threads}};
    return out;
}

bool verify_password(std::string_view password, const PasswordHash& stored) {
    for (const auto& algorithm : kAlgorithms) {
        if (algorithm.name == stored.algorithm) return algorithm.verify(password, stored);
    }
    return false;
}

bool needs_rehash(const PasswordHash& stored) {
    if (stored.algorithm != kHashArgon2) return true;
    const auto params = detail::parse_argon2(stored.hash);
    if (!params || params->variant != "argon2id") return true;
    return params->cost != kArgon2Default && params->cost != kArgon2Account;
}

}  // namespace basalt::auth
