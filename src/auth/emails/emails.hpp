// The emails the auth flows send (verification, recovery, magic URL and email OTP sign-in,
// team invitation, session alert, MFA email challenge), rendered in the caller's language.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace basalt::auth {

enum class EmailKind {
    kVerification,
    kRecovery,
    kMagicSession,
    kOtpSession,
    kMfaChallenge,
    kInvitation,
    kSessionAlert,
};

// Appwrite's template ID of `kind` ("verification", "recovery", "magicSession", "otpSession",
// "mfaChallenge", "invitation", "sessionAlert"), as /v1/project/templates/email names them.
std::string_view email_template_id(EmailKind kind) noexcept;
// The kind with that template ID, or nullopt.
std::optional<EmailKind> email_kind_from_id(std::string_view template_id) noexcept;

// Values for the placeholders. The names in the comments are the placeholders Appwrite's
// templates use ({{user}}, ...), which per-project custom templates keep (render_custom_email).
struct EmailParams {
    std::string
        user;  // {{user}} the recipient's name; may be empty (the greeting then has no name)
    std::string project;   // {{project}} the project's name; required
    std::string redirect;  // {{redirect}} the link with the secret: verification, recovery, magic
                           // URL, invitation
    std::string otp;       // {{otp}} the code: email OTP, MFA challenge
    std::string team;      // {{team}} invitation: the team's name
    std::string owner;     // {{owner}} invitation: who invited (empty when invited with an API key)
    // {{agentClient}} {{agentDevice}} {{agentOs}}: what asked for a magic URL, OTP or MFA email;
    // the line naming them is left out when agent_client is empty.
    std::string agent_client;
    std::string agent_device;
    std::string agent_os;
    std::string
        phrase;  // {{phrase}} security phrase (magic URL, OTP) when the client asked for one
    // Session alert: {{device}} {{ipAddress}} {{country}} (each line left out when empty) and
    // the session's creation time, shown as {{date}} (YYYY-MM-DD) and {{time}} (HH:MM:SS) in UTC.
    std::string device;
    std::string ip_address;
    std::string country;
    std::int64_t session_time_ms = 0;  // epoch milliseconds; 0 = now
};

struct RenderedEmail {
    std::string locale;  // the language used, e.g. "de" for a request in "de-at"
    std::string subject;
    std::string html;  // a complete document; every value HTML-escaped
    std::string text;  // the same content as plain text; empty for a custom template (HTML only)
};

// The language Basalt writes emails in for a request locale, the way Appwrite picks its
// translation file: the code itself ("pt-br"), else its first two letters ("de-at" -> "de"),
// else English. Case-insensitive.
std::string_view resolve_email_locale(std::string_view requested) noexcept;

// Codes of the languages with translations, English first.
std::vector<std::string_view> email_locales();

// Renders `kind` in the language resolve_email_locale(locale) picks. Values are inserted as
// they are, never read as placeholders themselves.
// Throws Error(kGeneralServerError) when a value the kind needs is empty (project; redirect
// for link emails; otp for code emails; team for invitations). Thread-safe.
//
// Per-project custom templates (PATCH /v1/project/templates/email) replace this in the caller
// (Courier::send_email) through render_custom_email.
RenderedEmail render_email(EmailKind kind, std::string_view locale, const EmailParams& params);

// A project's own wording of one email, as PATCH /v1/project/templates/email stored it, with
// Appwrite's placeholders in the subject and message.
struct CustomEmailTemplate {
    std::string_view locale;   // the template's locale code, e.g. "de"; the HTML's language
    std::string_view subject;  // plain text
    std::string_view message;  // HTML: the body of the email
};

// Renders a custom template of `kind` the way Appwrite fills one:
// - the placeholders Appwrite gives the kind get their EmailParams values, HTML-escaped in the
//   message and as they are in the subject: {{user}} {{project}} always; {{redirect}} for
//   verification, recovery, magicSession and invitation; {{otp}} for otpSession and
//   mfaChallenge; {{team}} for all but mfaChallenge and sessionAlert (empty but for
//   invitation); {{owner}} for invitation; {{agentClient}} {{agentDevice}} {{agentOs}} ("UNKNOWN"
//   when empty) for magicSession, otpSession and mfaChallenge; {{phrase}} for magicSession and
//   otpSession; {{device}} {{ipAddress}} {{country}} {{date}} {{time}} for sessionAlert;
// - every kind gets {{direction}} ("ltr"/"rtl") and {{year}}; the message also {{subject}} and
//   {{heading}} (both the rendered subject) and {{b}} {{/b}} (<strong> and </strong>);
// - any other {{name}} is left as written, as Appwrite leaves placeholders it has no value for;
// - tags are removed from the rendered subject (Appwrite sends it through strip_tags);
// - the message becomes the body of an HTML document (kept as it is when it is one already);
//   `text` stays empty.
// Throws as render_email does when a value the kind needs is empty. Thread-safe.
RenderedEmail render_custom_email(EmailKind kind, const CustomEmailTemplate& custom,
                                  const EmailParams& params);

}  // namespace basalt::auth
