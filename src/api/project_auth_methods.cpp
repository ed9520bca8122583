// /v1/project/auth-methods/{methodId} (switch a sign-in method on or off) and
// /v1/project/policies/* (password, session, user and membership policies).
#include <algorithm>
#include <array>

#include "api/params.hpp"
#include "api/project_settings_support.hpp"
#include "platform/directory.hpp"

namespace basalt::api::project_settings {
namespace {

namespace bj = boost::json;
using http::Method;
using platform::ProjectSettings;
using namespace std::string_view_literals;

bj::object password_strength_model(const platform::PasswordStrength& strength) {
    return bj::object{{"$id", "password-strength"},      {"min", strength.min_length},
                      {"uppercase", strength.uppercase}, {"lowercase", strength.lowercase},
                      {"number", strength.number},       {"symbols", strength.symbols}};
}

// Models policy<Name>, by policy id.
bj::object policy_model(std::string_view id, const platform::AuthSettings& auth) {
    const auto flag = [&](bool enabled) { return bj::object{{"$id", id}, {"enabled", enabled}}; };
    const auto total = [&](std::int64_t n) { return bj::object{{"$id", id}, {"total", n}}; };
    if (id == "password-dictionary") return flag(auth.password_dictionary);
    if (id == "password-history") return total(auth.password_history);
    if (id == "password-strength") return password_strength_model(auth.password_strength);
    if (id == "password-personal-data") return flag(auth.personal_data_check);
    if (id == "session-alert") return flag(auth.session_alerts);
    if (id == "session-duration")
        return bj::object{{"$id", id}, {"duration", auth.session_duration}};
    if (id == "session-invalidation") return flag(auth.invalidate_sessions);
    if (id == "session-limit") return total(auth.max_sessions);
    if (id == "user-limit") return total(auth.user_limit);
    return bj::object{{"$id", id},
                      {"userId", auth.memberships_user_id},
                      {"userEmail", auth.memberships_user_email},
                      {"userPhone", auth.memberships_user_phone},
                      {"userName", auth.memberships_user_name},
                      {"userMFA", auth.memberships_mfa},
                      {"userAccessedAt", auth.memberships_user_accessed_at}};
}

// In Appwrite's order (GET /v1/project/policies).
constexpr std::array kPolicyIds = {"password-dictionary"sv,  "password-history"sv,
                                   "password-strength"sv,    "password-personal-data"sv,
                                   "session-alert"sv,        "session-duration"sv,
                                   "session-invalidation"sv, "session-limit"sv,
                                   "user-limit"sv,           "membership-privacy"sv};

// The policies switched by one `enabled` flag: route id and the setting it switches.
struct FlagPolicy {
    std::string_view id;
    bool platform::AuthSettings::*flag;
};
constexpr FlagPolicy kFlagPolicies[] = {
    {"password-dictionary", &platform::AuthSettings::password_dictionary},
    {"password-personal-data", &platform::AuthSettings::personal_data_check},
    {"session-alert", &platform::AuthSettings::session_alerts},
    {"session-invalidation", &platform::AuthSettings::invalidate_sessions},
};

// The policies set by one nullable `total` (1..5000; null = 0, no limit).
struct TotalPolicy {
    std::string_view id;
    std::int64_t platform::AuthSettings::*total;
};
constexpr TotalPolicy kTotalPolicies[] = {
    {"password-history", &platform::AuthSettings::password_history},
    {"session-limit", &platform::AuthSettings::max_sessions},
    {"user-limit", &platform::AuthSettings::user_limit},
};

void add_policy_update_endpoints(Api& api, const AuthServices& services) {
    const auto path = [](std::string_view id) {
        return fmt::format("/v1/project/policies/{}", id);
    };
    for (const auto& policy : kFlagPolicies) {
        api.add({Method::kPatch, path(policy.id), "policies.write", http::Execution::kBlocking,
                 [services, policy](Context& ctx) {
                     const bool enabled = required_bool(ctx, "enabled");
                     return update_project(
                         ctx, services, [&](ProjectSettings& s) { s.auth.*policy.flag = enabled; });
                 }});
    }
    for (const auto& policy : kTotalPolicies) {
        api.add({Method::kPatch, path(policy.id), "policies.write", http::Execution::kBlocking,
                 [services, policy](Context& ctx) {
                     const auto total =
                         required_nullable_integer(ctx, "total", 1, kLimitCount).value_or(0);
                     return update_project(
                         ctx, services, [&](ProjectSettings& s) { s.auth.*policy.total = total; });
                 }});
    }
    api.add({Method::kPatch, path("session-duration"), "policies.write", http::Execution::kBlocking,
             [services](Context& ctx) {
                 if (!given(ctx, "duration")) not_optional("duration");
                 const auto duration = param::integer(ctx, "duration", 0, 5, 31'536'000);
                 return update_project(ctx, services, [&](ProjectSettings& s) {
                     s.auth.session_duration = duration;
                 });
             }});
    api.add({Method::kPatch, path("membership-privacy"), "policies.write",
             http::Execution::kBlocking, [services](Context& ctx) {
                 const std::pair<const char*, bool platform::AuthSettings::*> fields[] = {
                     {"userId", &platform::AuthSettings::memberships_user_id},
                     {"userEmail", &platform::AuthSettings::memberships_user_email},
                     {"userPhone", &platform::AuthSettings::memberships_user_phone},
                     {"userName", &platform::AuthSettings::memberships_user_name},
                     {"userMFA", &platform::AuthSettings::memberships_mfa},
                     {"userAccessedAt", &platform::AuthSettings::memberships_user_accessed_at},
                 };
                 std::vector<std::pair<bool platform::AuthSettings::*, bool>> changes;
                 for (const auto& [name, member] : fields) {
                     if (const auto value = nullable_bool(ctx, name))
                         changes.emplace_back(member, *value);
                 }
                 return update_project(ctx, services, [&](ProjectSettings& s) {
                     for (const auto& [member, value] : changes) s.auth.*member = value;
                 });
             }});
    // Not in the 1.9.3 spec; node-appwrite calls it and Appwrite 1.9.6 answers with the policy.
    api.add({Method::kPatch, path("password-strength"), "policies.write",
             http::Execution::kBlocking, [services](Context& ctx) {
                 std::optional<std::int64_t> min;
                 if (given(ctx, "min")) min = param::integer(ctx, "min", 8, 8, 256);
                 const auto uppercase = nullable_bool(ctx, "uppercase");
                 const auto lowercase = nullable_bool(ctx, "lowercase");
                 const auto number = nullable_bool(ctx, "number");
                 const auto symbols = nullable_bool(ctx, "symbols");
                 const auto project = services.directory.update_settings(
                     ctx.require_project(), [&](ProjectSettings& s) {
                         auto& strength = s.auth.password_strength;
                         strength.min_length = min.value_or(strength.min_length);
                         strength.uppercase = uppercase.value_or(strength.uppercase);
                         strength.lowercase = lowercase.value_or(strength.lowercase);
                         strength.number = number.value_or(strength.number);
                         strength.symbols = symbols.value_or(strength.symbols);
                     });
                 return json(200, password_strength_model(project->auth.password_strength));
             }});
}

}  // namespace

void add_auth_method_endpoints(Api& api, const AuthServices& services) {
    api.add({Method::kPatch, "/v1/project/auth-methods/{methodId}", "project.write",
             http::Execution::kBlocking, [services](Context& ctx) {
                 const auto id = ctx.request.path_param("methodId");
                 const auto* method = platform::find_auth_method(id);
                 if (!method) {
                     std::vector<std::string_view> ids;
                     for (const auto& known : platform::auth_methods()) ids.push_back(known.id);
                     one_of("methodId", ids, id);
                 }
                 const bool enabled = required_bool(ctx, "enabled");
                 return update_project(ctx, services, [&](ProjectSettings& settings) {
                     auto& disabled = settings.auth.disabled_methods;
                     disabled.erase(std::remove(disabled.begin(), disabled.end(), method->key),
                                    disabled.end());
                     if (!enabled) disabled.emplace_back(method->key);
                 });
             }});
}

void add_policy_endpoints(Api& api, const AuthServices& services) {
    api.add({Method::kGet, "/v1/project/policies", "policies.read", http::Execution::kBlocking,
             [](Context& ctx) {
                 const auto slice = list_slice(ctx);
                 const std::vector<std::string_view> ids(kPolicyIds.begin(), kPolicyIds.end());
                 const auto& auth = ctx.require_project().auth;
                 return json(200, list_model("policies", ids, slice, [&](std::string_view id) {
                                 return policy_model(id, auth);
                             }));
             }});
    api.add({Method::kGet, "/v1/project/policies/{policyId}", "policies.read",
             http::Execution::kBlocking, [](Context& ctx) {
                 const auto id = one_of("policyId", kPolicyIds, ctx.request.path_param("policyId"));
                 return json(200, policy_model(id, ctx.require_project().auth));
             }});
    add_policy_update_endpoints(api, services);
}

}  // namespace basalt::api::project_settings
