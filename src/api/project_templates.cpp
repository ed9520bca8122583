// /v1/project/templates/email: the project's own wording of the auth emails, per template and
// locale. Courier::send_email uses them while the project's own SMTP is enabled.
#include <algorithm>
#include <array>

#include "api/params.hpp"
#include "api/project_settings_support.hpp"
#include "auth/emails/emails.hpp"
#include "platform/directory.hpp"
#include "platform/locale/locale_codes.hpp"

namespace basalt::api::project_settings {
namespace {

namespace bj = boost::json;
using http::Method;
using platform::ProjectSettings;
using namespace std::string_view_literals;

constexpr std::array kTemplateIds = {"verification"sv, "magicSession"sv, "recovery"sv,
                                     "invitation"sv,   "mfaChallenge"sv, "sessionAlert"sv,
                                     "otpSession"sv};

bj::object template_model(const platform::EmailTemplate& entry) {
    return bj::object{{"templateId", entry.template_id},    {"locale", entry.locale},
                      {"message", entry.message},           {"senderName", entry.sender_name},
                      {"senderEmail", entry.sender_email},  {"replyToEmail", entry.reply_to_email},
                      {"replyToName", entry.reply_to_name}, {"subject", entry.subject}};
}

// `locale`: one of Appwrite's locale codes, or "" for "en".
std::string template_locale(Context& ctx) {
    auto locale = param::optional_string(ctx, "locale", 16);
    if (locale.empty()) return "en";
    if (!platform::find_locale_code(locale)) {
        std::vector<std::string_view> codes;
        for (const auto& code : platform::locale_codes()) codes.push_back(code.code);
        one_of("locale", codes, locale);
    }
    return locale;
}

// Basalt's own email for `template_id` with Appwrite's placeholders left in, as GET shows a
// template that was never customised.
platform::EmailTemplate default_template(std::string_view template_id, const std::string& locale) {
    const auto kind = auth::email_kind_from_id(template_id);
    const auth::EmailParams placeholders{.user = "{{user}}",
                                         .project = "{{project}}",
                                         .redirect = "{{redirect}}",
                                         .otp = "{{otp}}",
                                         .team = "{{team}}",
                                         .owner = "{{owner}}",
                                         .agent_client = "{{agentClient}}",
                                         .agent_device = "{{agentDevice}}",
                                         .agent_os = "{{agentOs}}",
                                         .phrase = "",
                                         .device = "{{device}}",
                                         .ip_address = "{{ipAddress}}",
                                         .country = "{{country}}",
                                         .session_time_ms = 0};
    const auto rendered = auth::render_email(*kind, locale, placeholders);
    return platform::EmailTemplate{.template_id = std::string(template_id),
                                   .locale = locale,
                                   .subject = rendered.subject,
                                   .message = rendered.html,
                                   .sender_name = "",
                                   .sender_email = "",
                                   .reply_to_email = "",
                                   .reply_to_name = ""};
}

}  // namespace

void add_template_endpoints(Api& api, const AuthServices& services) {
    api.add({Method::kGet, "/v1/project/templates/email", "templates.read",
             http::Execution::kBlocking, [](Context& ctx) {
                 const auto slice = list_slice(ctx);
                 return json(200, list_model("templates", ctx.require_project().email_templates,
                                             slice, template_model));
             }});
    api.add({Method::kGet, "/v1/project/templates/email/{templateId}", "templates.read",
             http::Execution::kBlocking, [](Context& ctx) {
                 const auto id =
                     one_of("templateId", kTemplateIds, ctx.request.path_param("templateId"));
                 const auto locale = template_locale(ctx);
                 const auto& project = ctx.require_project();
                 for (const auto& entry : project.email_templates) {
                     if (entry.template_id == id && entry.locale == locale)
                         return json(200, template_model(entry));
                 }
                 return json(200, template_model(default_template(id, locale)));
             }});
    api.add(
        {Method::kPatch, "/v1/project/templates/email", "templates.write",
         http::Execution::kBlocking, [services](Context& ctx) {
             const auto id =
                 one_of("templateId", kTemplateIds, param::string(ctx, "templateId", 32));
             const auto locale = template_locale(ctx);
             const auto subject = nullable_text(ctx, "subject", 255, false);
             const auto message = nullable_text(ctx, "message", 10'485'760, false);
             const auto sender_name = nullable_text(ctx, "senderName", 255);
             const auto sender_email = nullable_email(ctx, "senderEmail");
             const auto reply_to_email = nullable_email(ctx, "replyToEmail");
             const auto reply_to_name = nullable_text(ctx, "replyToName", 255);
             platform::EmailTemplate saved;
             services.directory.update_settings(ctx.require_project(), [&](ProjectSettings& s) {
                 if (!s.smtp.enabled) {
                     throw Error(
                         ErrorType::kGeneralArgumentInvalid,
                         "Custom email templates need the project's own SMTP: enable it first.");
                 }
                 auto& templates = s.email_templates;
                 auto it = std::find_if(templates.begin(), templates.end(), [&](const auto& entry) {
                     return entry.template_id == id && entry.locale == locale;
                 });
                 platform::EmailTemplate entry;
                 if (it != templates.end()) entry = *it;
                 entry.template_id = id;
                 entry.locale = locale;
                 entry.subject = subject.value_or(entry.subject);
                 entry.message = message.value_or(entry.message);
                 entry.sender_name = sender_name.value_or(entry.sender_name);
                 entry.sender_email = sender_email.value_or(entry.sender_email);
                 entry.reply_to_email = reply_to_email.value_or(entry.reply_to_email);
                 entry.reply_to_name = reply_to_name.value_or(entry.reply_to_name);
                 if (entry.subject.empty()) not_optional("subject");
                 if (entry.message.empty()) not_optional("message");
                 if (it != templates.end()) {
                     *it = entry;
                 } else {
                     templates.push_back(entry);
                 }
                 saved = entry;
             });
             return json(200, template_model(saved));
         }});
}

}  // namespace basalt::api::project_settings
