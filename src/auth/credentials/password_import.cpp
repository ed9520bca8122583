#include "auth/credentials/password_import.hpp"

#include <fmt/format.h>

#include "auth/credentials/encoding.hpp"
#include "auth/credentials/password_algorithms.hpp"
#include "core/error.hpp"

namespace basalt::auth {
namespace {

PasswordHash stored(std::string_view algorithm, std::string hash, boost::json::object options) {
    return PasswordHash{std::string(algorithm), std::move(options), std::move(hash)};
}

[[noreturn]] void reject(std::string_view param, std::string_view rule) {
    throw Error(ErrorType::kGeneralArgumentInvalid,
                fmt::format("Invalid `{}` param: {}", param, rule));
}

void require_base64(std::string_view param, std::string_view value, bool allow_empty) {
    const auto bytes = detail::base64_decode(value);
    if (!bytes) reject(param, "Value must be base64 encoded");
    if (bytes->empty() && !allow_empty) reject(param, "Value must not be empty");
}

}  // namespace

PasswordHash imported_argon2(std::string hash) {
    return stored(kHashArgon2, std::move(hash),
                  {{"type", kHashArgon2},
                   {"memory_cost", kArgon2Default.memory_kib},
                   {"time_cost", kArgon2Default.time_cost},
                   {"threads", kArgon2Default.threads}});
}

PasswordHash imported_bcrypt(std::string hash) {
    return stored(kHashBcrypt, std::move(hash), {{"type", kHashBcrypt}, {"cost", 8}});
}

PasswordHash imported_md5(std::string hash) {
    return stored(kHashMd5, std::move(hash), {{"type", kHashMd5}});
}

PasswordHash imported_phpass(std::string hash) {
    return stored(kHashPhpass, std::move(hash),
                  {{"type", kHashPhpass}, {"iteration_count_log2", 8}, {"portable_hashes", false}});
}

PasswordHash imported_sha(std::string hash, std::string_view version) {
    if (version.empty()) version = "sha256";
    if (!is_sha_version(version)) {
        reject("passwordVersion",
               fmt::format("Value must be one of ({})", fmt::join(sha_versions(), ", ")));
    }
    return stored(kHashSha, std::move(hash), {{"type", kHashSha}, {"version", version}});
}

PasswordHash imported_scrypt(std::string hash, const ScryptOptions& options) {
    if (options.salt.empty()) reject("passwordSalt", "Value must not be empty");
    const auto cpu = options.cost_cpu;
    if (cpu <= 1 || (cpu & (cpu - 1)) != 0) {
        reject("passwordCpu", "Value must be a power of 2 greater than 1");
    }
    if (options.cost_memory < 1) reject("passwordMemory", "Value must be at least 1");
    if (options.cost_parallel < 1) reject("passwordParallel", "Value must be at least 1");
    if (options.length < detail::kScryptMinLength || options.length > detail::kScryptMaxLength) {
        reject("passwordLength", fmt::format("Value must be between {} and {}",
                                             detail::kScryptMinLength, detail::kScryptMaxLength));
    }
    if (!detail::scrypt_cost_fits(cpu, options.cost_memory, options.cost_parallel)) {
        reject("passwordMemory",
               fmt::format("The cost needs more than {} MiB of memory", kMaxHashMemoryBytes >> 20));
    }
    return stored(kHashScrypt, std::move(hash),
                  {{"type", kHashScrypt},
                   {"costCpu", cpu},
                   {"costMemory", options.cost_memory},
                   {"costParallel", options.cost_parallel},
                   {"length", options.length},
                   {"salt", options.salt}});
}

PasswordHash imported_scrypt_modified(std::string hash, std::string_view salt,
                                      std::string_view salt_separator,
                                      std::string_view signer_key) {
    require_base64("passwordSalt", salt, false);
    require_base64("passwordSaltSeparator", salt_separator, true);
    require_base64("passwordSignerKey", signer_key, false);
    return stored(kHashScryptModified, std::move(hash),
                  {{"type", kHashScryptModified},
                   {"salt", salt},
                   {"saltSeparator", salt_separator},
                   {"signerKey", signer_key}});
}

}  // namespace basalt::auth
