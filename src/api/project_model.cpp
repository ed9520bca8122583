// The project model every /v1/project/* settings write answers with. Clients sending
// X-Appwrite-Response-Format below 1.9.5 get the flat `project` model of the 1.9.3 spec (auth*,
// smtp*, serviceStatusFor* ...); newer ones get the Project model of Appwrite 1.9.5+
// (authMethods, services, protocols), as Appwrite's own response filters do.
#include <array>
#include <cctype>
#include <span>

#include "api/project_oauth2_providers.hpp"
#include "api/project_settings_support.hpp"
#include "core/time.hpp"
#include "outbound/smtp.hpp"
#include "platform/directory.hpp"

namespace basalt::api::project_settings {
namespace {

namespace bj = boost::json;
using namespace std::string_view_literals;

// Appwrite's optional services and protocols; Basalt does not switch them off yet.
constexpr std::array kServices = {
    "account"sv,   "avatars"sv, "databases"sv, "tablesdb"sv,   "locale"sv,    "health"sv,
    "project"sv,   "storage"sv, "teams"sv,     "users"sv,      "vcs"sv,       "sites"sv,
    "functions"sv, "proxy"sv,   "graphql"sv,   "migrations"sv, "messaging"sv, "advisor"sv};
constexpr std::array kLegacyServices = {
    "Account"sv,   "Avatars"sv, "Databases"sv, "Tablesdb"sv,   "Locale"sv,   "Health"sv,
    "Project"sv,   "Storage"sv, "Teams"sv,     "Users"sv,      "Vcs"sv,      "Sites"sv,
    "Functions"sv, "Proxy"sv,   "Graphql"sv,   "Migrations"sv, "Messaging"sv};
constexpr std::array kProtocols = {"rest"sv, "graphql"sv, "websocket"sv};

std::string iso(std::int64_t ms) { return time::format_iso(ms); }

void add_smtp_fields(bj::object& model, const outbound::SmtpSettings& smtp) {
    model["smtpEnabled"] = smtp.enabled;
    model["smtpSenderName"] = smtp.sender_name;
    model["smtpSenderEmail"] = smtp.sender_email;
    model["smtpReplyToName"] = smtp.reply_to_name;
    model["smtpReplyToEmail"] = smtp.reply_to_email;
    model["smtpHost"] = smtp.host;
    model["smtpPort"] = smtp.port;
    model["smtpUsername"] = smtp.username;
    model["smtpPassword"] = "";  // write-only
    model["smtpSecure"] = smtp.secure;
}

bj::array id_enabled_list(std::span<const std::string_view> ids) {
    bj::array out;
    for (const auto id : ids) out.push_back(bj::object{{"$id", id}, {"enabled", true}});
    return out;
}

// Appwrite 1.9.5+ `Project`. Dev keys, labels, pings and blocks are not kept by Basalt: their
// defaults are shown.
bj::object current_project_model(const platform::Project& project) {
    bj::object model{{"$id", project.id},
                     {"$createdAt", iso(project.created_at)},
                     {"$updatedAt", iso(project.updated_at)},
                     {"name", project.name},
                     {"teamId", ""},
                     {"region", "default"},
                     {"devKeys", bj::array{}}};
    add_smtp_fields(model, project.smtp);
    model["pingCount"] = 0;
    model["pingedAt"] = "";
    model["labels"] = bj::array{};
    model["status"] = "active";
    bj::array methods;
    for (const auto& method : platform::auth_methods()) {
        methods.push_back(
            bj::object{{"$id", method.id}, {"enabled", project.auth.method_enabled(method.key)}});
    }
    model["authMethods"] = std::move(methods);
    model["services"] = id_enabled_list(kServices);
    model["protocols"] = id_enabled_list(kProtocols);
    model["blocks"] = bj::array{};
    model["consoleAccessedAt"] = "";
    return model;
}

// The flat `project` model of the 1.9.3 spec, for older response formats. Platforms, keys and
// webhooks are listed by their own endpoints; here they are left empty.
bj::object legacy_project_model(const platform::Project& project) {
    const auto& auth = project.auth;
    bj::object model{{"$id", project.id},
                     {"$createdAt", iso(project.created_at)},
                     {"$updatedAt", iso(project.updated_at)},
                     {"name", project.name}};
    for (const auto* empty : {"description", "teamId", "logo", "url", "legalName", "legalCountry",
                              "legalState", "legalCity", "legalAddress", "legalTaxId"}) {
        model[empty] = "";
    }
    model["authDuration"] = auth.session_duration;
    model["authLimit"] = auth.user_limit;
    model["authSessionsLimit"] = auth.max_sessions;
    model["authPasswordHistory"] = auth.password_history;
    model["authPasswordDictionary"] = auth.password_dictionary;
    model["authPersonalDataCheck"] = auth.personal_data_check;
    model["authDisposableEmails"] = false;
    model["authCanonicalEmails"] = false;
    model["authFreeEmails"] = false;
    bj::array numbers;
    for (const auto& number : auth.mock_numbers) numbers.push_back(mock_number_model(number));
    model["authMockNumbers"] = std::move(numbers);
    model["authSessionAlerts"] = auth.session_alerts;
    model["authMembershipsUserName"] = auth.memberships_user_name;
    model["authMembershipsUserEmail"] = auth.memberships_user_email;
    model["authMembershipsMfa"] = auth.memberships_mfa;
    model["authMembershipsUserId"] = auth.memberships_user_id;
    model["authMembershipsUserPhone"] = auth.memberships_user_phone;
    model["authInvalidateSessions"] = auth.invalidate_sessions;
    bj::array providers;
    for (const auto& provider : oauth2_providers()) {
        const auto found = project.oauth2.find(provider.id);
        const bool known = found != project.oauth2.end();
        providers.push_back(bj::object{{"key", provider.id},
                                       {"name", provider.name},
                                       {"appId", known ? found->second.app_id : std::string()},
                                       {"secret", ""},
                                       {"enabled", known && found->second.enabled}});
    }
    model["oAuthProviders"] = std::move(providers);
    for (const auto* empty : {"platforms", "webhooks", "keys", "devKeys"})
        model[empty] = bj::array{};
    add_smtp_fields(model, project.smtp);
    model["pingCount"] = 0;
    model["pingedAt"] = "";
    model["labels"] = bj::array{};
    model["status"] = "active";
    for (const auto& method : platform::auth_methods()) {
        auto key = std::string(method.key);
        key[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(key[0])));
        model["auth" + key] = auth.method_enabled(method.key);
    }
    for (const auto service : kLegacyServices)
        model["serviceStatusFor" + std::string(service)] = true;
    for (const auto protocol : {"Rest", "Graphql", "Websocket"})
        model["protocolStatusFor" + std::string(protocol)] = true;
    return model;
}

}  // namespace

bj::object mock_number_model(const platform::MockNumber& number) {
    return bj::object{{"number", number.phone},
                      {"otp", number.otp},
                      {"$createdAt", iso(number.created_at)},
                      {"$updatedAt", iso(number.updated_at)}};
}

bj::object project_model(const Context& ctx, const platform::Project& project) {
    return ctx.response_format >= kFormatProjectModel ? current_project_model(project)
                                                      : legacy_project_model(project);
}

http::Response update_project(Context& ctx, const AuthServices& services,
                              const std::function<void(platform::ProjectSettings&)>& change) {
    const auto project = services.directory.update_settings(ctx.require_project(), change);
    return json(200, project_model(ctx, *project));
}

}  // namespace basalt::api::project_settings
