// /v1/project/oauth2/*: each OAuth2 provider's app id, secret and extra fields, and whether
// it is enabled. Providers whose secret has several parts store it as JSON, as Appwrite does.
#include <algorithm>
#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>

#include "api/params.hpp"
#include "api/project_oauth2_providers.hpp"
#include "api/project_settings_support.hpp"
#include "platform/directory.hpp"

namespace basalt::api::project_settings {
namespace {

namespace bj = boost::json;
using http::Method;
using platform::ProjectSettings;
using namespace std::string_view_literals;

constexpr int kFormatOidcUrls = 10904;  // 1.9.4: tokenURL/userInfoURL

constexpr std::array kPromptValues = {"none"sv, "consent"sv, "select_account"sv};

// scheme "://" and something after it, no white space or control characters: the shape PHP's
// URL filter asks of Appwrite's URL params. Fetching is left to the OAuth2 flow's HTTP client,
// which parses the URL itself.
bool is_url(std::string_view url) {
    const auto colon = url.find("://");
    if (colon == std::string_view::npos || colon == 0 || colon + 3 >= url.size()) return false;
    const auto scheme = url.substr(0, colon);
    const bool scheme_ok =
        std::isalpha(static_cast<unsigned char>(scheme[0])) &&
        std::all_of(scheme.begin(), scheme.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
        });
    const bool rest_ok = std::none_of(url.begin(), url.end(), [](char c) {
        return static_cast<unsigned char>(c) <= ' ' || c == 0x7f;
    });
    return scheme_ok && rest_ok;
}

// The stored JSON secret of a JSON provider (a plain secret stored earlier counts as its
// clientSecret, as Appwrite reads Google's).
bj::object secret_object(const ProviderInfo& provider, const std::string& stored) {
    bj::object out;
    if (!stored.empty()) {
        boost::system::error_code ec;
        auto value = bj::parse(stored, ec);
        if (!ec && value.is_object()) {
            out = std::move(value.as_object());
        } else if (!provider.client_secret.empty()) {
            out["clientSecret"] = stored;
        }
    }
    return out;
}

std::string text_in(const bj::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

bj::value prompt_or_default(const bj::object& secret) {
    const auto* value = secret.if_contains("prompt");
    if (value && value->is_array()) return *value;
    return bj::array{"consent"};
}

// Models oAuth2<Provider>: secrets are write-only ("").
bj::object provider_model(const Context& ctx, const ProviderInfo& provider,
                          const platform::Project& project) {
    const auto found = project.oauth2.find(provider.id);
    const platform::OAuth2ProviderSettings none;
    const auto& stored = found == project.oauth2.end() ? none : found->second;
    bj::object model{
        {"$id", provider.id}, {"enabled", stored.enabled}, {provider.client_id, stored.app_id}};
    if (!provider.client_secret.empty()) model[provider.client_secret] = "";
    const auto secret = secret_object(provider, stored.secret);
    for (const auto& field : provider.extras) {
        const bool legacy = !field.legacy_name.empty() && ctx.response_format < kFormatOidcUrls;
        const auto name = legacy ? field.legacy_name : field.param;
        if (field.check == FieldCheck::kPrompt) {
            model[name] = prompt_or_default(secret);
        } else {
            model[name] = field.write_only ? std::string() : text_in(secret, field.json_key);
        }
    }
    return model;
}

// The value of `field` in the request, validated; nullopt when not given.
std::optional<bj::value> extra_param(Context& ctx, const ExtraField& field) {
    auto name = field.param;
    if (!given(ctx, name) && !field.legacy_name.empty() && given(ctx, field.legacy_name))
        name = field.legacy_name;
    if (!given(ctx, name)) return std::nullopt;
    switch (field.check) {
        case FieldCheck::kText256:
            return bj::value(param::string(ctx, name, 256, true));
        case FieldCheck::kText4096:
            return bj::value(param::string(ctx, name, 4096, true));
        case FieldCheck::kUrl: {
            auto url = param::string(ctx, name, 2048, true);
            if (!url.empty() && !is_url(url)) invalid(name, "Value must be a valid URL");
            return bj::value(url);
        }
        case FieldCheck::kDomain: {
            auto domain = param::string(ctx, name, 256, true);
            if (!domain.empty() &&
                (!is_hostname(domain) || domain.find('.') == std::string::npos)) {
                invalid(name, "Value must be a valid domain");
            }
            return bj::value(domain);
        }
        case FieldCheck::kPrompt: {
            const auto values = param::strings(ctx, name, false, 3, 32);
            bj::array prompt;
            for (const auto& value : values)
                prompt.emplace_back(one_of(name, kPromptValues, value));
            if (prompt.empty()) invalid(name, "Give at least one prompt value.");
            if (prompt.size() > 1 &&
                std::find(values.begin(), values.end(), "none") != values.end()) {
                invalid(name, "\"none\" cannot be combined with other prompt values.");
            }
            return bj::value(std::move(prompt));
        }
    }
    return std::nullopt;
}

struct ProviderChanges {
    std::optional<std::string> app_id;
    std::optional<std::string> client_secret;
    std::vector<std::pair<const ExtraField*, bj::value>> extras;
    std::optional<bool> enabled;
};

ProviderChanges provider_changes(Context& ctx, const ProviderInfo& provider) {
    ProviderChanges changes;
    changes.app_id = nullable_text(ctx, provider.client_id, 256);
    if (!provider.client_secret.empty())
        changes.client_secret = nullable_text(ctx, provider.client_secret, 512);
    for (const auto& field : provider.extras) {
        if (auto value = extra_param(ctx, field))
            changes.extras.emplace_back(&field, std::move(*value));
    }
    changes.enabled = nullable_bool(ctx, "enabled");
    return changes;
}

// Why the provider cannot be enabled with `settings`; empty when it can.
std::string enable_problem(const ProviderInfo& provider,
                           const platform::OAuth2ProviderSettings& settings) {
    const auto secret =
        provider.extras.empty() ? bj::object{} : secret_object(provider, settings.secret);
    const auto client_secret =
        provider.extras.empty() ? settings.secret : text_in(secret, "clientSecret");
    if (settings.app_id.empty())
        return fmt::format("{} cannot be enabled without its {}.", provider.name,
                           provider.client_id);
    if (!provider.client_secret.empty() && client_secret.empty()) {
        return fmt::format("{} cannot be enabled without its {}.", provider.name,
                           provider.client_secret);
    }
    for (const auto& field : provider.extras) {
        if (field.needed_to_enable && text_in(secret, field.json_key).empty()) {
            return fmt::format("{} cannot be enabled without its {}.", provider.name, field.param);
        }
    }
    if (provider.id == "oidc") {
        const bool discovery = !text_in(secret, "authorizationEndpoint").empty() &&
                               !text_in(secret, "tokenEndpoint").empty() &&
                               !text_in(secret, "userInfoEndpoint").empty();
        if (text_in(secret, "wellKnownEndpoint").empty() && !discovery) {
            return "OpenID Connect cannot be enabled without wellKnownURL, or else "
                   "authorizationURL, tokenURL and "
                   "userInfoURL.";
        }
    }
    return {};
}

void apply_provider(const ProviderInfo& provider, const ProviderChanges& changes,
                    platform::OAuth2ProviderSettings& settings) {
    if (changes.app_id) settings.app_id = *changes.app_id;
    if (provider.extras.empty()) {
        if (changes.client_secret) settings.secret = *changes.client_secret;
    } else if (changes.client_secret || !changes.extras.empty()) {
        // Appwrite's JSON shape: every field present, given values over the stored ones.
        const auto stored = secret_object(provider, settings.secret);
        bj::object secret;
        if (!provider.client_secret.empty())
            secret["clientSecret"] =
                changes.client_secret.value_or(text_in(stored, "clientSecret"));
        for (const auto& field : provider.extras) {
            const auto given_value =
                std::find_if(changes.extras.begin(), changes.extras.end(),
                             [&](const auto& change) { return change.first == &field; });
            if (given_value != changes.extras.end()) {
                secret[field.json_key] = given_value->second;
            } else if (field.check == FieldCheck::kPrompt) {
                secret[field.json_key] = prompt_or_default(stored);
            } else {
                secret[field.json_key] = text_in(stored, field.json_key);
            }
        }
        settings.secret = bj::serialize(secret);
    }
    if (changes.enabled) settings.enabled = *changes.enabled;
    if (changes.enabled == false) return;
    // Appwrite checks the credentials with the provider before enabling (for a few providers)
    // and enables complete settings when `enabled` is not given; Basalt checks completeness only.
    const auto problem = enable_problem(provider, settings);
    if (problem.empty()) {
        settings.enabled = true;
    } else if (changes.enabled == true) {
        throw Error(ErrorType::kGeneralArgumentInvalid, problem);
    }
}

}  // namespace

void add_oauth2_settings_endpoints(Api& api, const AuthServices& services) {
    api.add({Method::kGet, "/v1/project/oauth2", "oauth2.read", http::Execution::kBlocking,
             [](Context& ctx) {
                 const auto slice = list_slice(ctx);
                 const std::vector<const ProviderInfo*> providers = [] {
                     std::vector<const ProviderInfo*> all;
                     for (const auto& provider : oauth2_providers()) all.push_back(&provider);
                     return all;
                 }();
                 const auto& project = ctx.require_project();
                 return json(200, list_model("providers", providers, slice,
                                             [&](const ProviderInfo* provider) {
                                                 return provider_model(ctx, *provider, project);
                                             }));
             }});
    api.add({Method::kGet, "/v1/project/oauth2/{provider}", "oauth2.read",
             http::Execution::kBlocking, [](Context& ctx) {
                 const auto id = ctx.request.path_param("provider");
                 const auto* provider = find_oauth2_provider(id);
                 if (!provider) {
                     std::vector<std::string_view> ids;
                     for (const auto& known : oauth2_providers()) ids.push_back(known.id);
                     one_of("providerId", ids, id);
                 }
                 return json(200, provider_model(ctx, *provider, ctx.require_project()));
             }});
    for (const auto& provider : oauth2_providers()) {
        api.add({Method::kPatch, fmt::format("/v1/project/oauth2/{}", provider.id), "oauth2.write",
                 http::Execution::kBlocking, [services, &provider](Context& ctx) {
                     const auto changes = provider_changes(ctx, provider);
                     const auto project = services.directory.update_settings(
                         ctx.require_project(), [&](ProjectSettings& s) {
                             apply_provider(provider, changes, s.oauth2[std::string(provider.id)]);
                         });
                     return json(200, provider_model(ctx, provider, *project));
                 }});
    }
}

}  // namespace basalt::api::project_settings
