// What the Users API import endpoints (createArgon2User, createBcryptUser, createMD5User,
// createPHPassUser, createSHAUser, createScryptUser, createScryptModifiedUser) store for a
// user: the given hash as is, the algorithm's name and its `hashOptions` with Appwrite's keys.
// The hash itself is not checked here (Appwrite stores any string); a malformed one simply
// never verifies.
//
// Thread-safety: every function here is safe to call from any thread.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "auth/credentials/password_hash.hpp"

namespace basalt::auth {

// Allowed `passwordVersion` values of createSHAUser, in Appwrite's order (for messages).
std::span<const std::string_view> sha_versions();
bool is_sha_version(std::string_view version);

// createScryptUser's parameters, defaults as Appwrite's.
struct ScryptOptions {
    std::string salt;                // passwordSalt, used as raw bytes
    std::int64_t cost_cpu = 8;       // passwordCpu: N itself, a power of 2 above 1
    std::int64_t cost_memory = 14;   // passwordMemory: r, at least 1
    std::int64_t cost_parallel = 1;  // passwordParallel: p, at least 1
    std::int64_t length = 64;        // passwordLength: key bytes, at least 16
};

// Options {type, memory_cost, time_cost, threads} are Appwrite's argon2 defaults whatever the
// hash's own parameters (as Appwrite stores them).
[[nodiscard]] PasswordHash imported_argon2(std::string hash);
// Options {type, cost: 8}.
[[nodiscard]] PasswordHash imported_bcrypt(std::string hash);
// Options {type}.
[[nodiscard]] PasswordHash imported_md5(std::string hash);
// Options {type, iteration_count_log2: 8, portable_hashes: false}. Appwrite also stores
// phpass's `random_state` seed (time and pid); it plays no part in verification and is left out.
[[nodiscard]] PasswordHash imported_phpass(std::string hash);
// Options {type, version}; an empty `version` means sha256, Appwrite's default. Appwrite stores
// {version} alone; `type` is added so that the stored options name their model like the others.
// Throws Error(kGeneralArgumentInvalid) naming `passwordVersion` for a version not in
// sha_versions().
[[nodiscard]] PasswordHash imported_sha(std::string hash, std::string_view version);
// Options {type, costCpu, costMemory, costParallel, length, salt}. Throws
// Error(kGeneralArgumentInvalid) naming the parameter when a value breaks the rule beside it in
// ScryptOptions, when the salt is empty, or when the cost needs more than kMaxHashMemoryBytes
// (Appwrite answers these with a 500).
[[nodiscard]] PasswordHash imported_scrypt(std::string hash, const ScryptOptions& options);
// Options {type, salt, saltSeparator, signerKey}, each base64 as given. Throws
// Error(kGeneralArgumentInvalid) naming the parameter when one is not base64 or, for the salt and
// signer key, is empty.
[[nodiscard]] PasswordHash imported_scrypt_modified(std::string hash, std::string_view salt,
                                                    std::string_view salt_separator,
                                                    std::string_view signer_key);

}  // namespace basalt::auth
