// A user's password as Appwrite stores it: `password` (the hash), `hash` (the algorithm's name)
// and `hashOptions`. New passwords are hashed with argon2id; every algorithm Appwrite imports
// (Users API createArgon2User ... createSHAUser) can be verified.
//
// Thread-safety: every function here is safe to call from any thread.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>

namespace basalt::auth {

// Values of a user's `hash` attribute (Appwrite's names).
inline constexpr std::string_view kHashArgon2 = "argon2";
inline constexpr std::string_view kHashBcrypt = "bcrypt";
inline constexpr std::string_view kHashMd5 = "md5";
inline constexpr std::string_view kHashPhpass = "phpass";
inline constexpr std::string_view kHashScrypt = "scrypt";
inline constexpr std::string_view kHashScryptModified = "scryptMod";
inline constexpr std::string_view kHashSha = "sha";

struct PasswordHash {
    std::string algorithm;        // user `hash`, one of the kHash... names
    boost::json::object options;  // user `hashOptions`, keys as Appwrite stores them
    std::string hash;             // user `password`
};

struct Argon2Cost {
    std::uint32_t memory_kib = 0;  // m
    std::uint32_t time_cost = 0;   // t (passes)
    std::uint32_t threads = 0;     // p (lanes and threads)

    friend bool operator==(const Argon2Cost&, const Argon2Cost&) = default;
};

// Appwrite's two argon2id cost sets. The library default serves account creation, the Users
// API and the upgrade of imported hashes at login; the Account API's password updates and
// recovery, and users made by OAuth2, magic URL, email tokens and team invitations, use the
// lighter set Appwrite injects as `proofForPassword`.
inline constexpr Argon2Cost kArgon2Default{65536, 4, 3};
inline constexpr Argon2Cost kArgon2Account{7168, 5, 1};

// Guards against a stored or imported hash that asks for more memory than a server can give
// one login (Appwrite sets no bound). Such hashes fail to verify.
inline constexpr std::uint64_t kMaxHashMemoryBytes = std::uint64_t{1} << 30;

// argon2id hash of `password` with a fresh 16-byte salt, encoded `$argon2id$v=19$m=...`, with
// options {type, memory_cost, time_cost, threads} as Appwrite stores them.
// Throws Error(kGeneralServerError) if the random source or libargon2 fails.
[[nodiscard]] PasswordHash hash_password(std::string_view password,
                                         const Argon2Cost& cost = kArgon2Default);

// True when `password` matches `stored`. Unknown algorithms, malformed hashes and malformed
// options give false, never an exception. Digests are compared in constant time.
// Deliberate differences from Appwrite (each accepts a superset of what Appwrite accepts):
// hex digests (md5, sha, scrypt) are matched in either case, scryptMod's base64 with or without
// padding, `$argon2d$` hashes are verified, and sha512/224 and sha512/256 work (Appwrite lists
// them but its hasher rejects them).
[[nodiscard]] bool verify_password(std::string_view password, const PasswordHash& stored);

// True when a password that just verified against `stored` should be hashed again with
// hash_password: when it is not argon2, or not an argon2id hash with one of Appwrite's two cost
// sets. Appwrite upgrades on email/password login only when the algorithm name is not
// "argon2"; Basalt also upgrades imported argon2i/argon2d hashes and other argon2 costs.
[[nodiscard]] bool needs_rehash(const PasswordHash& stored);

}  // namespace basalt::auth
