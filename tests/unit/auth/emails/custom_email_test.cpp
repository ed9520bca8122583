#include <gtest/gtest.h>

#include <string>

#include "auth/emails/emails.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace basalt::auth {
namespace {

EmailParams full_params() {
    return {.user = "Ada",
            .project = "Notebook",
            .redirect = "https://app.example/reset?userId=u1&secret=s3",
            .otp = "493817",
            .team = "Engines",
            .owner = "Charles",
            .agent_client = "Firefox 126.0",
            .agent_device = "desktop",
            .agent_os = "Linux",
            .phrase = "Quiet Harbor",
            .device = "Firefox 126.0 on Linux",
            .ip_address = "203.0.113.7",
            .country = "Iceland",
            .session_time_ms = 1709647402000};  // 2024-03-05T14:03:22Z
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

RenderedEmail render(EmailKind kind, std::string_view subject, std::string_view message,
                     const EmailParams& params = full_params(), std::string_view locale = "en") {
    return render_custom_email(kind, {.locale = locale, .subject = subject, .message = message},
                               params);
}

TEST(CustomEmail, FillsTheKindsPlaceholders) {
    const auto email = render(EmailKind::kRecovery, "{{project}}: new password for {{user}}",
                              "<p>Hi {{user}}, <a href=\"{{redirect}}\">reset</a>.</p>");
    EXPECT_EQ(email.subject, "Notebook: new password for Ada");
    EXPECT_TRUE(contains(
        email.html,
        "<p>Hi Ada, <a href=\"https://app.example/reset?userId=u1&amp;secret=s3\">reset</a>.</p>"))
        << email.html;
    EXPECT_EQ(email.text, "");
    EXPECT_EQ(email.locale, "en");

    const auto code = render(EmailKind::kOtpSession, "Code {{otp}}",
                             "{{otp}} {{phrase}} {{agentClient}}/{{agentDevice}}/{{agentOs}}");
    EXPECT_EQ(code.subject, "Code 493817");
    EXPECT_TRUE(contains(code.html, "493817 Quiet Harbor Firefox 126.0/desktop/Linux"));

    const auto invite = render(EmailKind::kInvitation, "{{owner}} invites you to {{team}}",
                               "{{user}} {{team}} {{owner}} {{redirect}}");
    EXPECT_EQ(invite.subject, "Charles invites you to Engines");

    const auto alert = render(EmailKind::kSessionAlert, "New session",
                              "{{device}} {{ipAddress}} {{country}} {{date}} {{time}}");
    EXPECT_TRUE(contains(alert.html,
                         "Firefox 126.0 on Linux 203.0.113.7 Iceland 2024-03-05 "
                         "14:03:22"))
        << alert.html;
}

TEST(CustomEmail, EscapesValuesInTheMessageNotInTheSubject) {
    auto params = full_params();
    params.user = "Tom & \"Jerry\" <script>alert('x')</script>";
    const auto email =
        render(EmailKind::kVerification, "Welcome {{user}}", "<p>{{user}}</p>", params);
    EXPECT_FALSE(contains(email.html, "<script>"));
    EXPECT_TRUE(contains(
        email.html,
        "<p>Tom &amp; &quot;Jerry&quot; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>"))
        << email.html;
    // The subject is plain text: values as they are, tags removed (Appwrite's strip_tags).
    EXPECT_EQ(email.subject, "Welcome Tom & \"Jerry\" alert('x')");
    EXPECT_TRUE(contains(email.html, "<title>Welcome Tom &amp; &quot;Jerry&quot; "));
}

TEST(CustomEmail, LeavesPlaceholdersWithoutAValueAsWritten) {
    // Appwrite gives a recovery email no {{otp}} and no {{host}}; unknown names stay too.
    const auto email =
        render(EmailKind::kRecovery, "{{otp}} {{nope}}",
               "{{otp}} {{owner}} {{host}} {{ user }} {{nope}} {{user}} {{ {{project}} {{unclosed");
    EXPECT_EQ(email.subject, "{{otp}} {{nope}}");
    EXPECT_TRUE(contains(
        email.html, "{{otp}} {{owner}} {{host}} {{ user }} {{nope}} Ada {{ Notebook {{unclosed"))
        << email.html;
    // {{team}} is Appwrite's empty value outside invitations; session alerts have no {{team}}.
    EXPECT_TRUE(contains(render(EmailKind::kRecovery, "s", "[{{team}}]").html, "[]"));
    EXPECT_TRUE(contains(render(EmailKind::kSessionAlert, "s", "[{{team}}]").html, "[{{team}}]"));
    EXPECT_TRUE(
        contains(render(EmailKind::kMfaChallenge, "s", "[{{phrase}}]").html, "[{{phrase}}]"));
}

TEST(CustomEmail, ValuesAreNeverReadAsPlaceholders) {
    auto params = full_params();
    params.user = "{{redirect}}";
    const auto email = render(EmailKind::kRecovery, "{{user}}", "{{user}}", params);
    EXPECT_EQ(email.subject, "{{redirect}}");
    EXPECT_TRUE(contains(email.html, "\n{{redirect}}\n"));
}

TEST(CustomEmail, FillsWhatAppwritesMailerAdds) {
    auto params = full_params();
    params.agent_client.clear();
    params.agent_os.clear();
    const auto email = render(EmailKind::kMagicSession, "Sign in to {{project}} ({{year}})",
                              "<h1>{{heading}}</h1><p>{{subject}}</p><p dir=\"{{direction}}\">"
                              "{{b}}{{agentClient}}{{/b}} on {{agentOs}}</p>",
                              params);
    const auto year = time::format_iso(time::now_ms()).substr(0, 4);
    EXPECT_EQ(email.subject, "Sign in to Notebook (" + year + ")");
    EXPECT_TRUE(contains(email.html, "<h1>" + email.subject + "</h1><p>" + email.subject + "</p>"));
    EXPECT_TRUE(contains(email.html, "<p dir=\"ltr\"><strong>UNKNOWN</strong> on UNKNOWN</p>"))
        << email.html;
}

TEST(CustomEmail, WrapsTheMessageInADocumentUnlessItIsOne) {
    const auto email = render(EmailKind::kRecovery, "Neues Passwort", "<p>Hallo {{user}}</p>",
                              full_params(), "de");
    EXPECT_EQ(email.locale, "de");
    EXPECT_TRUE(email.html.starts_with("<!DOCTYPE html>\n<html lang=\"de\" dir=\"ltr\">"))
        << email.html;
    EXPECT_TRUE(contains(email.html, "<title>Neues Passwort</title>"));
    EXPECT_TRUE(contains(email.html, "<body>\n<p>Hallo Ada</p>\n</body>"));

    const std::string document = "\n<!doctype html><html><body>{{user}}</body></html>";
    EXPECT_EQ(render(EmailKind::kRecovery, "s", document).html,
              "\n<!doctype html><html><body>Ada</body></html>");
}

TEST(CustomEmail, NeedsWhatTheBuiltInEmailNeeds) {
    auto params = full_params();
    params.redirect.clear();
    EXPECT_THROW(render(EmailKind::kRecovery, "s", "m", params), Error);
    params = full_params();
    params.otp.clear();
    EXPECT_THROW(render(EmailKind::kMfaChallenge, "s", "m", params), Error);
    params = full_params();
    params.team.clear();
    EXPECT_THROW(render(EmailKind::kInvitation, "s", "m", params), Error);
}

}  // namespace
}  // namespace basalt::auth
