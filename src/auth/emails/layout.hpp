// The shape shared by every auth email, as HTML and as plain text (private to auth/emails).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace basalt::auth::detail {

enum class Layout {
    kLink,   // a button with the {{redirect}} link, and the link itself below it
    kCode,   // the {{otp}} code, large
    kAlert,  // a list of the session's details
};

// One email with its placeholders already filled in. Values are plain text: html_of() escapes
// them. Empty optional fields (detail, client_info, phrase, rows) are left out.
struct FilledEmail {
    std::string_view locale;
    std::string_view direction;
    Layout layout = Layout::kLink;
    std::string subject, preview, heading, greeting, intro, detail;
    std::string action, link_hint, url;                     // kLink
    std::string code;                                       // kCode
    std::vector<std::pair<std::string, std::string>> rows;  // kAlert: label, value
    std::string client_info, phrase, ignore, signoff, signature;
};

std::string html_of(const FilledEmail& email);
std::string text_of(const FilledEmail& email);

// `text` with & < > " ' replaced by character references, safe in element content and in
// quoted attribute values.
std::string escape_html(std::string_view text);

}  // namespace basalt::auth::detail
