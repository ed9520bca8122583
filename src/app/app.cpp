#include "app/app.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <fmt/format.h>
#include <iostream>
#include <thread>
#include <unistd.h>
#include <spdlog/spdlog.h>

#include "api/api.hpp"
#include "auth/courier.hpp"
#include "platform/device/device_detector.hpp"
#include "messaging/twilio.hpp"
#include "app/access_log.hpp"
#include "api/scopes.hpp"
#include "api/services.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "databases/schema_jobs.hpp"
#include "db/store.hpp"
#include "http/server.hpp"
#include "platform/directory.hpp"
#include "platform/health.hpp"
#include "platform/locale/locale_catalog.hpp"
#include "avatars/avatars.hpp"
#include "storage/antivirus.hpp"
#include "storage/codec.hpp"
#include "storage/previews.hpp"
#include "storage/storage.hpp"

namespace basalt::app {
namespace {

std::vector<std::string> every_key_scope() {
    return {api::key_scopes().begin(), api::key_scopes().end()};
}

auth::CourierOptions courier_options(const Config& config) {
    auth::CourierOptions options;
    options.smtp = {.enabled = true,
                    .sender_name = config.smtp_sender_name,
                    .sender_email = config.smtp_sender,
                    .host = config.smtp_host,
                    .port = config.smtp_port,
                    .username = config.smtp_username,
                    .password = config.smtp_password,
                    .secure = config.smtp_secure};
    if (!config.twilio_account_sid.empty()) {
        options.sms = messaging::make_twilio_provider({.account_sid = config.twilio_account_sid,
                                                       .auth_token = config.twilio_auth_token,
                                                       .from = config.sms_from,
                                                       .base_url = config.twilio_url});
    }
    return options;
}

// The 32-byte master key of data encrypted at rest (files, encrypted attributes):
// BASALT_STORAGE_KEY, else <data>/storage.key (64 hex chars, made on first use). Nodes sharing
// files or a PostgreSQL database must share the key.
std::string storage_master_key(const Config& config) {
    std::filesystem::create_directories(config.data_dir);
    auto hex = config.storage_key;
    const auto file = config.data_dir / "storage.key";
    if (hex.empty() && std::filesystem::exists(file)) {
        std::ifstream in(file);
        in >> hex;
    }
    if (hex.empty()) {
        hex = crypto::random_hex(32);
        const auto temp = file.string() + ".tmp";
        {
            std::ofstream out(temp, std::ios::trunc);
            out << hex << "\n";
        }
        std::filesystem::permissions(temp, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        std::filesystem::rename(temp, file);
    }
    auto key = storage::from_hex(hex);
    if (key.size() != 32) throw Error(ErrorType::kGeneralArgumentInvalid, "The storage key must be 64 hex characters.");
    return key;
}

// --clamd: nullopt (no scans) when empty; a malformed address stops start-up.
std::optional<storage::ClamdAddress> clamd_address(const Config& config) {
    if (config.clamd.empty()) return std::nullopt;
    auto address = storage::ClamdAddress::parse(config.clamd);
    if (!address) {
        throw Error(ErrorType::kGeneralArgumentInvalid, "--clamd must be unix:/path or tcp:HOST:PORT");
    }
    return address;
}

// The device of file bytes that --storage-device names.
std::unique_ptr<storage::Device> make_file_device(const Config& config) {
    if (config.storage_device == "s3") {
        return storage::make_s3_device({.endpoint = config.s3_endpoint,
                                        .region = config.s3_region,
                                        .bucket = config.s3_bucket,
                                        .access_key = config.s3_access_key,
                                        .secret = config.s3_secret,
                                        .path_style = config.s3_path_style,
                                        .timeout_seconds = config.s3_timeout});
    }
    if (config.storage_device != "local") {
        throw Error(ErrorType::kGeneralArgumentInvalid, "--storage-device must be local or s3.");
    }
    return storage::make_local_device(config.data_dir / "storage");
}

// `master_key`: see storage_master_key (empty for commands that never touch encrypted attributes).
std::unique_ptr<db::Store> open_store(const Config& config, std::string master_key = {}) {
    std::filesystem::create_directories(config.data_dir);
    return db::open_store(config.effective_db_url(), db::StoreOptions{.master_key = std::move(master_key)});
}

// Everything a running Basalt holds, built in dependency order.
struct Services {
    std::unique_ptr<db::Store> store;
    std::unique_ptr<platform::Directory> directory;
    std::unique_ptr<platform::LocaleCatalog> locale;
    std::unique_ptr<platform::Health> health;
    std::unique_ptr<auth::Courier> courier;
    std::unique_ptr<device::DeviceDetector> devices;
    std::jthread device_preload;
    std::unique_ptr<storage::Antivirus> antivirus;
    std::unique_ptr<storage::Device> file_device;
    std::unique_ptr<storage::Storage> file_storage;
    std::unique_ptr<avatars::Avatars> avatar_pictures;
    std::unique_ptr<storage::PreviewCache> preview_cache;
    std::unique_ptr<storage::Previews> previews;
    http::Router router;
    std::unique_ptr<api::Api> api;
    // After `api` and `store`: destroyed first, so no schema job outlives what it uses.
    std::unique_ptr<databases::SchemaJobs> schema_jobs;

    explicit Services(const Config& config) {
        const auto master_key = storage_master_key(config);
        store = open_store(config, master_key);
        directory = std::make_unique<platform::Directory>(*store);
        directory->prepare_projects();
        locale = std::make_unique<platform::LocaleCatalog>(platform::LocaleCatalogOptions{.geoip_database = config.geoip_db});
        health = std::make_unique<platform::Health>(
            platform::HealthOptions{.data_dir = config.data_dir,
                                    .ntp_server = config.ntp_server,
                                    .allow_private_hosts = config.allow_private_hosts},
            *store);
        api = std::make_unique<api::Api>(router, *directory, *store,
                                         api::ApiOptions{.client_ip_header = config.client_ip_header,
                                                         .rate_limits = config.rate_limits,
                                                         .inline_local_reads = config.effective_db_url().starts_with("sqlite:")});
        antivirus = std::make_unique<storage::Antivirus>(clamd_address(config));
        api::add_health_endpoints(*api, *health, *antivirus);
        api::add_locale_endpoints(*api, *locale);
        api::add_project_endpoints(*api, *directory);
        courier = std::make_unique<auth::Courier>(courier_options(config));
        devices = std::make_unique<device::DeviceDetector>();
        // Reading and compiling the detector's patterns takes ~50 ms: done beside start-up, so
        // neither start-up nor the first sign-in waits for it.
        device_preload = std::jthread([detector = devices.get()] {
            try {
                detector->preload();
            } catch (const std::exception& e) {
                spdlog::error("User-agent detection unavailable: {}", e.what());
            }
        });
        const api::AuthServices auth{*store, *directory, *locale, *courier, *devices};
        api->set_auditor(api::make_auditor(auth));
        api::add_account_endpoints(*api, auth);
        api::add_users_endpoints(*api, auth);
        api::add_token_endpoints(*api, auth);
        api::add_teams_endpoints(*api, auth);
        api::add_mfa_endpoints(*api, auth);
        api::add_project_auth_endpoints(*api, auth);
        api::add_oauth2_endpoints(*api, auth);
        schema_jobs = std::make_unique<databases::SchemaJobs>(*store, [dir = directory.get()] {
            std::vector<std::string> ids;
            for (const auto& project : dir->list_projects()) ids.push_back(project.id);
            return ids;
        });
        api::add_databases_endpoints(*api, *store, *schema_jobs);
        file_device = make_file_device(config);
        preview_cache = std::make_unique<storage::PreviewCache>(
            storage::PreviewCacheOptions{.root = config.data_dir / "cache" / "previews",
                                         .max_bytes = static_cast<std::uint64_t>(config.preview_cache_limit)});
        file_storage = std::make_unique<storage::Storage>(
            *store, *file_device,
            storage::StorageOptions{.file_size_limit = config.storage_limit,
                                    .master_key = master_key,
                                    .on_removed = [cache = preview_cache.get()](std::string_view folder) {
                                        cache->forget(folder);
                                    },
                                    .antivirus = antivirus.get()});
        previews = std::make_unique<storage::Previews>(*file_storage, *preview_cache);
        api::add_storage_endpoints(*api, *store, *file_storage, *previews);
        avatar_pictures = std::make_unique<avatars::Avatars>(
            avatars::AvatarsOptions{.icons_dir = config.avatar_icons,
                                    .allow_private_hosts = config.allow_private_hosts,
                                    .fetch_timeout_ms = config.avatar_fetch_timeout_ms,
                                    .fetch_limit = config.avatar_fetch_limit});
        api::add_avatars_endpoints(*api, *avatar_pictures);
    }
};

}  // namespace

int serve(const Config& config) {
    const auto started = std::chrono::steady_clock::now();
    const auto listen = parse_listen(config.listen);
    Services services(config);
    auto& api = *services.api;
    auto& router = services.router;
    std::unique_ptr<AccessLog> access_log = config.access_log ? std::make_unique<AccessLog>(STDOUT_FILENO) : nullptr;
    http::ServerHooks hooks{
        .fallback = [&api](http::Request& request) { return api.fallback(request); },
        .failure = [&api](http::Request& request, int status, std::string_view reason) {
            return api.failure(request, status, reason);
        },
        .completed = nullptr,
    };
    if (access_log) {
        hooks.completed = [log = access_log.get()](const http::Request& request, int status, double ms) {
            log->record(request, status, ms);
        };
    }
    http::Server server({.host = listen.host,
                         .port = listen.port,
                         .io_threads = config.io_threads,
                         .worker_threads = config.worker_threads,
                         .body_limit = config.body_limit},
                        router, std::move(hooks));
    server.listen();
    const auto ready_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    spdlog::info("Basalt {} (Appwrite {}) listening on http://{}:{}/v1 in {:.1f} ms, data {}",
                 BASALT_VERSION, BASALT_APPWRITE_VERSION, listen.host, server.port(), ready_ms,
                 config.effective_db_url());
    server.run();
    spdlog::info("Basalt stopped");
    return 0;
}

int init(const Config& config, const InitOptions& options) {
    auto store = open_store(config);
    platform::Directory directory(*store);
    const auto name = options.project_name.empty() ? options.project_id : options.project_name;
    const auto project = directory.create_project(ids::resolve(options.project_id, "project"), name);
    const platform::KeyChanges key{.name = "Basalt init", .scopes = every_key_scope(), .expire = std::nullopt};
    const auto created = directory.create_key(project, ids::unique(), key);
    const auto listen = parse_listen(config.listen);
    const auto endpoint = fmt::format("http://{}:{}/v1", listen.host, listen.port);
    if (options.json) {
        boost::json::object out{{"projectId", project.id}, {"apiKey", created.secret}, {"endpoint", endpoint}};
        std::cout << boost::json::serialize(out) << std::endl;
    } else {
        std::cout << "Project:  " << project.id << "\nAPI key:  " << created.secret
                  << "\nEndpoint: " << endpoint << "\n(the key is shown once; Basalt keeps only its digest)\n";
    }
    return 0;
}

int create_key(const Config& config, const KeyOptions& options) {
    auto store = open_store(config);
    platform::Directory directory(*store);
    const auto project = directory.find_project(options.project_id);
    if (!project) throw Error(ErrorType::kProjectNotFound);
    platform::KeyChanges key{.name = options.name.empty() ? "CLI key" : options.name,
                             .scopes = options.scopes.empty() ? every_key_scope() : options.scopes,
                             .expire = std::nullopt};
    for (const auto& scope : key.scopes) {
        if (!api::is_key_scope(scope)) throw Error(ErrorType::kGeneralArgumentInvalid, "Unknown scope: " + scope);
    }
    if (!options.expire.empty()) {
        key.expire = time::parse_iso(options.expire);
        if (!key.expire) throw Error(ErrorType::kGeneralArgumentInvalid, "Invalid expire: " + options.expire);
    }
    const auto created = directory.create_key(*project, ids::resolve(options.key_id, "keyId"), key);
    if (options.json) {
        boost::json::object out{{"projectId", project->id}, {"keyId", created.id}, {"apiKey", created.secret}};
        std::cout << boost::json::serialize(out) << std::endl;
    } else {
        std::cout << "Key " << created.id << " in project " << project->id << ":\n" << created.secret << "\n";
    }
    return 0;
}

int list_routes() {
    Config config;
    config.data_dir = std::filesystem::temp_directory_path() / ("basalt-routes-" + ids::unique());
    std::vector<std::string> lines;
    {
        Services services(config);
        for (const auto* route : services.router.routes()) {
            lines.push_back(fmt::format("{} {}", http::to_string(route->method), route->pattern));
        }
    }
    std::filesystem::remove_all(config.data_dir);
    std::sort(lines.begin(), lines.end());
    for (const auto& line : lines) std::cout << line << "\n";
    return 0;
}

}  // namespace basalt::app
