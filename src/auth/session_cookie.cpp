#include "auth/session_cookie.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/crypto.hpp"

namespace basalt::auth {

std::string encode_session_cookie(const SessionCredentials& credentials) {
    const boost::json::object json{{"id", credentials.user_id}, {"secret", credentials.secret}};
    return crypto::base64_encode(boost::json::serialize(json));
}

std::optional<SessionCredentials> decode_session_cookie(std::string_view value) {
    if (value.empty() || value.size() > 4096) return std::nullopt;
    const auto text = crypto::base64_decode(value);
    if (!text) return std::nullopt;
    boost::system::error_code ec;
    unsigned char buffer[1024];  // the parse is thrown away: no heap for it
    boost::json::monotonic_resource scratch(buffer);
    const auto json = boost::json::parse(*text, ec, &scratch);
    if (ec || !json.is_object()) return std::nullopt;
    const auto* id = json.as_object().if_contains("id");
    const auto* secret = json.as_object().if_contains("secret");
    if (!id || !secret || !id->is_string() || !secret->is_string()) return std::nullopt;
    if (id->as_string().empty() || secret->as_string().empty()) return std::nullopt;
    return SessionCredentials{std::string(id->as_string()), std::string(secret->as_string())};
}

std::string session_cookie_name(std::string_view project_id) {
    return "a_session_" + std::string(project_id);
}

}  // namespace basalt::auth
