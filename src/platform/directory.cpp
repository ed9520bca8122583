#include "platform/directory.hpp"

#include <algorithm>
#include <array>
#include <boost/json/array.hpp>
#include <fmt/format.h>
#include <mutex>
#include <strings.h>
#include <shared_mutex>
#include <unordered_map>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "db/store.hpp"
#include "platform/collections.hpp"

namespace basalt::platform {
namespace {

using boost::json::array;
using boost::json::object;

// Lookups on the request path are cached this long. Writes through this node invalidate at
// once; the TTL bounds how long another node may act on a stale key or platform list.
constexpr std::int64_t kCacheTtlMs = 1000;
// accessedAt is written at most this often per key, as in Appwrite.
constexpr std::int64_t kKeyAccessIntervalMs = 24 * 60 * 60 * 1000;
constexpr std::int64_t kListAll = 5000;
constexpr std::string_view kSecretPrefix = "standard_";
constexpr std::size_t kSecretBytes = 128;

using namespace std::string_view_literals;
constexpr std::array kKeyQueryAttributes = {"expire"sv, "accessedAt"sv, "name"sv, "scopes"sv};
constexpr std::array kPlatformQueryAttributes = {"type"sv, "name"sv, "hostname"sv, "bundleIdentifier"sv,
                                                 "applicationId"sv, "packageIdentifierName"sv, "packageName"sv};

const db::Authorization kInternal = db::Authorization::internal();

// The server SDKs whose names (x-sdk-name, any case) Appwrite records on the keys they use.
constexpr std::array kServerSdks = {"Node.js", "PHP", "Python", "Ruby", "Go", ".NET",
                                    "Dart", "Kotlin", "Swift", "Rust", "GraphQL", "REST"};

bool is_server_sdk(std::string_view name) {
    return std::any_of(kServerSdks.begin(), kServerSdks.end(), [name](std::string_view known) {
        return known.size() == name.size() && strncasecmp(known.data(), name.data(), name.size()) == 0;
    });
}

std::vector<std::string> to_strings(const boost::json::value& value) {
    std::vector<std::string> out;
    if (!value.is_array()) return out;
    for (const auto& item : value.get_array()) {
        if (item.is_string()) out.emplace_back(item.get_string());
    }
    return out;
}

array to_array(const std::vector<std::string>& items) {
    array out;
    for (const auto& item : items) out.emplace_back(item);
    return out;
}

std::optional<std::int64_t> to_time(const boost::json::value* value) {
    if (!value || !value->is_string()) return std::nullopt;
    return time::parse_iso(value->get_string());
}

boost::json::value from_time(const std::optional<std::int64_t>& ms) {
    if (!ms) return nullptr;
    return boost::json::value(time::format_iso(*ms));
}

std::string text_of(const object& data, std::string_view key) {
    const auto* value = data.if_contains(key);
    return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

ApiKey key_from(const db::Document& doc, std::string_view project_id) {
    ApiKey key;
    key.id = doc.id;
    key.project_id = project_id;
    key.name = text_of(doc.data, "name");
    key.scopes = to_strings(doc.data.contains("scopes") ? doc.data.at("scopes") : nullptr);
    key.expire = to_time(doc.data.if_contains("expire"));
    key.accessed_at = to_time(doc.data.if_contains("accessedAt"));
    key.sdks = to_strings(doc.data.contains("sdks") ? doc.data.at("sdks") : nullptr);
    key.created_at = doc.created_at;
    key.updated_at = doc.updated_at;
    return key;
}

PlatformRecord platform_from(const db::Document& doc, std::string_view project_id) {
    PlatformRecord record;
    record.id = doc.id;
    record.project_id = project_id;
    const auto* info = find_platform_type(text_of(doc.data, "type"));
    record.type = info ? info->type : PlatformType::kWeb;
    record.name = text_of(doc.data, "name");
    record.key = text_of(doc.data, platform_type_info(record.type).identifier);
    record.created_at = doc.created_at;
    record.updated_at = doc.updated_at;
    return record;
}

object platform_data(PlatformType type, std::string_view name, std::string_view key) {
    object data;
    const auto& info = platform_type_info(type);
    data["type"] = info.name;
    data["name"] = name;
    for (const auto& other : platform_types()) data[other.identifier] = nullptr;
    data[info.identifier] = key;
    return data;
}

// The settings stored on a project record.
ProjectSettings settings_from(const object& data) {
    return ProjectSettings{.auth = auth_settings_from_json(text_of(data, "auths")),
                           .smtp = smtp_settings_from_json(text_of(data, "smtp")),
                           .email_templates = email_templates_from_json(text_of(data, "templates")),
                           .oauth2 = oauth2_providers_from_json(text_of(data, "oauth2"))};
}

db::DocumentPatch settings_patch(const ProjectSettings& settings) {
    db::DocumentPatch patch;
    patch.data["auths"] = auth_settings_to_json(settings.auth);
    patch.data["smtp"] = smtp_settings_to_json(settings.smtp);
    patch.data["templates"] = email_templates_to_json(settings.email_templates);
    patch.data["oauth2"] = oauth2_providers_to_json(settings.oauth2);
    return patch;
}

// Parses `texts`, allows filters on `allowed` attributes only and lists up to 5000 items when
// no limit is given, as Appwrite does for project keys and platforms.
std::vector<db::Query> page_queries(const std::vector<std::string>& texts, std::span<const std::string_view> allowed) {
    auto queries = db::parse_queries(texts);
    db::check_query_attributes(queries, allowed);
    bool has_limit = false;
    for (const auto& query : queries) has_limit = has_limit || query.method == db::QueryMethod::kLimit;
    if (!has_limit) queries.push_back(db::Query::limit(kListAll));
    return queries;
}

}  // namespace

struct Directory::Impl {
    // Constant after construction.
    db::Store& store;
    std::shared_ptr<db::Database> platform_db;

