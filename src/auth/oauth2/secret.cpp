#include "auth/oauth2/secret.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>

#include "auth/oauth2/json_path.hpp"
#include "core/error.hpp"
#include "outbound/http_client.hpp"

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;

std::optional<json::object> parse_object(std::string_view raw) {
    boost::system::error_code ec;
    auto value = json::parse(raw, ec);
    if (ec || !value.is_object()) return std::nullopt;
    return std::move(value.as_object());
}

[[noreturn]] void throw_invalid_secret(const Provider& provider) {
    throw Error(
        ErrorType::kGeneralServerError,
        fmt::format("Invalid secret: the {} OAuth2 provider needs its app secret as a JSON object",
                    provider.name));
}

std::string secret_field(const json::object& fields, std::string_view name) {
    const auto* value = fields.if_contains(name);
    return value ? scalar_text(*value) : std::string();
}

}  // namespace

AppSecret read_secret(const Provider& provider, std::string_view raw) {
    AppSecret secret;
    switch (provider.secret) {
        case SecretFormat::kPlain:
            secret.client_secret = raw;
            break;
        case SecretFormat::kJsonOrPlain: {
            // Appwrite: the JSON's clientSecret, or the stored text itself when it has none.
            auto fields = parse_object(raw);
            const auto* client_secret = fields ? fields->if_contains("clientSecret") : nullptr;
            secret.client_secret = client_secret && client_secret->is_string()
                                       ? std::string(client_secret->get_string())
                                       : std::string(raw);
            if (fields) secret.fields = std::move(*fields);
            break;
        }
        case SecretFormat::kJson:
        case SecretFormat::kAppleKey: {
            auto fields = parse_object(raw);
            if (!fields) throw_invalid_secret(provider);
            secret.fields = std::move(*fields);
            if (provider.secret == SecretFormat::kJson) {
                secret.client_secret = secret_field(secret.fields, "clientSecret");
            }
            break;
        }
    }
    return secret;
}

std::string expand(const Provider& provider, std::string_view text, const TemplateValues& values) {
    std::string out;
    while (!text.empty()) {
        const auto open = text.find('{');
        const auto close = text.find('}', open);
        if (open == std::string_view::npos || close == std::string_view::npos) break;
        out.append(text.substr(0, open));
        auto name = text.substr(open + 1, close - open - 1);
        text.remove_prefix(close + 1);

        if (name == "app_id") {
            out += outbound::url_encode(values.app_id);
            continue;
        }
        if (name == "client_secret") {
            out += outbound::url_encode(values.client_secret);
            continue;
        }
        if (name == "token_user_id") {
            out += outbound::url_encode(values.token_user_id);
            continue;
        }
        const bool encode = name.starts_with('%');
        if (encode) name.remove_prefix(1);
        std::string_view fallback;
        if (const auto eq = name.find('='); eq != std::string_view::npos) {
            fallback = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        auto value = values.fields ? secret_field(*values.fields, name) : std::string();
        if (value.empty()) value = fallback;
        if (value.empty()) {
            throw Error(
                ErrorType::kProjectProviderDisabled,
                fmt::format("This provider is not configured: the {} OAuth2 app secret has no "
                            "\"{}\". Please configure the provider from your console to continue.",
                            provider.name, name));
        }
        out += encode ? outbound::url_encode(value) : value;
    }
    out.append(text);
    return out;
}

}  // namespace basalt::auth::oauth2
