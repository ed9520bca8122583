// /v1/project/smtp (the project's own SMTP server, which its auth emails then go through) and
// /v1/project/smtp/tests (send a test email now).
#include <algorithm>
#include <array>

#include "api/params.hpp"
#include "api/project_settings_support.hpp"
#include "outbound/smtp.hpp"
#include "platform/directory.hpp"

namespace basalt::api::project_settings {
namespace {

using http::Method;
using platform::ProjectSettings;
using namespace std::string_view_literals;

// local@domain.tld without white space: the items of POST /v1/project/smtp/tests `emails`
// (param::email checks single params; outbound::send_email refuses what it cannot address).
bool is_email_address(std::string_view email) {
    const auto at = email.rfind('@');
    const auto dot = email.rfind('.');
    return at != std::string_view::npos && at > 0 && dot != std::string_view::npos &&
           dot > at + 1 && dot + 1 < email.size() && email.size() <= 320 &&
           std::none_of(email.begin(), email.end(),
                        [](char c) { return static_cast<unsigned char>(c) <= ' '; });
}

std::optional<std::string> nullable_host(Context& ctx, std::string_view name) {
    auto host = nullable_text(ctx, name, 256);
    if (host && !host->empty() && !is_hostname(*host)) {
        invalid(name, "Value must be a valid hostname without path, port and protocol.");
    }
    return host;
}

std::optional<std::string> nullable_secure(Context& ctx) {
    auto secure = nullable_text(ctx, "secure", 3);
    // "" (no encryption) is accepted besides Appwrite's tls and ssl, as its description invites.
    if (secure && !secure->empty()) one_of("secure", std::array{"tls"sv, "ssl"sv}, *secure);
    return secure;
}

struct SmtpChanges {
    std::optional<std::string> host, username, password, sender_email, sender_name, reply_to_email,
        reply_to_name, secure;
    std::optional<std::int64_t> port;
    std::optional<bool> enabled;
};

SmtpChanges smtp_changes(Context& ctx) {
    SmtpChanges changes;
    changes.host = nullable_host(ctx, "host");
    if (given(ctx, "port")) changes.port = param::integer(ctx, "port", 0, 0, 65535);
    changes.username = nullable_text(ctx, "username", 256);
    changes.password = nullable_text(ctx, "password", 256);
    changes.sender_email = nullable_email(ctx, "senderEmail");
    changes.sender_name = nullable_text(ctx, "senderName", 256);
    changes.reply_to_email = nullable_email(ctx, "replyToEmail");
    changes.reply_to_name = nullable_text(ctx, "replyToName", 256);
    changes.secure = nullable_secure(ctx);
    changes.enabled = nullable_bool(ctx, "enabled");
    return changes;
}

void apply_smtp(const SmtpChanges& changes, outbound::SmtpSettings& smtp) {
    const auto set = [](const std::optional<std::string>& value, std::string& to) {
        if (value) to = *value;
    };
    set(changes.host, smtp.host);
    if (changes.port) smtp.port = static_cast<int>(*changes.port);
    set(changes.username, smtp.username);
    set(changes.password, smtp.password);
    set(changes.sender_email, smtp.sender_email);
    set(changes.sender_name, smtp.sender_name);
    set(changes.reply_to_email, smtp.reply_to_email);
    set(changes.reply_to_name, smtp.reply_to_name);
    set(changes.secure, smtp.secure);
    if (changes.enabled) smtp.enabled = *changes.enabled;
    const bool complete = !smtp.host.empty() && smtp.port != 0 && !smtp.sender_email.empty();
    if (smtp.enabled && !complete) {
        const auto* missing = smtp.host.empty() ? "host" : smtp.port == 0 ? "port" : "senderEmail";
        not_optional(missing);
    }
    // Appwrite switches SMTP on when `enabled` is not given and a test connection succeeds.
    // Basalt does not probe the server here: complete settings switch it on.
    if (!changes.enabled && complete) smtp.enabled = true;
}

// The test email: text only, in our words; the subject is Appwrite's.
outbound::Email smtp_test_email(const outbound::SmtpSettings& smtp, const std::string& to) {
    const auto& reply_email = smtp.reply_to_email.empty() ? smtp.sender_email : smtp.reply_to_email;
    const auto& reply_name = smtp.reply_to_name.empty() ? smtp.sender_name : smtp.reply_to_name;
    auto text = fmt::format(
        "Hello,\n\nThis message was sent to check the project's custom SMTP settings. It arrived, "
        "so "
        "the server accepted them.\n\nFrom: {} ({})\nReply-To: {} ({})\n\nIf it landed in a spam "
        "folder, check the sender domain's DNS records (SPF, DKIM, DMARC) and your provider's "
        "requirements.\n",
        smtp.sender_name, smtp.sender_email, reply_name, reply_email);
    return outbound::Email{.to_email = to,
                           .to_name = "",
                           .subject = "Custom SMTP email sample",
                           .html = "",
                           .text = std::move(text)};
}

// The deprecated inline settings of POST /v1/project/smtp/tests (Appwrite 1.9.1 clients).
outbound::SmtpSettings inline_smtp(Context& ctx) {
    outbound::SmtpSettings smtp;
    smtp.host = *nullable_host(ctx, "host");
    smtp.port = static_cast<int>(param::integer(ctx, "port", 0, 0, 65535));
    smtp.username = param::optional_string(ctx, "username", 256);
    smtp.password = param::optional_string(ctx, "password", 256);
    smtp.sender_name = param::optional_string(ctx, "senderName", 256);
    smtp.sender_email = nullable_email(ctx, "senderEmail").value_or("");
    smtp.reply_to_email = nullable_email(ctx, "replyTo").value_or("");
    smtp.secure = nullable_secure(ctx).value_or("");
    smtp.enabled = true;
    return smtp;
}

}  // namespace

void add_smtp_endpoints(Api& api, const AuthServices& services) {
    api.add({Method::kPatch, "/v1/project/smtp", "project.write", http::Execution::kBlocking,
             [services](Context& ctx) {
                 const auto changes = smtp_changes(ctx);
                 return update_project(ctx, services,
                                       [&](ProjectSettings& s) { apply_smtp(changes, s.smtp); });
             }});
    api.add({Method::kPost, "/v1/project/smtp/tests", "project.write", http::Execution::kBlocking,
             [](Context& ctx) {
                 const auto emails = param::strings(ctx, "emails", true, 10, 320);
                 for (const auto& email : emails) {
                     if (!is_email_address(email)) {
                         invalid("emails",
                                 "Value must a valid array no longer than 10 items and Value must "
                                 "be a valid email address");
                     }
                 }
                 // A non-empty `host` means the deprecated inline settings, as in Appwrite.
                 const auto* host = given(ctx, "host");
                 const bool inline_settings =
                     host && !(host->is_string() && host->get_string().empty());
                 const auto smtp = inline_settings ? inline_smtp(ctx) : ctx.require_project().smtp;
                 if (!smtp.enabled) {
                     throw Error(
                         ErrorType::kGeneralArgumentInvalid,
                         "Test emails go through the project's SMTP settings: enable them first.");
                 }
                 for (const auto& [missing, name] :
                      {std::pair{smtp.sender_email.empty(), "sender email"},
                       std::pair{smtp.host.empty(), "host"}, std::pair{smtp.port == 0, "port"}}) {
                     if (missing) {
                         throw Error(
                             ErrorType::kGeneralArgumentInvalid,
                             fmt::format("Set the SMTP {} before sending a test email.", name));
                     }
                 }
                 // Synchronously, unlike the auth emails: the caller wants to know whether it
                 // works.
                 for (const auto& email : emails)
                     outbound::send_email(smtp, smtp_test_email(smtp, email));
                 return http::Response::no_content();
             }});
}

}  // namespace basalt::api::project_settings
