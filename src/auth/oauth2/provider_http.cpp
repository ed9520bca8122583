#include "auth/oauth2/provider_http.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>

#include "auth/oauth2/json_path.hpp"
#include "core/error.hpp"

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;

constexpr std::int64_t kTimeoutMs = 15'000;
constexpr std::size_t kMaxAnswerBytes = 1024 * 1024;
constexpr std::size_t kMaxQuotedBytes = 300;  // of a non-JSON refusal, in the error message

std::string text_or(const json::object& object, std::string_view name, std::string_view fallback) {
    const auto* value = object.if_contains(name);
    if (!value) return std::string(fallback);
    auto text = scalar_text(*value);
    return text.empty() && !value->is_string() ? std::string(fallback) : text;
}

// Appwrite's reading of an OAuth2 error answer (RFC 6749 §5.2 and the common variants).
std::string refusal_message(const Provider& provider, long status, std::string_view body) {
    boost::system::error_code ec;
    const auto value = json::parse(body, ec);
    if (!ec && value.is_object()) {
        const auto& object = value.as_object();
        const auto* error = object.if_contains("error");
        const auto* errors = object.if_contains("errors");
        std::string code;
        std::string description;
        if (error && error->is_object()) {
            code = text_or(error->as_object(), "status", "Unknown error");
            description = text_or(error->as_object(), "message", "No description");
        } else {
            code = error ? text_or(object, "error", "Unknown error")
                         : text_or(object, "message", "Unknown error");
            description = text_or(object, "error_description", "No description");
            if (errors && errors->is_array()) {
                description = text_at(*errors, "/0/message");
                if (description.empty()) description = "No description";
            }
        }
        return fmt::format("{}: {}", code, description);
    }
    if (body.empty())
        return fmt::format("The {} OAuth2 provider answered HTTP {}", provider.name, status);
    return std::string(body.substr(0, kMaxQuotedBytes));
}

}  // namespace

outbound::HttpResponse call_provider(const Provider& provider, outbound::HttpRequest request) {
    request.timeout_ms = kTimeoutMs;
    request.max_response_bytes = kMaxAnswerBytes;
    request.public_hosts_only = false;
    request.max_redirects = 0;
    try {
        return outbound::fetch(request);
    } catch (const Error& e) {
        throw Error(ErrorType::kUserOauth2ProviderError,
                    fmt::format("The {} OAuth2 provider could not be reached: {}", provider.name,
                                e.what()));
    }
}

void throw_refusal(const Provider& provider, long status, std::string_view body) {
    auto message = refusal_message(provider, status, body);
    switch (status) {
        case 400:
            throw Error(ErrorType::kUserOauth2BadRequest, std::move(message));
        case 401:
            throw Error(ErrorType::kUserOauth2Unauthorized, std::move(message));
        default:
            throw Error(ErrorType::kUserOauth2ProviderError, std::move(message));
    }
}

json::value fetch_json(const Provider& provider, outbound::HttpRequest request) {
    const auto response = call_provider(provider, std::move(request));
    if (response.status >= 400) throw_refusal(provider, response.status, response.body);
    boost::system::error_code ec;
    auto value = json::parse(response.body, ec);
    if (ec) {
        throw Error(ErrorType::kUserOauth2ProviderError,
                    fmt::format("The {} OAuth2 provider returned malformed JSON", provider.name));
    }
    return value;
}

}  // namespace basalt::auth::oauth2
