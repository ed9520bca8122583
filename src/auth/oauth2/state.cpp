#include "auth/oauth2/state.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "auth/oauth2/encoding.hpp"
#include "auth/oauth2/pkce.hpp"
#include "core/error.hpp"
#include "outbound/http_client.hpp"

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;

constexpr std::string_view kPkceField = "_pkce";

[[noreturn]] void throw_unreadable() {
    throw Error(ErrorType::kGeneralServerError,
                "Failed to parse login state params as passed from OAuth2 provider");
}

std::optional<json::object> parse_object(std::string_view text) {
    boost::system::error_code ec;
    auto value = json::parse(text, ec);
    if (ec || !value.is_object()) return std::nullopt;
    return std::move(value.as_object());
}

// Some providers (Salesforce, Yahoo, Yandex in Appwrite's experience) echo the state
// HTML-escaped; plain JSON is tried first.
json::object parse_state_json(std::string_view text) {
    if (auto object = parse_object(text)) return std::move(*object);
    if (auto object = parse_object(decode_html_entities(text))) return std::move(*object);
    throw_unreadable();
}

std::string optional_string(const json::object& state, std::string_view name) {
    const auto* value = state.if_contains(name);
    if (!value || value->is_null()) return {};
    if (!value->is_string()) throw_unreadable();
    return std::string(value->get_string());
}

}  // namespace

std::string encode_state(const Provider& provider, const LoginState& state,
                         std::string_view code_verifier, std::string_view key) {
    json::object object{
        {"success", state.success}, {"failure", state.failure}, {"token", state.token}};
    if (!code_verifier.empty()) object[kPkceField] = seal_verifier(code_verifier, key);
    const auto text = json::serialize(object);
    switch (provider.state_encoding) {
        case StateEncoding::kJson:
            return text;
        case StateEncoding::kUrlEncodedJson:
            return outbound::url_encode(text);
        case StateEncoding::kBase64UrlJson:
            return base64url_encode(text);
    }
    return text;
}

CallbackState decode_state(const Provider& provider, std::string_view text, std::string_view key) {
    std::string json_text;
    switch (provider.state_encoding) {
        case StateEncoding::kJson:
            json_text = text;
            break;
        case StateEncoding::kUrlEncodedJson:
            json_text = percent_decode(decode_html_entities(text));
            break;
        case StateEncoding::kBase64UrlJson: {
            auto decoded = base64url_decode(text);
            if (!decoded) throw_unreadable();
            json_text = std::move(*decoded);
            break;
        }
    }
    const auto state = parse_state_json(json_text);
    CallbackState result;
    result.login.success = optional_string(state, "success");
    result.login.failure = optional_string(state, "failure");
    if (const auto* token = state.if_contains("token"); token && !token->is_null()) {
        if (!token->is_bool()) throw_unreadable();
        result.login.token = token->get_bool();
    }
    if (provider.pkce) {
        const auto* sealed = state.if_contains(kPkceField);
        auto verifier = sealed ? open_verifier(*sealed, key) : std::nullopt;
        if (!verifier) throw_unreadable();
        result.code_verifier = std::move(*verifier);
    }
    return result;
}

}  // namespace basalt::auth::oauth2
