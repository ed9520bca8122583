// Health probes behind /v1/health*: each measures a real subsystem or reports that it is absent.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace basalt::db {
class Store;
}

namespace basalt::platform {

struct HealthOptions {
    std::filesystem::path data_dir;       // local storage root, probed by storage checks
    std::string ntp_server = "time.google.com:123";  // host[:port] for /health/time
    // Lets /health/certificate reach loopback and private addresses and a `host:port` domain
    // (Appwrite accepts public domains on port 443 only). For tests and private networks.
    bool allow_private_hosts = false;
};

struct ProbeResult {
    std::int64_t ping_ms = 0;
    bool pass = false;
};

struct TimeCheck {
    std::int64_t remote_time = 0;  // unix seconds, from the NTP server
    std::int64_t local_time = 0;   // unix seconds
    std::int64_t diff = 0;         // remote - local, seconds
};

struct CertificateInfo {
    std::string name;
    std::string subject_sn;
    std::string issuer_organisation;
    std::string valid_from;  // unix seconds as text, as Appwrite renders them
    std::string valid_to;
    std::string signature_type_sn;
};

// Thread-safety: every method may be called concurrently.
class Health {
public:
    Health(HealthOptions options, db::Store& store);

    // A round trip to the database backend.
    ProbeResult database();
    // Writes, reads back and removes a file under the data directory.
    ProbeResult local_storage();
    // Asks the NTP server for the time. Throws Error(kGeneralServerError) when it cannot be
    // reached or the clocks differ by more than 60 s.
    TimeCheck time();
    // The TLS certificate `domain` (a hostname or URL) presents on port 443. Throws
    // Error(kGeneralArgumentInvalid) for a bad or non-public domain, kHealthInvalidHost when no
    // TLS connection can be made, kHealthCertificateExpired for an expired certificate.
    CertificateInfo certificate(std::string_view domain);

private:
    HealthOptions options_;
    db::Store& store_;
};

}  // namespace basalt::platform
