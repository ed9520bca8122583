#include "auth/emails/emails.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "auth/emails/translations.hpp"
#include "core/error.hpp"

namespace basalt::auth {
namespace {

constexpr std::array kAllKinds = {EmailKind::kVerification, EmailKind::kRecovery,
                                  EmailKind::kMagicSession, EmailKind::kOtpSession,
                                  EmailKind::kMfaChallenge, EmailKind::kInvitation,
                                  EmailKind::kSessionAlert};

EmailParams full_params() {
    return {.user = "Ada",
            .project = "Notebook",
            .redirect = "https://app.example/verify?userId=u1&secret=s3",
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

bool has_placeholder(const std::string& text) {
    return text.find("{{") != std::string::npos || text.find("}}") != std::string::npos;
}

std::set<std::string> placeholders_in(std::string_view text) {
    std::set<std::string> names;
    for (auto open = text.find("{{"); open != std::string_view::npos;
         open = text.find("{{", open + 2)) {
        names.emplace(text.substr(open + 2, text.find("}}", open) - open - 2));
    }
    return names;
}

TEST(AuthEmails, EveryKindRendersCompletelyInEveryLanguage) {
    const auto params = full_params();
    const auto locales = email_locales();
    ASSERT_GE(locales.size(), 7u);
    EXPECT_EQ(locales.front(), "en");
    for (const auto locale : locales) {
        for (const auto kind : kAllKinds) {
            SCOPED_TRACE(std::string(locale) + " " + std::string(email_template_id(kind)));
            const auto email = render_email(kind, locale, params);
            EXPECT_EQ(email.locale, locale);
            EXPECT_FALSE(has_placeholder(email.subject)) << email.subject;
            EXPECT_FALSE(has_placeholder(email.html)) << email.html;
            EXPECT_FALSE(has_placeholder(email.text)) << email.text;
            EXPECT_NE(email.subject.find("Notebook"), std::string::npos);
            EXPECT_NE(email.text.find("Ada"), std::string::npos);
            EXPECT_NE(email.html.find("lang=\"" + std::string(locale) + "\""), std::string::npos);
            EXPECT_TRUE(email.html.starts_with("<!DOCTYPE html>"));
            switch (kind) {
                case EmailKind::kOtpSession:
                case EmailKind::kMfaChallenge:
                    EXPECT_NE(email.text.find("\n493817\n"), std::string::npos);
                    EXPECT_NE(email.html.find(">493817</p>"), std::string::npos);
                    EXPECT_NE(email.text.find("Firefox 126.0"), std::string::npos);
                    break;
                case EmailKind::kSessionAlert:
                    EXPECT_NE(email.text.find("203.0.113.7"), std::string::npos);
                    EXPECT_NE(email.text.find("Iceland"), std::string::npos);
                    EXPECT_NE(email.text.find("2024-03-05"), std::string::npos);
                    EXPECT_NE(email.text.find("14:03:22"), std::string::npos);
                    EXPECT_NE(email.html.find("<li>"), std::string::npos);
                    break;
                default:
                    EXPECT_NE(email.text.find(params.redirect), std::string::npos);
                    EXPECT_NE(email.html.find(
                                  "href=\"https://app.example/verify?userId=u1&amp;secret=s3\""),
                              std::string::npos);
            }
        }
    }
}

TEST(AuthEmails, TranslationsUseEnglishPlaceholdersAndAreTranslated) {
    const auto all = detail::translations();
    const auto& en = all.front();
    using detail::KindText;
    using detail::KindTexts;
    for (const auto& t : all) {
        SCOPED_TRACE(std::string(t.code));
        EXPECT_TRUE(t.direction == "ltr" || t.direction == "rtl");
        const auto same_names = [](std::string_view a, std::string_view b) {
            EXPECT_EQ(placeholders_in(a), placeholders_in(b)) << a << " | " << b;
        };
        const auto& c = t.common;
        for (auto field : {&detail::CommonText::greeting, &detail::CommonText::greeting_anonymous,
                           &detail::CommonText::link_hint, &detail::CommonText::client_info,
                           &detail::CommonText::security_phrase, &detail::CommonText::device,
                           &detail::CommonText::ip_address, &detail::CommonText::country,
                           &detail::CommonText::signoff, &detail::CommonText::signature}) {
            EXPECT_FALSE((c.*field).empty());
            same_names(c.*field, en.common.*field);
        }
        for (auto kind : {&KindTexts::verification, &KindTexts::recovery, &KindTexts::magic_session,
                          &KindTexts::otp_session, &KindTexts::mfa_challenge,
                          &KindTexts::invitation, &KindTexts::session_alert}) {
            const KindText& k = t.kinds.*kind;
            const KindText& e = en.kinds.*kind;
            for (auto field :
                 {&KindText::subject, &KindText::preview, &KindText::heading, &KindText::intro,
                  &KindText::detail, &KindText::action, &KindText::ignore}) {
                same_names(k.*field, e.*field);
                EXPECT_EQ((k.*field).empty(), (e.*field).empty()) << e.*field;
            }
            for (auto field : {&KindText::subject, &KindText::preview, &KindText::heading,
                               &KindText::intro, &KindText::ignore}) {
                EXPECT_FALSE((k.*field).empty());
            }
            if (&t != &en) {
                EXPECT_NE(k.subject, e.subject) << "left in English";
            }
        }
    }
    EXPECT_FALSE(en.kinds.invitation.detail.empty());
    for (auto kind : {&KindTexts::verification, &KindTexts::recovery, &KindTexts::magic_session,
                      &KindTexts::invitation}) {
        EXPECT_FALSE((en.kinds.*kind).action.empty());
    }
}

TEST(AuthEmails, EscapesValuesInHtmlOnly) {
    auto params = full_params();
    params.user = "<script>alert('x')</script>";
    params.project = "Tom & \"Jerry\"";
    params.redirect = "https://app.example/cb?a=1&b=\"><img src=x onerror=alert(1)>";
    const auto email = render_email(EmailKind::kRecovery, "en", params);
    EXPECT_EQ(email.html.find("<script>"), std::string::npos);
    EXPECT_EQ(email.html.find("<img"), std::string::npos);
    EXPECT_NE(email.html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
              std::string::npos);
    EXPECT_NE(email.html.find("Tom &amp; &quot;Jerry&quot;"), std::string::npos);
    EXPECT_NE(email.html.find("href=\"https://app.example/cb?a=1&amp;b=&quot;&gt;&lt;img"),
              std::string::npos);
    EXPECT_NE(email.text.find("Hello <script>alert('x')</script>,"), std::string::npos);
    EXPECT_NE(email.text.find(params.redirect), std::string::npos);
    EXPECT_EQ(email.subject, "Reset your Tom & \"Jerry\" password");
}

TEST(AuthEmails, ValuesAreNeverReadAsPlaceholders) {
    auto params = full_params();
    params.user = "{{otp}}";
    params.project = "{{nope}}";
    const auto email = render_email(EmailKind::kOtpSession, "en", params);
    EXPECT_NE(email.text.find("Hello {{otp}},"), std::string::npos);
    EXPECT_EQ(email.subject, "Your {{nope}} sign-in code");
}

TEST(AuthEmails, PicksTheLanguageLikeAppwrite) {
    EXPECT_EQ(resolve_email_locale("de"), "de");
    EXPECT_EQ(resolve_email_locale("de-AT"), "de");
    EXPECT_EQ(resolve_email_locale("PT-BR"), "pt-br");
    EXPECT_EQ(resolve_email_locale("fr-ca"), "fr");
    EXPECT_EQ(resolve_email_locale("pt"), "en");     // Appwrite has no plain "pt" either
    EXPECT_EQ(resolve_email_locale("pt-pt"), "en");  // nor a "pt" fallback for it here
    EXPECT_EQ(resolve_email_locale("xx"), "en");
    EXPECT_EQ(resolve_email_locale(""), "en");
    EXPECT_EQ(resolve_email_locale("d"), "en");
    EXPECT_EQ(resolve_email_locale(std::string(100, 'd')), "en");
    const auto fallback = render_email(EmailKind::kVerification, "zz-zz", full_params());
    EXPECT_EQ(fallback.locale, "en");
    EXPECT_EQ(fallback.subject, "Verify your email for Notebook");
    EXPECT_EQ(render_email(EmailKind::kVerification, "de-CH", full_params()).subject,
              "Bestätigen Sie Ihre E-Mail-Adresse für Notebook");
}

TEST(AuthEmails, LeavesOutLinesWithoutValues) {
    EmailParams bare{.project = "Notebook",
                     .redirect = "https://app.example/m",
                     .otp = "111111",
                     .team = "Engines"};
    const auto magic = render_email(EmailKind::kMagicSession, "en", bare);
    EXPECT_NE(magic.text.find("Hello,\n"), std::string::npos);
    EXPECT_EQ(magic.text.find("Requested from"), std::string::npos);
    EXPECT_EQ(magic.text.find("Security phrase"), std::string::npos);
    EXPECT_EQ(render_email(EmailKind::kInvitation, "en", bare).text.find("comes from"),
              std::string::npos);
    EXPECT_EQ(render_email(EmailKind::kSessionAlert, "en", bare).html.find("<ul>"),
              std::string::npos);

    const auto full = render_email(EmailKind::kMagicSession, "en", full_params());
    EXPECT_NE(full.text.find("Requested from Firefox 126.0 on desktop Linux."), std::string::npos);
    EXPECT_NE(full.text.find("Security phrase: Quiet Harbor."), std::string::npos);
    EXPECT_NE(
        render_email(EmailKind::kInvitation, "en", full_params()).text.find("comes from Charles."),
        std::string::npos);
    // The MFA email never shows a security phrase (Appwrite's does not either).
    EXPECT_EQ(render_email(EmailKind::kMfaChallenge, "en", full_params()).text.find("Quiet Harbor"),
              std::string::npos);
}

TEST(AuthEmails, RefusesMissingRequiredValues) {
    const auto type_of = [](EmailKind kind, const EmailParams& params) {
        try {
            render_email(kind, "en", params);
        } catch (const Error& error) {
            return error.type();
        }
        return ErrorType::kGeneralUnknown;
    };
    auto params = full_params();
    params.project.clear();
    EXPECT_EQ(type_of(EmailKind::kSessionAlert, params), ErrorType::kGeneralServerError);
    params = full_params();
    params.redirect.clear();
    for (auto kind : {EmailKind::kVerification, EmailKind::kRecovery, EmailKind::kMagicSession,
                      EmailKind::kInvitation}) {
        EXPECT_EQ(type_of(kind, params), ErrorType::kGeneralServerError) << email_template_id(kind);
    }
    EXPECT_EQ(type_of(EmailKind::kOtpSession, params), ErrorType::kGeneralUnknown)
        << "a code email needs no link";
    params = full_params();
    params.otp.clear();
    EXPECT_EQ(type_of(EmailKind::kOtpSession, params), ErrorType::kGeneralServerError);
    EXPECT_EQ(type_of(EmailKind::kMfaChallenge, params), ErrorType::kGeneralServerError);
    params = full_params();
    params.team.clear();
    EXPECT_EQ(type_of(EmailKind::kInvitation, params), ErrorType::kGeneralServerError);
}

TEST(AuthEmails, TemplateIdsAreAppwrites) {
    const std::set<std::string_view> appwrite = {"verification", "magicSession", "recovery",
                                                 "invitation",   "mfaChallenge", "sessionAlert",
                                                 "otpSession"};
    std::set<std::string_view> ours;
    for (const auto kind : kAllKinds) {
        ours.insert(email_template_id(kind));
        EXPECT_EQ(email_kind_from_id(email_template_id(kind)), kind);
    }
    EXPECT_EQ(ours, appwrite);
    EXPECT_FALSE(email_kind_from_id("Verification"));
    EXPECT_FALSE(email_kind_from_id(""));
}

}  // namespace
}  // namespace basalt::auth
