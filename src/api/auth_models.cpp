#include "api/auth_models.hpp"

#include <vector>

#include "auth/records.hpp"
#include "core/time.hpp"

namespace basalt::api {
namespace {

namespace json = boost::json;
using auth::bool_of;
using auth::text_of;

json::array string_array(const json::object& data, std::string_view key) {
    json::array out;
    for (auto& item : auth::strings_of(data, key)) out.push_back(json::string(item));
    return out;
}

// Datetimes as stored (ISO) or "" when unset, as Appwrite renders empty datetimes.
std::string date_of(const json::object& data, std::string_view key) { return text_of(data, key); }

struct HashOptionField {
    std::string_view model;   // field of the algo* model
    std::string_view stored;  // key in the stored hashOptions
};

struct HashOptionsModel {
    std::string_view algorithm;
    std::vector<HashOptionField> fields;  // after `type`
};

// The spec's algo* models (user.hashOptions), by the user's `hash`. Argon2's costs are stored
// with Appwrite's library names and shown with the model's.
const std::vector<HashOptionsModel>& hash_options_models() {
    static const std::vector<HashOptionsModel> models = {
        {"argon2", {{"memoryCost", "memory_cost"}, {"timeCost", "time_cost"}, {"threads", "threads"}}},
        {"scrypt", {{"costCpu", "costCpu"}, {"costMemory", "costMemory"}, {"costParallel", "costParallel"},
                    {"length", "length"}}},
        {"scryptMod", {{"salt", "salt"}, {"saltSeparator", "saltSeparator"}, {"signerKey", "signerKey"}}},
        {"bcrypt", {}},
        {"phpass", {}},
        {"sha", {}},
        {"md5", {}},
    };
    return models;
}

json::value hash_options_model(const json::object& user) {
    const auto algorithm = text_of(user, "hash");
    const auto stored = auth::object_of(user, "hashOptions");
    for (const auto& model : hash_options_models()) {
        if (model.algorithm != algorithm) continue;
        json::object out{{"type", algorithm}};
        for (const auto& field : model.fields) {
            const auto* value = stored.if_contains(field.stored);
            out[field.model] = value ? *value : json::value(nullptr);
        }
        return out;
    }
    return nullptr;  // no password
}

}  // namespace

json::object meta_model(const db::Document& doc, json::storage_ptr storage) {
    return json::object({{"$id", doc.id},
                         {"$createdAt", time::format_iso(doc.created_at)},
                         {"$updatedAt", time::format_iso(doc.updated_at)}},
                        std::move(storage));
}

json::object user_model(const db::Document& user, std::span<const db::Document> targets,
                        bool for_key, json::storage_ptr storage) {
    auto model = meta_model(user, storage);
    model.reserve(24);  // every field below: no rehash while it fills
    const auto& d = user.data;
    model["name"] = text_of(d, "name");
    if (for_key) {
        model["password"] = text_of(d, "password");
        model["hash"] = text_of(d, "hash");
        model["hashOptions"] = hash_options_model(d);
    }
    model["registration"] = date_of(d, "registration");
    model["status"] = bool_of(d, "status");
    model["labels"] = string_array(d, "labels");
    model["passwordUpdate"] = date_of(d, "passwordUpdate");
    model["email"] = text_of(d, "email");
    model["phone"] = text_of(d, "phone");
    model["emailVerification"] = bool_of(d, "emailVerification");
    model["phoneVerification"] = bool_of(d, "phoneVerification");
    model["mfa"] = bool_of(d, "mfa");
    model["prefs"] = auth::object_of(d, "prefs");
    json::array rendered_targets(storage);
    for (const auto& target : targets) rendered_targets.push_back(target_model(target, storage));
    model["targets"] = std::move(rendered_targets);
    model["accessedAt"] = date_of(d, "accessedAt");
    // impersonatorUserId is set only while a key impersonates the user, which Basalt does not
    // support yet; Appwrite leaves the optional field out then.
    model["impersonator"] = bool_of(d, "impersonator");
    return model;
}

json::object session_model(const db::Document& session, bool current, std::string_view country_name,
                           std::string_view secret) {
    auto model = meta_model(session);
    const auto& d = session.data;
    model["userId"] = text_of(d, "userId");
    model["expire"] = date_of(d, "expire");
    for (const char* key : {"provider", "providerUid", "providerAccessToken"}) model[key] = text_of(d, key);
    model["providerAccessTokenExpiry"] = date_of(d, "providerAccessTokenExpiry");
    model["providerRefreshToken"] = text_of(d, "providerRefreshToken");
    model["ip"] = text_of(d, "ip");
    for (const char* key : {"osCode", "osName", "osVersion", "clientType", "clientCode", "clientName",
                            "clientVersion", "clientEngine", "clientEngineVersion", "deviceName", "deviceBrand",
                            "deviceModel"}) {
        model[key] = text_of(d, key);
    }
    model["countryCode"] = text_of(d, "countryCode").empty() ? "--" : text_of(d, "countryCode");
    model["countryName"] = country_name;
    model["current"] = current;
    model["factors"] = string_array(d, "factors");
    model["secret"] = secret;
    model["mfaUpdatedAt"] = date_of(d, "mfaUpdatedAt");
    return model;
}

json::object target_model(const db::Document& target, json::storage_ptr storage) {
    auto model = meta_model(target, std::move(storage));
    const auto& d = target.data;
    model["name"] = text_of(d, "name");
    model["userId"] = text_of(d, "userId");
    const auto provider = text_of(d, "providerId");
    model["providerId"] = provider.empty() ? json::value(nullptr) : json::value(provider);
    model["providerType"] = text_of(d, "providerType");
    model["identifier"] = text_of(d, "identifier");
    model["expired"] = bool_of(d, "expired");
    return model;
}

json::object preferences_model(const db::Document& record) { return auth::object_of(record.data, "prefs"); }

}  // namespace basalt::api
