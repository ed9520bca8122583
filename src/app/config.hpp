// The one Config of a Basalt process: parsed once from flags and environment (main.cpp), then
// handed down as small option structs. Every setting is documented in docs/configuration.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace basalt::app {

struct Config {
    std::string listen = "127.0.0.1:8080";        // BASALT_LISTEN
    std::filesystem::path data_dir = "./data";    // BASALT_DATA
    std::string db_url;                           // BASALT_DB; empty = sqlite:<data>/db
    unsigned io_threads = 0;                      // BASALT_IO_THREADS; 0 = one per core
    unsigned worker_threads = 0;                  // BASALT_WORKER_THREADS; 0 = 4 per core
    std::size_t body_limit = 16u << 20;           // BASALT_BODY_LIMIT (bytes)
    // Storage: largest file a bucket may accept (Appwrite's _APP_STORAGE_LIMIT), and the
    // master key of encryption at rest (64 hex chars); empty = <data>/storage.key, made once.
    std::int64_t storage_limit = 30'000'000;      // BASALT_STORAGE_LIMIT (bytes)
    std::string storage_key;                      // BASALT_STORAGE_KEY
    // Where file bytes live: "local" (<data>/storage) or "s3" (the bucket below).
    std::string storage_device = "local";         // BASALT_STORAGE_DEVICE
    std::string s3_endpoint;                      // BASALT_S3_ENDPOINT; empty = AWS in s3_region
    std::string s3_region = "us-east-1";          // BASALT_S3_REGION
    std::string s3_bucket;                        // BASALT_S3_BUCKET
    std::string s3_access_key;                    // BASALT_S3_ACCESS_KEY
    std::string s3_secret;                        // BASALT_S3_SECRET
    bool s3_path_style = false;                   // BASALT_S3_PATH_STYLE: HOST/BUCKET/KEY URLs
    long s3_timeout = 60;                         // BASALT_S3_TIMEOUT (seconds a transfer may stall)
    // Rendered previews kept under <data>/cache/previews (bytes; 0 = no cache).
    std::int64_t preview_cache_limit = 256ll << 20;  // BASALT_PREVIEW_CACHE
    // clamd for antivirus scans: "unix:/path" or "tcp:HOST:PORT"; empty = no scans.
    std::string clamd;                            // BASALT_CLAMD
    bool access_log = true;                       // BASALT_ACCESS_LOG
    std::string log_level = "info";               // BASALT_LOG_LEVEL
    std::optional<std::filesystem::path> geoip_db;  // BASALT_GEOIP_DB
    std::string ntp_server = "time.google.com:123";  // BASALT_NTP_SERVER
    bool allow_private_hosts = false;             // BASALT_ALLOW_PRIVATE_HOSTS
    // Avatars: the icon packages (assets/avatars/node_modules, installed by scripts/deps.sh)
    // and the limits of remote images and favicons.
    std::filesystem::path avatar_icons = BASALT_AVATAR_ICONS_DIR;  // BASALT_AVATAR_ICONS
    std::int64_t avatar_fetch_timeout_ms = 10'000;  // BASALT_AVATAR_FETCH_TIMEOUT (ms)
    std::size_t avatar_fetch_limit = 10u << 20;     // BASALT_AVATAR_FETCH_LIMIT (bytes)
    std::string client_ip_header;                 // BASALT_CLIENT_IP_HEADER; empty = peer address
    bool rate_limits = true;                      // BASALT_RATE_LIMITS: Appwrite's abuse limits
    // The server's SMTP server for auth emails (projects may set their own).
    std::string smtp_host;                        // BASALT_SMTP_HOST; empty = no email
    unsigned short smtp_port = 25;                // BASALT_SMTP_PORT
    std::string smtp_secure;                      // BASALT_SMTP_SECURE: "", "tls" or "ssl"
    std::string smtp_username;                    // BASALT_SMTP_USERNAME
    std::string smtp_password;                    // BASALT_SMTP_PASSWORD
    std::string smtp_sender = "noreply@localhost";  // BASALT_SMTP_SENDER
    std::string smtp_sender_name = "Basalt";      // BASALT_SMTP_SENDER_NAME
    // SMS through Twilio (phone sign-in and verification).
    std::string twilio_account_sid;               // BASALT_TWILIO_ACCOUNT_SID; empty = no SMS
    std::string twilio_auth_token;                // BASALT_TWILIO_AUTH_TOKEN
    std::string twilio_url = "https://api.twilio.com";  // BASALT_TWILIO_URL
    std::string sms_from;                         // BASALT_SMS_FROM

    // The backend URL in force: db_url, or the SQLite default under data_dir.
    std::string effective_db_url() const;
};

struct HostPort {
    std::string host;
    unsigned short port = 0;
};

// Splits "HOST:PORT" ("[::1]:8080" for IPv6). Throws std::invalid_argument when malformed.
HostPort parse_listen(const std::string& listen);

}  // namespace basalt::app
