// The project's own settings reachable with an API key (/v1/project/*): keys and platforms.
#include <fmt/format.h>

#include "api/params.hpp"
#include "api/scopes.hpp"
#include "api/services.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "platform/directory.hpp"

namespace basalt::api {
namespace {

using boost::json::array;
using boost::json::object;
using http::Method;
using platform::PlatformType;

boost::json::value date_or_empty(const std::optional<std::int64_t>& ms) {
    return ms ? boost::json::value(time::format_iso(*ms)) : boost::json::value("");
}

array strings_of(const std::vector<std::string>& items) {
    array out;
    for (const auto& item : items) out.emplace_back(item);
    return out;
}

// Model `key`. The secret is only known when the key is created: Basalt keeps a digest of it.
object key_model(const platform::ApiKey& key) {
    return object{{"$id", key.id},
                  {"$createdAt", time::format_iso(key.created_at)},
                  {"$updatedAt", time::format_iso(key.updated_at)},
                  {"name", key.name},
                  {"expire", date_or_empty(key.expire)},
                  {"scopes", strings_of(key.scopes)},
                  {"secret", key.secret},
                  {"accessedAt", date_or_empty(key.accessed_at)},
                  {"sdks", strings_of(key.sdks)}};
}

// Models platformWeb, platformAndroid, platformApple, platformLinux, platformWindows.
object platform_model(const platform::PlatformRecord& record) {
    const auto& info = platform::platform_type_info(record.type);
    object model{{"$id", record.id},
                 {"$createdAt", time::format_iso(record.created_at)},
                 {"$updatedAt", time::format_iso(record.updated_at)},
                 {"name", record.name},
                 {"type", info.name}};
    model[info.identifier] = record.key;
    if (record.type == PlatformType::kWeb) model["key"] = "";
    return model;
}

platform::KeyChanges key_changes(Context& ctx) {
    platform::KeyChanges changes;
    changes.name = param::string(ctx, "name", 128);
    changes.scopes = param::strings(ctx, "scopes", true, 100, 128);
    for (const auto& scope : changes.scopes) {
        if (!is_key_scope(scope)) {
            throw Error(ErrorType::kGeneralArgumentInvalid,
                        fmt::format("Invalid `scopes` param: Value must be one of the project "
                                    "scopes; `{}` is not",
                                    scope));
        }
    }
    changes.expire = param::optional_datetime(ctx, "expire");
    return changes;
}

bool is_hostname_pattern(std::string_view host) {
    if (host.starts_with("*.")) host.remove_prefix(2);
    if (host.empty() || host.size() > 256) return false;
    for (char c : host) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '.' || c == '_';
        if (!ok) return false;
    }
    return true;
}

std::string platform_key(Context& ctx, const platform::PlatformTypeInfo& info) {
    auto key = param::string(ctx, info.identifier, 256);
    if (info.type == PlatformType::kWeb && !is_hostname_pattern(key)) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    "Invalid `hostname` param: Value must be a valid hostname without path, port "
                    "and protocol.");
    }
    return key;
}

void add_key_endpoints(Api& api, platform::Directory& directory) {
    api.add({Method::kGet, "/v1/project/keys", "keys.read", http::Execution::kBlocking,
             [&directory](Context& ctx) {
                 const auto queries = param::queries(ctx);
                 const bool total = param::boolean(ctx, "total", true);
                 const auto page = param::with_queries([&] { return directory.list_keys(ctx.require_project(), queries, total); });
                 array keys;
                 for (const auto& key : page.items) keys.push_back(key_model(key));
                 return json(200, object{{"total", page.total}, {"keys", std::move(keys)}});
             }});
    api.add({Method::kPost, "/v1/project/keys", "keys.write", http::Execution::kBlocking,
             [&directory](Context& ctx) {
                 const auto key_id = param::id(ctx, "keyId");
                 const auto changes = key_changes(ctx);
                 // As in Appwrite: a key cannot mint keys; a console session can (`basalt init`
                 // creates the first one).
                 if (ctx.caller.is_key()) throw Error(ErrorType::kKeyCreationDenied);
                 return json(201, key_model(directory.create_key(ctx.require_project(), key_id, changes)));
             }});
    api.add({Method::kGet, "/v1/project/keys/{keyId}", "keys.read", http::Execution::kBlocking,
             [&directory](Context& ctx) {
                 return json(200, key_model(directory.get_key(ctx.require_project(),
                                                              param::path_id(ctx, "keyId"))));
             }});
    api.add({Method::kPut, "/v1/project/keys/{keyId}", "keys.write", http::Execution::kBlocking,
             [&directory](Context& ctx) {
                 const auto changes = key_changes(ctx);
                 return json(200, key_model(directory.update_key(
                                      ctx.require_project(), param::path_id(ctx, "keyId"), changes)));
             }});
    api.add({Method::kDelete, "/v1/project/keys/{keyId}", "keys.write", http::Execution::kBlocking,
             [&directory](Context& ctx) {
                 directory.delete_key(ctx.require_project(), param::path_id(ctx, "keyId"));
                 return http::Response::no_content();
             }});
}

void add_platform_endpoints(Api& api, platform::Directory& directory) {
    api.add({Method::kGet, "/v1/project/platforms", "platforms.read", http::Execution::kBlocking,
             [&directory](Context& ctx) {
                 const auto queries = param::queries(ctx);
                 const bool total = param::boolean(ctx, "total", true);
                 const auto page = param::with_queries([&] {
                     return directory.list_platforms(ctx.require_project(), queries, total);
                 });
                 array platforms;
                 for (const auto& record : page.items) platforms.push_back(platform_model(record));
                 return json(200, object{{"total", page.total}, {"platforms", std::move(platforms)}});
             }});
    api.add({Method::kGet, "/v1/project/platforms/{platformId}", "platforms.read",
             http::Execution::kBlocking, [&directory](Context& ctx) {
                 return json(200, platform_model(directory.get_platform(
                                      ctx.require_project(), param::path_id(ctx, "platformId"))));
             }});
    api.add({Method::kDelete, "/v1/project/platforms/{platformId}", "platforms.write",
             http::Execution::kBlocking, [&directory](Context& ctx) {
                 directory.delete_platform(ctx.require_project(), param::path_id(ctx, "platformId"));
                 return http::Response::no_content();
             }});
    for (const auto& info : platform::platform_types()) {
        const std::string base = fmt::format("/v1/project/platforms/{}", info.name);
        api.add({Method::kPost, base, "platforms.write", http::Execution::kBlocking,
                 [&directory, &info](Context& ctx) {
                     const auto id = param::id(ctx, "platformId");
                     const auto name = param::string(ctx, "name", 128);
                     const auto key = platform_key(ctx, info);
                     return json(201, platform_model(directory.create_platform(
                                          ctx.require_project(), id, info.type, name, key)));
                 }});
        api.add({Method::kPut, base + "/{platformId}", "platforms.write", http::Execution::kBlocking,
                 [&directory, &info](Context& ctx) {
                     const auto name = param::string(ctx, "name", 128);
                     const auto key = platform_key(ctx, info);
                     return json(200, platform_model(directory.update_platform(
                                          ctx.require_project(), param::path_id(ctx, "platformId"),
                                          info.type, name, key)));
                 }});
    }
}

}  // namespace

void add_project_endpoints(Api& api, platform::Directory& directory) {
    add_key_endpoints(api, directory);
    add_platform_endpoints(api, directory);
}

}  // namespace basalt::api