    // Caches, guarded by mutex.
    std::shared_mutex mutex;
    struct CachedProject {
        std::shared_ptr<const Project> project;
        std::int64_t loaded_at;
    };
    struct CachedKey {
        std::shared_ptr<const ApiKey> key;
        std::int64_t loaded_at;
    };
    std::unordered_map<std::string, CachedProject> projects;
    std::unordered_map<std::string, CachedKey> keys;  // "<project>/<secret hash>"

    explicit Impl(db::Store& s) : store(s), platform_db(s.platform()) {
        platform_db->ensure_collections(platform_collections());
    }

    std::shared_ptr<db::Database> project_db(const Project& project) { return store.project(project.id); }

    std::shared_ptr<const Project> load_project(std::string_view id) {
        const auto doc = platform_db->get_document(kInternal, "projects", id);
        if (!doc) return nullptr;
        auto project = std::make_shared<Project>();
        project->id = doc->id;
        project->name = text_of(doc->data, "name");
        project->created_at = doc->created_at;
        project->updated_at = doc->updated_at;
        auto settings = settings_from(doc->data);
        project->auth = std::move(settings.auth);
        project->smtp = std::move(settings.smtp);
        project->email_templates = std::move(settings.email_templates);
        project->oauth2 = std::move(settings.oauth2);
        project->jwt_secret = text_of(doc->data, "jwtSecret");
        if (project->jwt_secret.empty()) {
            // Projects made before JWTs existed get their secret on first use.
            project->jwt_secret = crypto::random_hex(32);
            platform_db->update_document(kInternal, "projects", id, {.data = {{"jwtSecret", project->jwt_secret}}});
        }
        const std::vector<db::Query> web = {db::Query::equal("type", array{"web"}),
                                            db::Query::limit(kListAll)};
        const auto platforms = store.project(id)->list_documents(kInternal, "platforms", web, {.with_total = false});
        for (const auto& platform : platforms.documents) {
            auto hostname = text_of(platform.data, "hostname");
            if (!hostname.empty()) project->web_hostnames.push_back(std::move(hostname));
        }
        return project;
    }

    void forget_project(std::string_view id) {
        std::unique_lock lock(mutex);
        projects.erase(std::string(id));
    }

