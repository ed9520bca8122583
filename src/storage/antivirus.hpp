// Antivirus scans through a ClamAV daemon (clamd), as Appwrite scans uploads to buckets with
// `antivirus` when _APP_STORAGE_ANTIVIRUS is enabled.
//
// clamd speaks a small line protocol on a unix or TCP socket: "zVERSION", "zPING" and
// "zINSTREAM" followed by chunks (4-byte big-endian length, then bytes; length 0 ends), each
// answered with one NUL-terminated line ("stream: OK", "stream: NAME FOUND", "... ERROR").
// No Debian package offers a clamd client (libclamav scans in-process and would load the whole
// signature database into every Basalt), so the protocol is spoken here over POSIX sockets.
//
// Thread-safety: every method may be called concurrently (one connection per call).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace basalt::storage {

struct Bucket;

// Files above this size are stored unscanned, as Appwrite (APP_LIMIT_ANTIVIRUS, 20 MB).
inline constexpr std::int64_t kAntivirusLimit = 20'000'000;

// Where clamd listens: "unix:/path/to/clamd.ctl" or "tcp:HOST:PORT" (HOST an IPv4 address or
// a name; "[v6]" for IPv6). nullopt when malformed.
struct ClamdAddress {
    bool unix_socket = false;
    std::string path;  // unix
    std::string host;  // tcp
    unsigned short port = 0;

    static std::optional<ClamdAddress> parse(std::string_view text);
};

struct ScanResult {
    bool infected = false;
    std::string signature;  // the name clamd reports when infected
};

class Antivirus {
public:
    // `address` nullopt: disabled (no scans, health reports "disabled").
    explicit Antivirus(std::optional<ClamdAddress> address,
                       std::chrono::milliseconds timeout = std::chrono::seconds(60));

    bool enabled() const { return address_.has_value(); }

    // Scans `bytes`. Throws Error(kGeneralUnknown) when clamd cannot be reached or answers an
    // error (an upload is then refused: Appwrite's scan throws the same way).
    ScanResult scan(std::string_view bytes) const;
    // clamd's VERSION line ("ClamAV 1.0.7/..."). Throws as scan.
    std::string version() const;
    // Whether clamd answers PING with PONG. Throws as scan when it cannot be reached.
    bool ping() const;

private:
    std::string command(std::string_view name) const;

    const std::optional<ClamdAddress> address_;
    const std::chrono::milliseconds timeout_;
};

// The upload hook: scans `bytes` when `antivirus` is enabled, the bucket asks for it and the
// file is within kAntivirusLimit. Throws Error(kStorageInvalidFile) when infected, and what
// scan throws.
void scan_upload(const Antivirus* antivirus, const Bucket& bucket, std::string_view bytes);
// The same for a file of `size` bytes that `read` loads only when a scan is due.
void scan_upload(const Antivirus* antivirus, const Bucket& bucket, std::int64_t size,
                 const std::function<std::string()>& read);

}  // namespace basalt::storage
