// Outgoing email over SMTP (auth emails, SMTP tests, the messaging SMTP provider), through
// libcurl. Blocking: call it from worker threads, never from an I/O thread.
#pragma once

#include <cstdint>
#include <string>

namespace basalt::outbound {

// How to reach an SMTP server, shaped like Appwrite's project SMTP settings (PATCH /project/smtp:
// enabled, senderName, senderEmail, replyToName, replyToEmail, host, port, username, password,
// secure) plus the limits Basalt applies.
struct SmtpSettings {
    // Whether the project uses its own SMTP server. send_email() does not read it: the caller
    // picks the project's settings when enabled, the server's otherwise.
    bool enabled = false;
    std::string sender_name;     // shown as the From name; may be empty
    std::string sender_email;    // From and the envelope sender; required
    std::string reply_to_name;   // Reply-To name; may be empty
    std::string reply_to_email;  // no Reply-To header when empty
    std::string host;            // required
    int port = 25;
    std::string username;  // no AUTH when empty
    std::string password;
    // "" plain SMTP; "tls" STARTTLS, required (usually port 587); "ssl" TLS from the first byte
    // (SMTPS, usually port 465). Certificates are verified against the system's trust store.
    std::string secure;
    std::int64_t connect_timeout_ms = 10'000;
    std::int64_t response_timeout_ms = 10'000;  // for each server reply
    std::int64_t timeout_ms = 30'000;           // the whole exchange
};

// One message to one recipient: multipart/alternative with a plain-text and an HTML part
// (either may be empty, not both).
struct Email {
    std::string to_email;
    std::string to_name;  // may be empty
    std::string subject;  // UTF-8; line breaks become spaces
    std::string html;
    std::string text;
};

// Sends `email` with RFC 5322 headers (From, To, Reply-To, Subject, Date, Message-ID), names
// and subjects encoded per RFC 2047 when not plain ASCII.
// Throws Error(kGeneralInvalidEmail) when an address cannot be used in a header or envelope
// (empty, no '@', spaces, angle brackets or control characters), Error(kGeneralArgumentInvalid)
// for an unknown `secure` value or a message with no body, and Error(kGeneralServerError) with
// the reason when the server cannot be reached, times out, fails TLS or AUTH, or refuses the
// message. Thread-safe.
void send_email(const SmtpSettings& settings, const Email& email);

// The RFC 2047 form of a header text: `text` itself when it is printable ASCII, otherwise
// "=?UTF-8?B?...?=" words of at most 75 characters (never splitting a UTF-8 sequence),
// separated by CRLF + space.
std::string encode_header_text(const std::string& text);

}  // namespace basalt::outbound
