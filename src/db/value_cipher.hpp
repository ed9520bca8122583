// Encrypted attribute values at rest: what the engine stores for an attribute declared
// `encrypt` (Appwrite's `encrypt` filter). Each value is sealed with AES-256-GCM under the
// database's key, with a fresh random 96-bit IV, and stored as text:
//   "v1:" + base64(iv (12 bytes) | tag (16 bytes) | ciphertext)
// The version prefix leaves room for another scheme (or key) later. The key of a database is
// HKDF-SHA256 of the server's master key (the one Storage uses for files) with an info string
// naming attribute encryption and the database, so each project has its own key and the file
// keys and attribute keys never coincide.
//
// Thread-safety: immutable after construction; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace basalt::db {

class ValueCipher {
public:
    // `key`: 32 bytes (attribute_key). An empty key makes every call throw (no master key).
    explicit ValueCipher(std::string key) : key_(std::move(key)) {}

    // The stored form of `plain`. Throws Error(kGeneralServerError) without a key.
    std::string seal(std::string_view plain) const;
    // The plaintext of a stored value. Throws Error(kGeneralServerError) naming `attribute` when
    // the value is not one this scheme wrote or does not authenticate (wrong key, altered bytes).
    std::string open(std::string_view stored, std::string_view attribute) const;

private:
    std::string key_;
};

// The attribute key of database `database` ("platform", or a project id) under `master_key`
// (32 bytes); empty when `master_key` is empty.
std::string attribute_key(std::string_view master_key, std::string_view database);

}  // namespace basalt::db
