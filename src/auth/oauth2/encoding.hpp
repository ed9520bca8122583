// Text encodings the OAuth2 flow meets: base64url (PKCE, JWTs, X's state), percent-encoding
// (form answers, Amazon's state) and the HTML entities some providers put into the echoed state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace basalt::auth::oauth2 {

// RFC 4648 §5 without padding (standard base64 is crypto::base64_encode in core).
std::string base64url_encode(std::string_view bytes);
// Accepts padded or unpadded input; nullopt when it is not base64url.
std::optional<std::string> base64url_decode(std::string_view text);

// %XX sequences decoded; with `plus_is_space`, '+' is a space (form encoding).
std::string percent_decode(std::string_view text, bool plus_is_space = false);

// The fields of an application/x-www-form-urlencoded text, in order.
std::vector<std::pair<std::string, std::string>> form_decode(std::string_view text);

// &quot; &amp; &lt; &gt; &apos; and numeric references decoded; anything else kept as is.
std::string decode_html_entities(std::string_view text);

}  // namespace basalt::auth::oauth2