    void forget_keys() {
        std::unique_lock lock(mutex);
        keys.clear();
    }
};

Directory::Directory(db::Store& store) : impl_(std::make_unique<Impl>(store)) {}

Directory::~Directory() = default;

std::shared_ptr<const Project> Directory::find_project(std::string_view id) {
    const auto now = time::now_ms();
    {
        std::shared_lock lock(impl_->mutex);
        const auto it = impl_->projects.find(std::string(id));
        if (it != impl_->projects.end() && now - it->second.loaded_at < kCacheTtlMs) {
            return it->second.project;
        }
    }
    auto project = impl_->load_project(id);
    if (project) {
        std::unique_lock lock(impl_->mutex);
        impl_->projects[project->id] = {project, now};
    }
    return project;
}

Project Directory::create_project(std::string_view id, std::string_view name) {
    db::Document doc;
    doc.id = id;
    doc.data["name"] = name;
    doc.data["jwtSecret"] = crypto::random_hex(32);
    try {
        doc = impl_->platform_db->create_document(kInternal, "projects", std::move(doc));
    } catch (const Error& e) {
        if (e.type() == ErrorType::kDocumentAlreadyExists) throw Error(ErrorType::kProjectAlreadyExists);
        throw;
    }
    impl_->store.project(id)->ensure_collections(project_collections());
    impl_->forget_project(id);
    return Project{.id = doc.id, .name = std::string(name), .created_at = doc.created_at,
                   .updated_at = doc.updated_at, .web_hostnames = {}};
}

std::vector<Project> Directory::list_projects() {
    std::vector<Project> out;
    std::vector<db::Query> queries = {db::Query::limit(kListAll)};
    for (;;) {
        const auto page = impl_->platform_db->list_documents(kInternal, "projects", queries, {.with_total = false});
        for (const auto& doc : page.documents) {
            out.push_back(Project{.id = doc.id, .name = text_of(doc.data, "name"),
                                  .created_at = doc.created_at, .updated_at = doc.updated_at,
                                  .web_hostnames = {}});
        }
        if (page.documents.size() < static_cast<std::size_t>(kListAll)) break;
        queries = {db::Query::limit(kListAll), db::Query::cursor_after(page.documents.back().id)};
    }
    return out;
}

std::shared_ptr<const Project> Directory::update_auth_settings(const Project& project,
                                                               const AuthSettings& settings) {
    return update_settings(project, [&settings](ProjectSettings& stored) { stored.auth = settings; });
}

std::shared_ptr<const Project> Directory::update_settings(const Project& project,
                                                          const std::function<void(ProjectSettings&)>& change) {
    impl_->platform_db->transact([&](db::Documents& tx) {
        // Writing the record first takes its row lock: on PostgreSQL (read committed) a
        // concurrent update waits here, then reads what this one committed. SQLite transactions
        // hold the one writer already.
        try {
            tx.update_document(kInternal, "projects", project.id, db::DocumentPatch{});
        } catch (const Error& e) {
            if (e.type() == ErrorType::kDocumentNotFound) throw Error(ErrorType::kProjectNotFound);
            throw;
        }
        const auto doc = tx.get_document(kInternal, "projects", project.id);
        if (!doc) throw Error(ErrorType::kProjectNotFound);
        auto settings = settings_from(doc->data);
        change(settings);
        tx.update_document(kInternal, "projects", project.id, settings_patch(settings));
    });
    impl_->forget_project(project.id);
    auto updated = find_project(project.id);
    if (!updated) throw Error(ErrorType::kProjectNotFound);
    return updated;
}

void Directory::prepare_projects() {
    for (const auto& project : list_projects()) {
        impl_->store.project(project.id)->ensure_collections(project_collections());
    }
}

std::shared_ptr<const ApiKey> Directory::authenticate(const Project& project, std::string_view secret,
                                                     std::string_view sdk) {
    if (secret.starts_with(kSecretPrefix)) secret.remove_prefix(kSecretPrefix.size());
    const auto hash = crypto::sha256_hex(secret);
    const auto cache_key = project.id + "/" + hash;
    const auto now = time::now_ms();
    std::shared_ptr<const ApiKey> key;
    bool cached = false;
    {
        std::shared_lock lock(impl_->mutex);
        const auto it = impl_->keys.find(cache_key);
        if (it != impl_->keys.end() && now - it->second.loaded_at < kCacheTtlMs) {
            key = it->second.key;
            cached = true;
        }
    }
    if (!key) {
        const std::vector<db::Query> by_hash = {db::Query::equal("secretHash", array{hash}),
                                                db::Query::limit(1)};
        const auto found = impl_->project_db(project)->list_documents(kInternal, "keys", by_hash,
                                                                      {.with_total = false});
        if (found.documents.empty()) return nullptr;
        const auto& doc = found.documents.front();
        if (!crypto::equal_constant_time(text_of(doc.data, "secretHash"), hash)) return nullptr;
        key = std::make_shared<ApiKey>(key_from(doc, project.id));
    }
    const bool new_sdk = is_server_sdk(sdk) && std::find(key->sdks.begin(), key->sdks.end(), sdk) == key->sdks.end();
    const bool stale = !key->accessed_at || now - *key->accessed_at > kKeyAccessIntervalMs;
    if (new_sdk || stale) {
        db::DocumentPatch patch;
        patch.data["accessedAt"] = time::format_iso(now);
        if (new_sdk) {
            auto sdks = key->sdks;
            sdks.emplace_back(sdk);
            patch.data["sdks"] = to_array(sdks);
        }
        auto doc = impl_->project_db(project)->update_document(kInternal, "keys", key->id, patch);
        key = std::make_shared<ApiKey>(key_from(doc, project.id));
        cached = false;
    }
    if (!cached) {
        std::unique_lock lock(impl_->mutex);
        impl_->keys[cache_key] = {key, now};
    }
    return key;
}

ApiKey Directory::create_key(const Project& project, std::string_view key_id, const KeyChanges& key) {
    const std::string secret = crypto::random_hex(kSecretBytes);
    db::Document doc;
    doc.id = key_id;
    doc.data["name"] = key.name;
    doc.data["scopes"] = to_array(key.scopes);
    doc.data["expire"] = from_time(key.expire);
    doc.data["accessedAt"] = nullptr;
    doc.data["sdks"] = array();
    doc.data["secretHash"] = crypto::sha256_hex(secret);
    try {
        doc = impl_->project_db(project)->create_document(kInternal, "keys", std::move(doc));
    } catch (const Error& e) {
        if (e.type() == ErrorType::kDocumentAlreadyExists) throw Error(ErrorType::kKeyAlreadyExists);
        throw;
    }
    ApiKey created = key_from(doc, project.id);
    created.secret = std::string(kSecretPrefix) + secret;
    return created;
}

Page<ApiKey> Directory::list_keys(const Project& project, const std::vector<std::string>& queries,
                                  bool with_total) {
    const auto parsed = page_queries(queries, kKeyQueryAttributes);
    const auto list = impl_->project_db(project)->list_documents(kInternal, "keys", parsed, {.with_total = with_total});
    Page<ApiKey> page{.total = list.total, .items = {}};
    for (const auto& doc : list.documents) page.items.push_back(key_from(doc, project.id));
    return page;
}

ApiKey Directory::get_key(const Project& project, std::string_view key_id) {
    const auto doc = impl_->project_db(project)->get_document(kInternal, "keys", key_id);
    if (!doc) throw Error(ErrorType::kKeyNotFound);
    return key_from(*doc, project.id);
}

ApiKey Directory::update_key(const Project& project, std::string_view key_id, const KeyChanges& changes) {
    db::DocumentPatch patch;
    patch.data["name"] = changes.name;
    patch.data["scopes"] = to_array(changes.scopes);
    patch.data["expire"] = from_time(changes.expire);
    try {
        auto doc = impl_->project_db(project)->update_document(kInternal, "keys", key_id, patch);
        impl_->forget_keys();
        return key_from(doc, project.id);
    } catch (const Error& e) {
        if (e.type() == ErrorType::kDocumentNotFound) throw Error(ErrorType::kKeyNotFound);
        throw;
    }
}

void Directory::delete_key(const Project& project, std::string_view key_id) {
    try {
        impl_->project_db(project)->delete_document(kInternal, "keys", key_id);
    } catch (const Error& e) {
        if (e.type() == ErrorType::kDocumentNotFound) throw Error(ErrorType::kKeyNotFound);
        throw;
    }
    impl_->forget_keys();
}

PlatformRecord Directory::create_platform(const Project& project, std::string_view platform_id,
                                          PlatformType type, std::string_view name, std::string_view key) {
    db::Document doc;
    doc.id = platform_id;
    doc.data = platform_data(type, name, key);
    try {
        doc = impl_->project_db(project)->create_document(kInternal, "platforms", std::move(doc));
    } catch (const Error& e) {
        if (e.type() == ErrorType::kDocumentAlreadyExists) throw Error(ErrorType::kPlatformAlreadyExists);
        throw;
    }
    impl_->forget_project(project.id);
    return platform_from(doc, project.id);
}

Page<PlatformRecord> Directory::list_platforms(const Project& project,
                                               const std::vector<std::string>& queries, bool with_total) {
    const auto parsed = page_queries(queries, kPlatformQueryAttributes);
    const auto list = impl_->project_db(project)->list_documents(kInternal, "platforms", parsed, {.with_total = with_total});
    Page<PlatformRecord> page{.total = list.total, .items = {}};
    for (const auto& doc : list.documents) page.items.push_back(platform_from(doc, project.id));
    return page;
}

PlatformRecord Directory::get_platform(const Project& project, std::string_view platform_id) {
    const auto doc = impl_->project_db(project)->get_document(kInternal, "platforms", platform_id);
    if (!doc) throw Error(ErrorType::kPlatformNotFound);
    return platform_from(*doc, project.id);
}

PlatformRecord Directory::update_platform(const Project& project, std::string_view platform_id,
                                          PlatformType type, std::string_view name, std::string_view key) {
    const auto current = get_platform(project, platform_id);
    if (current.type != type) throw Error(ErrorType::kPlatformMethodUnsupported);
    db::DocumentPatch patch;
    patch.data = platform_data(type, name, key);
    auto doc = impl_->project_db(project)->update_document(kInternal, "platforms", platform_id, patch);
    impl_->forget_project(project.id);
    return platform_from(doc, project.id);
}

void Directory::delete_platform(const Project& project, std::string_view platform_id) {
    try {
        impl_->project_db(project)->delete_document(kInternal, "platforms", platform_id);
    } catch (const Error& e) {
        if (e.type() == ErrorType::kDocumentNotFound) throw Error(ErrorType::kPlatformNotFound);
        throw;
    }
    impl_->forget_project(project.id);
}

}  // namespace basalt::platform
