// basalt: serve, init, version.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <spdlog/spdlog.h>

#include "app/app.hpp"
#include "app/config.hpp"
#include "core/error.hpp"

namespace {

void add_storage_options(CLI::App& command, basalt::app::Config& config) {
    command.add_option("--data", config.data_dir, "Data directory")->envname("BASALT_DATA");
    command.add_option("--db", config.db_url, "Database: sqlite:PATH or postgres://... (default: SQLite under --data)")
        ->envname("BASALT_DB");
}

}  // namespace

int main(int argc, char** argv) {
    basalt::app::Config config;
    basalt::app::InitOptions init;
    CLI::App cli{"Basalt: an Appwrite-compatible backend in one binary"};
    cli.require_subcommand(1);

    auto* serve = cli.add_subcommand("serve", "Start the server");
    serve->add_option("--listen", config.listen, "HOST:PORT to listen on")->envname("BASALT_LISTEN");
    add_storage_options(*serve, config);
    serve->add_option("--io-threads", config.io_threads, "I/O threads (0 = one per core)")->envname("BASALT_IO_THREADS");
    serve->add_option("--worker-threads", config.worker_threads, "Handler threads (0 = 4 per core)")
        ->envname("BASALT_WORKER_THREADS");
    serve->add_option("--body-limit", config.body_limit, "Largest request body in bytes")->envname("BASALT_BODY_LIMIT");
    serve->add_option("--storage-limit", config.storage_limit, "Largest file a bucket may accept, in bytes")
        ->envname("BASALT_STORAGE_LIMIT");
    serve->add_option("--preview-cache", config.preview_cache_limit,
                      "Bytes of rendered file previews kept on disk (0: no cache)")
        ->envname("BASALT_PREVIEW_CACHE");
    serve->add_option("--storage-key", config.storage_key,
                      "Master key of files encrypted at rest, 64 hex chars (default: <data>/storage.key)")
        ->envname("BASALT_STORAGE_KEY");
    serve->add_option("--storage-device", config.storage_device, "Where file bytes live: local (under --data) or s3")
        ->envname("BASALT_STORAGE_DEVICE")
        ->check(CLI::IsMember({"local", "s3"}));
    serve->add_option("--s3-endpoint", config.s3_endpoint,
                      "S3 endpoint, http(s)://HOST[:PORT] (default: AWS in --s3-region)")
        ->envname("BASALT_S3_ENDPOINT");
    serve->add_option("--s3-region", config.s3_region, "S3 region (signing scope)")->envname("BASALT_S3_REGION");
    serve->add_option("--s3-bucket", config.s3_bucket, "S3 bucket of the files")->envname("BASALT_S3_BUCKET");
    serve->add_option("--s3-access-key", config.s3_access_key, "S3 access key ID")->envname("BASALT_S3_ACCESS_KEY");
    serve->add_option("--s3-secret", config.s3_secret, "S3 secret access key")->envname("BASALT_S3_SECRET");
    serve->add_option("--s3-path-style", config.s3_path_style,
                      "Path-style URLs (HOST/BUCKET/KEY) for non-AWS endpoints (true/false)")
        ->envname("BASALT_S3_PATH_STYLE");
    serve->add_option("--s3-timeout", config.s3_timeout, "Seconds an S3 transfer may stall before it fails")
        ->envname("BASALT_S3_TIMEOUT");
    serve->add_option("--clamd", config.clamd,
                      "clamd socket for antivirus scans: unix:/path or tcp:HOST:PORT (default: no scans)")
        ->envname("BASALT_CLAMD");
    serve->add_option("--access-log", config.access_log, "Log each request to stdout (true/false)")
        ->envname("BASALT_ACCESS_LOG");
    serve->add_option("--log-level", config.log_level, "trace, debug, info, warn, error")->envname("BASALT_LOG_LEVEL");
    serve->add_option("--geoip-db", config.geoip_db, "MaxMind DB file for caller locations")->envname("BASALT_GEOIP_DB");
    serve->add_option("--ntp-server", config.ntp_server, "NTP server for /v1/health/time")->envname("BASALT_NTP_SERVER");
    serve->add_option("--allow-private-hosts", config.allow_private_hosts,
                      "Let health checks and avatars (remote images, favicons) reach private and loopback hosts")
        ->envname("BASALT_ALLOW_PRIVATE_HOSTS");
    serve->add_option("--avatar-icons", config.avatar_icons,
                      "Icon packages of the Avatars service (assets/avatars/node_modules)")
        ->envname("BASALT_AVATAR_ICONS");
    serve->add_option("--avatar-fetch-timeout", config.avatar_fetch_timeout_ms,
                      "Longest fetch of a remote image or favicon, in ms")
        ->envname("BASALT_AVATAR_FETCH_TIMEOUT");
    serve->add_option("--avatar-fetch-limit", config.avatar_fetch_limit,
                      "Largest remote image or favicon, in bytes")
        ->envname("BASALT_AVATAR_FETCH_LIMIT");

    serve->add_option("--client-ip-header", config.client_ip_header,
                      "Header a trusted proxy sets to the client address (e.g. x-forwarded-for)")
        ->envname("BASALT_CLIENT_IP_HEADER");
    serve->add_option("--rate-limits", config.rate_limits, "Rate limits on auth routes (true/false)")
        ->envname("BASALT_RATE_LIMITS");
    serve->add_option("--smtp-host", config.smtp_host, "SMTP server for auth emails (empty: no email)")
        ->envname("BASALT_SMTP_HOST");
    serve->add_option("--smtp-port", config.smtp_port, "SMTP port")->envname("BASALT_SMTP_PORT");
    serve->add_option("--smtp-secure", config.smtp_secure, "'' (plain), tls (STARTTLS) or ssl")
        ->envname("BASALT_SMTP_SECURE");
    serve->add_option("--smtp-username", config.smtp_username, "SMTP user (empty: no AUTH)")
        ->envname("BASALT_SMTP_USERNAME");
    serve->add_option("--smtp-password", config.smtp_password, "SMTP password")->envname("BASALT_SMTP_PASSWORD");
    serve->add_option("--smtp-sender", config.smtp_sender, "From address of auth emails")
        ->envname("BASALT_SMTP_SENDER");
    serve->add_option("--smtp-sender-name", config.smtp_sender_name, "From name of auth emails")
        ->envname("BASALT_SMTP_SENDER_NAME");
    serve->add_option("--twilio-account-sid", config.twilio_account_sid, "Twilio account SID for SMS (empty: no SMS)")
        ->envname("BASALT_TWILIO_ACCOUNT_SID");
    serve->add_option("--twilio-auth-token", config.twilio_auth_token, "Twilio auth token")
        ->envname("BASALT_TWILIO_AUTH_TOKEN");
    serve->add_option("--twilio-url", config.twilio_url, "Twilio API base URL")->envname("BASALT_TWILIO_URL");
    serve->add_option("--sms-from", config.sms_from, "Sender number of text messages")->envname("BASALT_SMS_FROM");

    auto* init_cmd = cli.add_subcommand("init", "Create a project and an API key with every scope");
    add_storage_options(*init_cmd, config);
    init_cmd->add_option("--project", init.project_id, "Project ID")->required();
    init_cmd->add_option("--name", init.project_name, "Project name (default: the ID)");
    init_cmd->add_option("--listen", config.listen, "Where the server listens (for the printed endpoint)")
        ->envname("BASALT_LISTEN");
    init_cmd->add_flag("--json", init.json, "Print {projectId, apiKey, endpoint} as JSON");

    basalt::app::KeyOptions key;
    auto* key_cmd = cli.add_subcommand("key", "Manage API keys");
    auto* key_create = key_cmd->add_subcommand("create", "Create an API key in a project");
    key_cmd->require_subcommand(1);
    add_storage_options(*key_create, config);
    key_create->add_option("--project", key.project_id, "Project ID")->required();
    key_create->add_option("--id", key.key_id, "Key ID (default: generated)");
    key_create->add_option("--name", key.name, "Key name");
    key_create->add_option("--scopes", key.scopes, "Scopes (default: every scope)")->delimiter(',');
    key_create->add_option("--expire", key.expire, "Expiry as ISO-8601 (default: never)");
    key_create->add_flag("--json", key.json, "Print {projectId, keyId, apiKey} as JSON");

    auto* routes = cli.add_subcommand("routes", "List the API routes this build serves");
    auto* version = cli.add_subcommand("version", "Print the version");

    CLI11_PARSE(cli, argc, argv);
    spdlog::set_level(spdlog::level::from_str(config.log_level));
    try {
        if (*serve) return basalt::app::serve(config);
        if (*init_cmd) return basalt::app::init(config, init);
        if (*key_create) return basalt::app::create_key(config, key);
        if (*routes) return basalt::app::list_routes();
        if (*version) {
            std::cout << "basalt " << BASALT_VERSION << " (Appwrite API " << BASALT_APPWRITE_VERSION << ")\n";
            return 0;
        }
    } catch (const basalt::Error& e) {
        std::cerr << "basalt: " << e.what() << " (" << e.info().type << ")\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "basalt: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
