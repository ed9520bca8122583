// Each Appwrite service registers its endpoints here; app.cpp wires them up.
#pragma once

#include "api/api.hpp"
#include "api/auth_support.hpp"

namespace basalt::platform {
class Directory;
class Health;
class LocaleCatalog;
}  // namespace basalt::platform

namespace basalt::databases {
class SchemaJobs;
}  // namespace basalt::databases
namespace basalt::avatars {
class Avatars;
}  // namespace basalt::avatars
namespace basalt::storage {
class Antivirus;
class FileTokens;
class Storage;
class Previews;
}

namespace basalt::api {

// `antivirus` answers /v1/health/anti-virus.
void add_health_endpoints(Api& api, platform::Health& health, const storage::Antivirus& antivirus);
void add_locale_endpoints(Api& api, const platform::LocaleCatalog& catalog);
void add_project_endpoints(Api& api, platform::Directory& directory);
void add_account_endpoints(Api& api, const AuthServices& services);
// Writes audit entries for the routes audits.hpp lists.
Auditor make_auditor(const AuthServices& services);
// GET .../logs: the log model list of a user (its own actions) or of a team (what was done to it).
enum class LogsOf { kUser, kTeam };
http::Response logs_response(Context& ctx, const AuthServices& services, LogsOf of, std::string_view id);
void add_users_endpoints(Api& api, const AuthServices& services);
void add_token_endpoints(Api& api, const AuthServices& services);
void add_teams_endpoints(Api& api, const AuthServices& services);
void add_mfa_endpoints(Api& api, const AuthServices& services);
void add_project_auth_endpoints(Api& api, const AuthServices& services);
void add_oauth2_endpoints(Api& api, const AuthServices& services);
// Databases and TablesDB (src/api/databases/).
// `jobs` runs their schema work in the background (index builds, drops of deleted data).
void add_databases_endpoints(Api& api, db::Store& store, databases::SchemaJobs& jobs);
// Storage: buckets (storage.cpp), files (storage_files.cpp) and file tokens (tokens.cpp).
void add_storage_endpoints(Api& api, db::Store& store, storage::Storage& storage, storage::Previews& previews);
void add_file_endpoints(Api& api, storage::Storage& storage, std::shared_ptr<storage::FileTokens> tokens);
void add_file_token_endpoints(Api& api, storage::Storage& storage, std::shared_ptr<storage::FileTokens> tokens);
// Avatars (avatars.cpp).
void add_avatars_endpoints(Api& api, const avatars::Avatars& avatars);

// GET .../files/{fileId}/preview (storage_preview.cpp).
void add_preview_endpoints(Api& api, storage::Previews& previews, std::shared_ptr<storage::FileTokens> tokens);

}  // namespace basalt::api
