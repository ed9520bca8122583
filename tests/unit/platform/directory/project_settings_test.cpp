// A project's stored settings (auth policies, mock numbers, SMTP, email templates, OAuth2
// providers): their JSON forms, and Directory::update_settings on real backends (SQLite always,
// PostgreSQL when BASALT_TEST_POSTGRES_URL names a server).
#include <thread>

#include "core/error.hpp"
#include "platform/directory.hpp"
#include "platform/project.hpp"
#include "support/backend_test.hpp"

namespace basalt::platform {
namespace {

using testing::error_type;

TEST(AuthSettingsJson, KeepsEveryPolicyAndMockNumber) {
    AuthSettings settings;
    settings.user_limit = 3;
    settings.max_sessions = 0;
    settings.session_duration = 60;
    settings.password_history = 5;
    settings.password_dictionary = true;
    settings.personal_data_check = true;
    settings.session_alerts = true;
    settings.invalidate_sessions = false;
    settings.memberships_user_id = true;
    settings.memberships_user_phone = true;
    settings.memberships_user_accessed_at = true;
    settings.password_strength = {
        .min_length = 12, .uppercase = true, .lowercase = false, .number = true, .symbols = true};
    settings.mock_numbers = {
        {.phone = "+15550001", .otp = "123456", .created_at = 1000, .updated_at = 2000}};
    settings.disabled_methods = {"emailPassword", "JWT"};

    const auto back = auth_settings_from_json(auth_settings_to_json(settings));
    EXPECT_EQ(back.user_limit, 3);
    EXPECT_EQ(back.max_sessions, 0);
    EXPECT_EQ(back.session_duration, 60);
    EXPECT_EQ(back.password_history, 5);
    EXPECT_TRUE(back.password_dictionary);
    EXPECT_TRUE(back.personal_data_check);
    EXPECT_TRUE(back.session_alerts);
    EXPECT_FALSE(back.invalidate_sessions);
    EXPECT_TRUE(back.memberships_user_id);
    EXPECT_TRUE(back.memberships_user_phone);
    EXPECT_TRUE(back.memberships_user_accessed_at);
    EXPECT_FALSE(back.memberships_user_name);
    EXPECT_EQ(back.password_strength.min_length, 12);
    EXPECT_TRUE(back.password_strength.uppercase);
    EXPECT_FALSE(back.password_strength.lowercase);
    EXPECT_TRUE(back.password_strength.number);
    EXPECT_TRUE(back.password_strength.symbols);
    ASSERT_EQ(back.mock_numbers.size(), 1u);
    EXPECT_EQ(back.mock_numbers[0].phone, "+15550001");
    EXPECT_EQ(back.mock_numbers[0].otp, "123456");
    EXPECT_EQ(back.mock_numbers[0].created_at, 1000);
    EXPECT_EQ(back.mock_numbers[0].updated_at, 2000);
    EXPECT_FALSE(back.method_enabled("emailPassword"));
    EXPECT_FALSE(back.method_enabled("JWT"));
    EXPECT_TRUE(back.method_enabled("anonymous"));
}

TEST(AuthSettingsJson, MalformedTextGivesAppwriteDefaults) {
    for (const char* text :
         {"", "not json", "[1,2]", R"({"limit":"ten","passwordStrength":3,"mockNumbers":{}})"}) {
        const auto settings = auth_settings_from_json(text);
        EXPECT_EQ(settings.user_limit, 0) << text;
        EXPECT_EQ(settings.max_sessions, 10) << text;
        EXPECT_EQ(settings.session_duration, 31'536'000) << text;
        EXPECT_TRUE(settings.invalidate_sessions) << text;
        EXPECT_EQ(settings.password_strength.min_length, 8) << text;
        EXPECT_TRUE(settings.mock_numbers.empty()) << text;
    }
    // Entries without a phone are dropped, not kept half-filled.
    const auto settings = auth_settings_from_json(
        R"({"mockNumbers":[{"otp":"123456"},7,{"phone":"+1555","otp":"000000"}]})");
    ASSERT_EQ(settings.mock_numbers.size(), 1u);
    EXPECT_EQ(settings.mock_numbers[0].phone, "+1555");
}

TEST(AuthMethods, AreAppwritesSevenInOrder) {
    const auto methods = auth_methods();
    ASSERT_EQ(methods.size(), 7u);
    EXPECT_EQ(methods.front().id, "email-password");
    EXPECT_EQ(methods.back().id, "phone");
    ASSERT_TRUE(find_auth_method("magic-url"));
    EXPECT_EQ(find_auth_method("magic-url")->key, "usersAuthMagicURL");
    EXPECT_EQ(find_auth_method("jwt")->key, "JWT");
    EXPECT_FALSE(find_auth_method("emailPassword"));  // keys are not ids
    EXPECT_FALSE(find_auth_method(""));
}

TEST(SmtpSettingsJson, RoundTripsAndDefaultsToOffWithNoPort) {
    const auto none = smtp_settings_from_json("");
    EXPECT_FALSE(none.enabled);
    EXPECT_EQ(none.port, 0);
    EXPECT_TRUE(none.host.empty());

    outbound::SmtpSettings smtp;
    smtp.enabled = true;
    smtp.sender_name = "Ann";
    smtp.sender_email = "ann@example.com";
    smtp.reply_to_name = "Help";
    smtp.reply_to_email = "help@example.com";
    smtp.host = "smtp.example.com";
    smtp.port = 587;
    smtp.username = "user";
    smtp.password = "pass";
    smtp.secure = "tls";
    const auto back = smtp_settings_from_json(smtp_settings_to_json(smtp));
    EXPECT_TRUE(back.enabled);
    EXPECT_EQ(back.sender_name, "Ann");
    EXPECT_EQ(back.sender_email, "ann@example.com");
    EXPECT_EQ(back.reply_to_name, "Help");
    EXPECT_EQ(back.reply_to_email, "help@example.com");
    EXPECT_EQ(back.host, "smtp.example.com");
    EXPECT_EQ(back.port, 587);
    EXPECT_EQ(back.username, "user");
    EXPECT_EQ(back.password, "pass");
    EXPECT_EQ(back.secure, "tls");
}

TEST(EmailTemplatesJson, RoundTripInOrderWithLocalesThatHoldDashes) {
    std::vector<EmailTemplate> templates = {
        {.template_id = "verification",
         .locale = "pt-br",
         .subject = "S1",
         .message = "M1",
         .sender_name = "N",
         .sender_email = "n@example.com",
         .reply_to_email = "r@example.com",
         .reply_to_name = "R"},
        {.template_id = "magicSession",
         .locale = "en",
         .subject = "S2",
         .message = "M2",
         .sender_name = "",
         .sender_email = "",
         .reply_to_email = "",
         .reply_to_name = ""},
    };
    const auto back = email_templates_from_json(email_templates_to_json(templates));
    ASSERT_EQ(back.size(), 2u);
    EXPECT_EQ(back[0].template_id, "verification");
    EXPECT_EQ(back[0].locale, "pt-br");
    EXPECT_EQ(back[0].subject, "S1");
    EXPECT_EQ(back[0].message, "M1");
    EXPECT_EQ(back[0].sender_name, "N");
    EXPECT_EQ(back[0].sender_email, "n@example.com");
    EXPECT_EQ(back[0].reply_to_email, "r@example.com");
    EXPECT_EQ(back[0].reply_to_name, "R");
    EXPECT_EQ(back[1].template_id, "magicSession");
    EXPECT_EQ(back[1].locale, "en");
    // Keys that are not Appwrite's email template keys are skipped.
    EXPECT_TRUE(email_templates_from_json(
                    R"({"sms.verification-en":{},"email.nolocale":{},"email.x-en":3})")
                    .empty());
}

TEST(EmailTemplates, FoundForTheLocaleElseEnglish) {
    Project project;
    project.email_templates = {
        {.template_id = "recovery",
         .locale = "en",
         .subject = "en",
         .message = "",
         .sender_name = "",
         .sender_email = "",
         .reply_to_email = "",
         .reply_to_name = ""},
        {.template_id = "recovery",
         .locale = "de",
         .subject = "de",
         .message = "",
         .sender_name = "",
         .sender_email = "",
         .reply_to_email = "",
         .reply_to_name = ""},
    };
    ASSERT_TRUE(find_email_template(project, "recovery", "de"));
    EXPECT_EQ(find_email_template(project, "recovery", "de")->subject, "de");
    EXPECT_EQ(find_email_template(project, "recovery", "fr")->subject, "en");
    EXPECT_EQ(find_email_template(project, "recovery", "")->subject, "en");
    EXPECT_FALSE(find_email_template(project, "verification", "de"));
    project.email_templates.erase(project.email_templates.begin());
    EXPECT_FALSE(find_email_template(project, "recovery", "fr"));
}

TEST(OAuth2ProvidersJson, RoundTripsRawSecrets) {
    OAuth2Providers providers;
    providers["github"] = {.enabled = true, .app_id = "id1", .secret = "s1"};
    providers["microsoft"] = {.enabled = false,
                              .app_id = "id2",
                              .secret = R"({"clientSecret":"s2","tenantID":"common"})"};
    const auto back = oauth2_providers_from_json(oauth2_providers_to_json(providers));
    ASSERT_EQ(back.size(), 2u);
    EXPECT_TRUE(back.at("github").enabled);
    EXPECT_EQ(back.at("github").app_id, "id1");
    EXPECT_EQ(back.at("github").secret, "s1");
    EXPECT_FALSE(back.at("microsoft").enabled);
    EXPECT_EQ(back.at("microsoft").secret, R"({"clientSecret":"s2","tenantID":"common"})");
    EXPECT_TRUE(oauth2_providers_from_json("{").empty());
}

class ProjectSettingsTest : public testing::ProjectDirectoryTest {};

TEST_P(ProjectSettingsTest, NewProjectsHaveAppwritesDefaults) {
    const auto project = directory_->find_project(project_.id);
    ASSERT_TRUE(project);
    EXPECT_FALSE(project->smtp.enabled);
    EXPECT_EQ(project->smtp.port, 0);
    EXPECT_TRUE(project->email_templates.empty());
    EXPECT_TRUE(project->oauth2.empty());
    EXPECT_EQ(project->auth.session_duration, 31'536'000);
}

TEST_P(ProjectSettingsTest, UpdatesAreStoredAndSeenAtOnce) {
    const auto before = directory_->find_project(project_.id);  // cached now
    const auto updated = directory_->update_settings(*before, [](ProjectSettings& settings) {
        settings.auth.user_limit = 7;
        settings.smtp.enabled = true;
        settings.smtp.host = "smtp.example.com";
        settings.smtp.port = 2525;
        settings.email_templates.push_back({.template_id = "verification",
                                            .locale = "en",
                                            .subject = "Hi",
                                            .message = "Body",
                                            .sender_name = "",
                                            .sender_email = "",
                                            .reply_to_email = "",
                                            .reply_to_name = ""});
        settings.oauth2["github"] = {.enabled = true, .app_id = "app", .secret = "secret"};
    });
    ASSERT_TRUE(updated);
    EXPECT_EQ(updated->auth.user_limit, 7);
    const auto found = directory_->find_project(project_.id);
    EXPECT_EQ(found->auth.user_limit, 7);
    EXPECT_TRUE(found->smtp.enabled);
    EXPECT_EQ(found->smtp.host, "smtp.example.com");
    EXPECT_EQ(found->smtp.port, 2525);
    ASSERT_EQ(found->email_templates.size(), 1u);
    EXPECT_EQ(found->email_templates[0].subject, "Hi");
    ASSERT_EQ(found->oauth2.count("github"), 1u);
    EXPECT_EQ(found->oauth2.at("github").secret, "secret");
    EXPECT_EQ(found->name, "Test");  // the rest of the record is left alone
    EXPECT_FALSE(found->jwt_secret.empty());

    // A second Directory on the same store (another node) reads the same.
    Directory other(*store_);
    EXPECT_EQ(other.find_project(project_.id)->oauth2.at("github").app_id, "app");

    // update_auth_settings replaces the auth settings only.
    AuthSettings auth;
    auth.max_sessions = 2;
    const auto again = directory_->update_auth_settings(*found, auth);
    EXPECT_EQ(again->auth.max_sessions, 2);
    EXPECT_EQ(again->auth.user_limit, 0);
    EXPECT_EQ(again->smtp.host, "smtp.example.com");
}

TEST_P(ProjectSettingsTest, AChangeThatThrowsStoresNothing) {
    EXPECT_EQ(error_type([&] {
                  directory_->update_settings(project_, [](ProjectSettings& settings) {
                      settings.auth.user_limit = 99;
                      throw Error(ErrorType::kGeneralArgumentInvalid, "refused");
                  });
              }),
              "general_argument_invalid");
    EXPECT_EQ(directory_->find_project(project_.id)->auth.user_limit, 0);
}

TEST_P(ProjectSettingsTest, UnknownProjectsAreNotFound) {
    Project gone = project_;
    gone.id = "no-such-project";
    EXPECT_EQ(error_type([&] { directory_->update_settings(gone, [](ProjectSettings&) {}); }),
              "project_not_found");
}

TEST_P(ProjectSettingsTest, ConcurrentUpdatesAreNotLost) {
    constexpr int kThreads = 4;
    constexpr int kEach = 5;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([this, t] {
            for (int i = 0; i < kEach; ++i) {
                directory_->update_settings(project_, [&](ProjectSettings& settings) {
                    const auto phone = "+1555" + std::to_string(t * 100 + i);
                    settings.auth.mock_numbers.push_back(
                        {.phone = phone, .otp = "123456", .created_at = 0, .updated_at = 0});
                });
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(directory_->find_project(project_.id)->auth.mock_numbers.size(),
              static_cast<std::size_t>(kThreads * kEach));
}

INSTANTIATE_TEST_SUITE_P(Backends, ProjectSettingsTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace basalt::platform
