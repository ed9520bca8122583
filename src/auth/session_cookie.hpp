// The value of Appwrite's session cookie (`a_session_<project>`), X-Appwrite-Session header
// and X-Fallback-Cookies entries: base64 of the JSON {"id": userId, "secret": sessionSecret}.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace basalt::auth {

struct SessionCredentials {
    std::string user_id;
    std::string secret;
};

std::string encode_session_cookie(const SessionCredentials& credentials);

// nullopt for anything that is not base64 of such an object with non-empty strings.
std::optional<SessionCredentials> decode_session_cookie(std::string_view value);

// "a_session_<projectId>"
std::string session_cookie_name(std::string_view project_id);

}  // namespace basalt::auth
