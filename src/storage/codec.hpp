// What happens to a file's bytes between the upload and the device: its MD5 signature, its
// MIME type, compression (gzip, zstd) and encryption at rest (AES-256-GCM).
//
// Thread-safety: free functions, safe from any thread (the MIME sniffer keeps one libmagic
// handle per thread).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/cipher.hpp"

namespace basalt::storage {

// Incremental MD5 (Appwrite's file `signature`), lower-case hex.
class Md5 {
public:
    Md5();
    ~Md5();
    Md5(const Md5&) = delete;
    Md5& operator=(const Md5&) = delete;
    void update(std::string_view data);
    std::string hex();  // once, at the end

private:
    struct State;
    std::unique_ptr<State> state_;
};

// The MIME type libmagic reads from a file's first bytes (as Appwrite's device does),
// "application/octet-stream" when unknown.
std::string sniff_mime_type(std::string_view head);

// Compression algorithms of a bucket: "none", "gzip", "zstd". Throw
// Error(kGeneralServerError) on corrupt input.
std::string compress(std::string_view algorithm, std::string_view data);
std::string decompress(std::string_view algorithm, std::string_view data);

// AES-256-GCM with a 32-byte key; a fresh random 12-byte IV per call.
// (crypto::aes_gcm_seal; data, iv and tag are raw bytes.)
using Sealed = crypto::Sealed;
Sealed encrypt(std::string_view key, std::string_view plain);
// Throws Error(kGeneralServerError) when the tag does not match (wrong key, altered bytes).
std::string decrypt(std::string_view key, std::string_view sealed, std::string_view iv, std::string_view tag);

// A project's file key: HMAC-SHA256(master key, "basalt-storage-v1:" + project id).
std::string project_key(std::string_view master_key, std::string_view project_id);

std::string to_hex(std::string_view bytes);
// Empty on malformed hex.
std::string from_hex(std::string_view hex);

}  // namespace basalt::storage
