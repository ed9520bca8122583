// The MFA module on real backends: SQLite files always, PostgreSQL when
// BASALT_TEST_POSTGRES_URL names a server.
#include <gtest/gtest.h>

#include <boost/json/array.hpp>
#include <atomic>
#include <thread>

#include "auth/credentials/totp.hpp"
#include "auth/mfa/authenticators.hpp"
#include "auth/mfa/challenges.hpp"
#include "auth/mfa/factors.hpp"
#include "auth/mfa/recovery_codes.hpp"
#include "auth/mfa/user_mfa.hpp"
#include "auth/records.hpp"
#include "auth/sessions.hpp"
#include "auth/users.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "support/backend_test.hpp"

namespace basalt::auth::mfa {
namespace {

namespace json = boost::json;
const db::Authorization kInternal = db::Authorization::internal();

using testing::error_type;

TEST(MfaFactorsTest, FactorNamesAndParsing) {
    EXPECT_EQ(factor_name(Factor::kRecoveryCode), "recoveryCode");
    EXPECT_EQ(parse_factor("totp"), Factor::kTotp);
    EXPECT_EQ(parse_factor("EMAIL"), Factor::kEmail);
    EXPECT_EQ(parse_factor("phone"), Factor::kPhone);
    EXPECT_EQ(parse_factor("recoverycode"), Factor::kRecoveryCode);  // what the SDKs send
    EXPECT_EQ(parse_factor("recoveryCode"), Factor::kRecoveryCode);
    for (const auto bad : {"", "custom", "password", "totp ", "recovery", "e-mail"}) {
        EXPECT_FALSE(parse_factor(bad)) << bad;
    }
}

TEST(MfaFactorsTest, WithFactorsAddsEachOnceInOrder) {
    const std::string_view added[] = {"totp", "email", "totp"};
    EXPECT_EQ(with_factors({"password", "email"}, added),
              (std::vector<std::string>{"password", "email", "totp"}));
    EXPECT_EQ(with_factors({}, {}), std::vector<std::string>{});
}

TEST(MfaFactorsTest, RecentlyChallengedWithinThirtyMinutes) {
    const std::int64_t now = 1'700'000'000'000;
    db::Document session;
    EXPECT_FALSE(recently_challenged(session, now));
    session.data["mfaUpdatedAt"] = nullptr;
    EXPECT_FALSE(recently_challenged(session, now));
    session.data["mfaUpdatedAt"] = time::format_iso(now - kRecentChallengeSeconds * 1000);
    EXPECT_TRUE(recently_challenged(session, now));
    session.data["mfaUpdatedAt"] = time::format_iso(now - kRecentChallengeSeconds * 1000 - 1);
    EXPECT_FALSE(recently_challenged(session, now));
    session.data["mfaUpdatedAt"] = "not a date";
    EXPECT_FALSE(recently_challenged(session, now));
}

class MfaStoreTest : public testing::ProjectDatabaseTest {
protected:

    db::Document user(std::string email = "", std::string phone = "") {
        NewUser user{.id = ids::unique(), .email = std::move(email), .phone = std::move(phone)};
        return create_user(*db_, settings_, user);
    }
    db::Document verify(const db::Document& u, const char* flag) {
        return update_user(*db_, u.id, {{flag, true}});
    }
    db::Document session(const db::Document& u) {
        return create_session(*db_, settings_, u.id, {.provider = "email", .factors = {"password"}}).session;
    }
    db::Document reload(std::string_view collection, std::string_view id) {
        auto doc = db_->get_document(kInternal, collection, id);
        EXPECT_TRUE(doc) << collection << " " << id;
        return doc ? *doc : db::Document{};
    }
    std::int64_t count(std::string_view collection, std::string_view user_id) {
        const std::vector<db::Query> q = {db::Query::equal("userId", json::array{json::string(user_id)})};
        return db_->count_documents(kInternal, collection, q);
    }
    // Enrolls and verifies a TOTP authenticator; returns its secret.
    std::string verified_totp(const db::Document& u) {
        const auto enrollment = create_totp_authenticator(*db_, u, "Project");
        const auto now = time::now_ms();
        verify_totp_authenticator(*db_, u.id, "", *totp_code(enrollment.secret, now / 1000), now);
        return enrollment.secret;
    }

