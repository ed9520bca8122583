// The wording of the auth emails in each language Basalt ships (private to auth/emails).
#pragma once

#include <span>
#include <string_view>

namespace basalt::auth::detail {

// The text of one kind of email. Placeholders are written {{name}} (see emails.hpp).
struct KindText {
    std::string_view subject;
    std::string_view preview;  // the inbox preview line
    std::string_view heading;
    std::string_view intro;
    std::string_view detail;  // invitation: who invited ({{owner}}); empty for the other kinds
    std::string_view action;  // the button of link emails; empty for the others
    std::string_view ignore;  // what to do when the email was not expected
};

struct KindTexts {
    KindText verification;
    KindText recovery;
    KindText magic_session;
    KindText otp_session;
    KindText mfa_challenge;
    KindText invitation;
    KindText session_alert;
};

// Lines several kinds share.
struct CommonText {
    std::string_view greeting;            // with {{user}}
    std::string_view greeting_anonymous;  // when the user has no name
    std::string_view link_hint;           // above the raw link under the button
    std::string_view client_info;         // {{agentClient}} {{agentDevice}} {{agentOs}}
    std::string_view security_phrase;     // {{phrase}}
    std::string_view device;              // session alert labels
    std::string_view ip_address;
    std::string_view country;
    std::string_view signoff;
    std::string_view signature;  // with {{project}}
};

struct Translation {
    std::string_view code;       // Appwrite locale code, lower case: "en", "pt-br"
    std::string_view direction;  // "ltr" or "rtl"
    CommonText common;
    KindTexts kinds;
};

// Every translation, English first. Each fills the fields English fills, with the same
// placeholders (the unit tests check both).
std::span<const Translation> translations() noexcept;

}  // namespace basalt::auth::detail