    platform::AuthSettings settings_;
};

TEST_P(MfaStoreTest, SecondFactorNeededOnlyWithMfaAndAVerifiedExtraFactor) {
    auto u = user("ann@example.com", "+15550001111");
    const auto s = session(u);
    EXPECT_FALSE(needs_more_factors(*db_, u, s)) << "mfa off";
    u = set_user_mfa(*db_, u.id, true, "");
    EXPECT_FALSE(needs_more_factors(*db_, u, s)) << "mfa on but nothing verified";
    EXPECT_TRUE(needs_more_factors(*db_, verify(u, "emailVerification"), s));
    EXPECT_TRUE(needs_more_factors(*db_, update_user(*db_, u.id, {{"emailVerification", false}, {"phoneVerification", true}}), s));
    u = update_user(*db_, u.id, {{"phoneVerification", false}});
    const auto enrollment = create_totp_authenticator(*db_, u, "Project");
    EXPECT_FALSE(needs_more_factors(*db_, u, s)) << "an unverified authenticator does not count";
    const auto now = time::now_ms();
    verify_totp_authenticator(*db_, u.id, "", *totp_code(enrollment.secret, now / 1000), now);
    EXPECT_TRUE(needs_more_factors(*db_, u, s));
    auto two = s;
    two.data["factors"] = json::array{"password", "totp"};
    EXPECT_FALSE(needs_more_factors(*db_, u, two));
}

TEST_P(MfaStoreTest, AvailableFactors) {
    auto u = user("bob@example.com", "+15550002222");
    auto f = available_factors(*db_, u);
    EXPECT_FALSE(f.totp || f.email || f.phone || f.recovery_code);
    u = update_user(*db_, u.id, {{"emailVerification", true}, {"phoneVerification", true}});
    verified_totp(u);
    (void)create_recovery_codes(*db_, u.id);
    f = available_factors(*db_, reload("users", u.id));
    EXPECT_TRUE(f.totp && f.email && f.phone && f.recovery_code);
    // A verified flag without the address is not a factor.
    auto bare = verify(user(), "emailVerification");
    EXPECT_FALSE(available_factors(*db_, bare).email);
}

TEST_P(MfaStoreTest, SwitchingMfaOnCreditsTheSessionWithVerifiedFactors) {
    auto u = verify(user("cat@example.com"), "emailVerification");
    verified_totp(u);
    const auto s = session(u);
    const auto updated = set_user_mfa(*db_, u.id, true, s.id);
    EXPECT_TRUE(bool_of(updated.data, "mfa"));
    EXPECT_EQ(strings_of(reload("sessions", s.id).data, "factors"),
              (std::vector<std::string>{"password", "totp", "email"}));
    const auto other = session(u);
    EXPECT_FALSE(bool_of(set_user_mfa(*db_, u.id, false, other.id).data, "mfa"));
    EXPECT_EQ(strings_of(reload("sessions", other.id).data, "factors"), std::vector<std::string>{"password"})
        << "switching off adds nothing";
    EXPECT_EQ(error_type([&] { (void)set_user_mfa(*db_, "nobody", true, ""); }), "user_not_found");
}

TEST_P(MfaStoreTest, TotpAuthenticatorLifecycle) {
    const auto u = user("dan@example.com");
    const auto s = session(u);
    EXPECT_EQ(error_type([&] { verify_totp_authenticator(*db_, u.id, s.id, "123456", time::now_ms()); }),
              "user_authenticator_not_found");
    const auto first = create_totp_authenticator(*db_, u, "My: App");
    EXPECT_EQ(first.secret.size(), 103u);
    EXPECT_EQ(first.uri.rfind("otpauth://totp/My%20%20App%3Adan%40example.com?", 0), 0u) << first.uri;
    const auto second = create_totp_authenticator(*db_, u, "My App");
    EXPECT_NE(first.secret, second.secret);
    EXPECT_EQ(count(kAuthenticators, u.id), 1) << "an unverified authenticator is replaced";

    const auto now = time::now_ms();
    const auto code = *totp_code(second.secret, now / 1000);
    const auto wrong = code == "000000" ? std::string("111111") : std::string("000000");
    EXPECT_EQ(error_type([&] { verify_totp_authenticator(*db_, u.id, s.id, wrong, now); }), "user_invalid_token");
    EXPECT_EQ(error_type([&] { verify_totp_authenticator(*db_, u.id, s.id, *totp_code(first.secret, now / 1000), now); }),
              "user_invalid_token")
        << "the replaced secret no longer works";
    EXPECT_EQ(error_type([&] { verify_totp_authenticator(*db_, u.id, s.id, *totp_code(second.secret, now / 1000 - 30), now); }),
              "user_invalid_token")
        << "the previous step's code";
    EXPECT_FALSE(has_verified_totp(*db_, u.id));
    EXPECT_EQ(strings_of(reload("sessions", s.id).data, "factors"), std::vector<std::string>{"password"});

    verify_totp_authenticator(*db_, u.id, s.id, code, now);
    EXPECT_TRUE(has_verified_totp(*db_, u.id));
    EXPECT_EQ(strings_of(reload("sessions", s.id).data, "factors"), (std::vector<std::string>{"password", "totp"}));
    EXPECT_EQ(error_type([&] { verify_totp_authenticator(*db_, u.id, s.id, code, now); }),
              "user_authenticator_already_verified");
    EXPECT_EQ(error_type([&] { (void)create_totp_authenticator(*db_, u, "My App"); }),
              "user_authenticator_already_verified");

    delete_totp_authenticator(*db_, u.id);
    EXPECT_EQ(count(kAuthenticators, u.id), 0);
    EXPECT_EQ(error_type([&] { delete_totp_authenticator(*db_, u.id); }), "user_authenticator_not_found");
}

TEST_P(MfaStoreTest, RecoveryCodesAreCreatedOnceAndRegenerated) {
    const auto u = user();
    EXPECT_EQ(error_type([&] { (void)recovery_codes(u); }), "user_recovery_codes_not_found");
    EXPECT_EQ(error_type([&] { (void)regenerate_recovery_codes(*db_, u.id); }), "user_recovery_codes_not_found");
    const auto codes = create_recovery_codes(*db_, u.id);
    ASSERT_EQ(codes.size(), 6u);
    for (const auto& code : codes) EXPECT_EQ(code.size(), 10u);
    EXPECT_EQ(recovery_codes(reload("users", u.id)), codes);
    EXPECT_EQ(error_type([&] { (void)create_recovery_codes(*db_, u.id); }), "user_recovery_codes_already_exists");
    EXPECT_EQ(recovery_codes(reload("users", u.id)), codes) << "the refused call changed nothing";
    const auto fresh = regenerate_recovery_codes(*db_, u.id);
    EXPECT_NE(fresh, codes);
    EXPECT_EQ(recovery_codes(reload("users", u.id)), fresh);
    EXPECT_EQ(error_type([&] { (void)create_recovery_codes(*db_, "nobody"); }), "user_not_found");
}

TEST_P(MfaStoreTest, EmailAndPhoneChallengesNeedAVerifiedAddress) {
    const auto none = user();
    const auto deliver = [](const std::string&) {};
    const auto now = time::now_ms();
    EXPECT_EQ(error_type([&] { (void)create_challenge(*db_, none, Factor::kEmail, now, deliver); }), "user_email_not_found");
    EXPECT_EQ(error_type([&] { (void)create_challenge(*db_, none, Factor::kPhone, now, deliver); }), "user_phone_not_found");
    const auto unverified = user("eve@example.com", "+15550003333");
    EXPECT_EQ(error_type([&] { (void)create_challenge(*db_, unverified, Factor::kEmail, now, deliver); }),
              "user_email_not_verified");
    EXPECT_EQ(error_type([&] { (void)create_challenge(*db_, unverified, Factor::kPhone, now, deliver); }),
              "user_phone_not_verified");
    EXPECT_EQ(count(kChallenges, none.id) + count(kChallenges, unverified.id), 0);
}

TEST_P(MfaStoreTest, AFailedDeliveryLeavesNoChallenge) {
    const auto u = verify(user("fay@example.com"), "emailVerification");
    EXPECT_EQ(error_type([&] {
                  (void)create_challenge(*db_, u, Factor::kEmail, time::now_ms(),
                                         [](const std::string&) { throw Error(ErrorType::kGeneralSmtpDisabled); });
              }),
              "general_smtp_disabled");
    EXPECT_EQ(count(kChallenges, u.id), 0);
}

TEST_P(MfaStoreTest, EmailChallengeCompletesOnceWithTheSentCode) {
    const auto u = verify(user("gus@example.com"), "emailVerification");
    const auto s = session(u);
    std::string sent;
    const auto now = time::now_ms();
    const auto challenge = create_challenge(*db_, u, Factor::kEmail, now, [&](const std::string& code) { sent = code; });
    ASSERT_EQ(sent.size(), 6u);
    EXPECT_EQ(text_of(challenge.data, "type"), "email");
    EXPECT_EQ(time_of(challenge.data, "expire"), now + kChallengeLifetimeSeconds * 1000);
    EXPECT_NE(text_of(challenge.data, "codeHash"), sent) << "the code is stored hashed";
    EXPECT_EQ(text_of(challenge.data, "codeHash").size(), 64u);

    const auto wrong = sent == "000000" ? std::string("000001") : std::string("000000");
    EXPECT_EQ(error_type([&] { (void)complete_challenge(*db_, u.id, s.id, challenge.id, wrong, now); }),
              "user_invalid_token");
    EXPECT_EQ(count(kChallenges, u.id), 1) << "a wrong code does not use the challenge up";
    const auto other = user();
    const auto other_session = session(other);
    EXPECT_EQ(error_type([&] { (void)complete_challenge(*db_, other.id, other_session.id, challenge.id, sent, now); }),
              "user_invalid_token")
        << "another user's challenge";
    EXPECT_EQ(error_type([&] { (void)complete_challenge(*db_, u.id, "gone", challenge.id, sent, now); }),
              "user_session_not_found");
    EXPECT_EQ(count(kChallenges, u.id), 1) << "nothing was written for a missing session";

    const auto updated = complete_challenge(*db_, u.id, s.id, challenge.id, sent, now);
    EXPECT_EQ(strings_of(updated.data, "factors"), (std::vector<std::string>{"password", "email"}));
    EXPECT_EQ(time_of(updated.data, "mfaUpdatedAt"), now);
    EXPECT_TRUE(recently_challenged(updated, now));
    EXPECT_EQ(count(kChallenges, u.id), 0);
    EXPECT_EQ(error_type([&] { (void)complete_challenge(*db_, u.id, s.id, challenge.id, sent, now); }),
              "user_invalid_token")
        << "single use";
}

TEST_P(MfaStoreTest, ExpiredAndUnknownChallengesAreInvalid) {
    const auto u = verify(user("hal@example.com", "+15550004444"), "phoneVerification");
    const auto s = session(u);
    std::string sent;
    const auto created_at = time::now_ms();
    const auto challenge = create_challenge(*db_, u, Factor::kPhone, created_at, [&](const std::string& c) { sent = c; });
    const auto after_expiry = created_at + kChallengeLifetimeSeconds * 1000 + 1;
    EXPECT_EQ(error_type([&] { (void)complete_challenge(*db_, u.id, s.id, challenge.id, sent, after_expiry); }),
              "user_invalid_token");
    EXPECT_EQ(error_type([&] { (void)complete_challenge(*db_, u.id, s.id, "nope", sent, created_at); }),
              "user_invalid_token");
    const auto done = complete_challenge(*db_, u.id, s.id, challenge.id, sent, created_at + 1000);
    EXPECT_EQ(strings_of(done.data, "factors"), (std::vector<std::string>{"password", "phone"}));
}

TEST_P(MfaStoreTest, TotpChallengeNeedsAVerifiedAuthenticator) {
    const auto u = user("ida@example.com");
    const auto s = session(u);
    const auto noop = [](const std::string&) {};
    const auto enrollment = create_totp_authenticator(*db_, u, "Project");
    auto now = time::now_ms();
    auto challenge = create_challenge(*db_, u, Factor::kTotp, now, noop);
    EXPECT_EQ(error_type([&] {
                  (void)complete_challenge(*db_, u.id, s.id, challenge.id, *totp_code(enrollment.secret, now / 1000), now);
              }),
              "user_invalid_token");
    verify_totp_authenticator(*db_, u.id, "", *totp_code(enrollment.secret, now / 1000), now);
    now = time::now_ms();
    const auto updated =
        complete_challenge(*db_, u.id, s.id, challenge.id, *totp_code(enrollment.secret, now / 1000), now);
    EXPECT_EQ(strings_of(updated.data, "factors"), (std::vector<std::string>{"password", "totp"}));
}

TEST_P(MfaStoreTest, RecoveryCodeChallengeUsesTheCodeUp) {
    const auto u = user("jo@example.com");
    const auto s = session(u);
    const auto noop = [](const std::string&) {};
    const auto codes = create_recovery_codes(*db_, u.id);
    const auto now = time::now_ms();
    const auto first = create_challenge(*db_, u, Factor::kRecoveryCode, now, noop);
    EXPECT_EQ(text_of(first.data, "type"), "recoveryCode");
    EXPECT_TRUE(first.data.at("codeHash").is_null()) << "nothing is sent, nothing stored";
    EXPECT_EQ(error_type([&] { (void)complete_challenge(*db_, u.id, s.id, first.id, "0123456789", now); }),
              "user_invalid_token");
    (void)complete_challenge(*db_, u.id, s.id, first.id, codes[2], now);
    const auto left = strings_of(reload("users", u.id).data, "mfaRecoveryCodes");
    EXPECT_EQ(left.size(), 5u);
    EXPECT_EQ(std::find(left.begin(), left.end(), codes[2]), left.end());
    const auto second = create_challenge(*db_, u, Factor::kRecoveryCode, now, noop);
    EXPECT_EQ(error_type([&] { (void)complete_challenge(*db_, u.id, s.id, second.id, codes[2], now); }),
              "user_invalid_token")
        << "a used code";
    (void)complete_challenge(*db_, u.id, s.id, second.id, codes[0], now);
    EXPECT_EQ(strings_of(reload("users", u.id).data, "mfaRecoveryCodes").size(), 4u);
}

// Concurrent attempts with one recovery code (through different challenges) and on one email
// challenge: exactly one of each succeeds, on both backends.
TEST_P(MfaStoreTest, ConcurrentCompletionsSucceedOnce) {
    const auto u = verify(user("kim@example.com"), "emailVerification");
    const auto s = session(u);
    const auto codes = create_recovery_codes(*db_, u.id);
    const auto now = time::now_ms();
    constexpr int kAttempts = 6;
    std::vector<std::string> challenge_ids;
    for (int i = 0; i < kAttempts; ++i) {
        challenge_ids.push_back(create_challenge(*db_, u, Factor::kRecoveryCode, now, [](const std::string&) {}).id);
    }
    std::string sent;
    const auto email = create_challenge(*db_, u, Factor::kEmail, now, [&](const std::string& c) { sent = c; });

    std::atomic<int> recovery_successes = 0;
    std::atomic<int> email_successes = 0;
    std::atomic<int> unexpected = 0;
    const auto attempt = [&](std::atomic<int>& successes, std::string_view challenge_id, const std::string& otp) {
        try {
            (void)complete_challenge(*db_, u.id, s.id, challenge_id, otp, now);
            ++successes;
        } catch (const Error& e) {
            if (e.type() != ErrorType::kUserInvalidToken) ++unexpected;
        }
    };
    std::vector<std::thread> threads;
    for (int i = 0; i < kAttempts; ++i) {
        threads.emplace_back([&, i] { attempt(recovery_successes, challenge_ids[i], codes[0]); });
        threads.emplace_back([&] { attempt(email_successes, email.id, sent); });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(recovery_successes.load(), 1);
    EXPECT_EQ(email_successes.load(), 1);
    EXPECT_EQ(unexpected.load(), 0);
    EXPECT_EQ(strings_of(reload("users", u.id).data, "mfaRecoveryCodes").size(), 5u);
}

INSTANTIATE_TEST_SUITE_P(Backends, MfaStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace basalt::auth::mfa
