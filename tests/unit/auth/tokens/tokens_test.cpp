// Token records on real backends: SQLite always, PostgreSQL when BASALT_TEST_POSTGRES_URL names
// a server.
#include "auth/tokens/tokens.hpp"

#include <gtest/gtest.h>

#include <array>

#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "support/backend_test.hpp"

namespace basalt::auth {
namespace {

namespace json = boost::json;
const db::Authorization kInternal = db::Authorization::internal();

std::string text(const db::Document& doc, std::string_view key) {
    const auto* v = doc.data.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string("(not a string)");
}

using testing::error_type;

class TokensTest : public testing::ProjectDatabaseTest {
protected:
    void SetUp() override {
        ProjectDatabaseTest::SetUp();
        if (IsSkipped()) return;
        db_->create_document(kInternal, "users",
                             {.id = "ann", .data = {{"name", "Ann"}, {"status", true}}});
        db_->create_document(kInternal, "users",
                             {.id = "bob", .data = {{"name", "Bob"}, {"status", true}}});
    }
    db::Document token(NewToken input) {
        db::Document out;
        db_->transact([&](db::Documents& docs) { out = create_token(docs, input); });
        return out;
    }

    std::optional<db::Document> find(std::string_view user, std::string_view secret,
                                     std::span<const TokenType> types = {}) {
        return find_token(*db_, user, secret, types, time::now_ms());
    }

    db::Document session(std::string_view user) {
        return db_->create_document(
            kInternal, "sessions",
            {.data = {{"userId", user}, {"secretHash", crypto::sha256_hex(ids::unique())}}});
    }
};

TEST_P(TokensTest, StoresTheDigestTheClientAndTheExpiryButNotTheSecret) {
    const auto before = time::now_ms();
    const auto stored =
        token({.user_id = "ann",
               .type = TokenType::kMagicUrl,
               .secret = "s3cret",
               .lifetime_seconds = 3600,
               .client = {{"userAgent", "UA"}, {"ip", "127.0.0.1"}, {"unknownField", "x"}},
               .phrase = "Brave otter"});
    EXPECT_EQ(text(stored, "secretHash"), crypto::sha256_hex("s3cret"));
    EXPECT_EQ(stored.data.at("type").to_number<std::int64_t>(), 5);
    EXPECT_EQ(text(stored, "userAgent"), "UA");
    EXPECT_EQ(text(stored, "ip"), "127.0.0.1");
    EXPECT_EQ(text(stored, "phrase"), "Brave otter");
    EXPECT_FALSE(stored.data.contains("unknownField"));
    EXPECT_EQ(type_of(stored), TokenType::kMagicUrl);
    EXPECT_GE(expire_of(stored), before + 3'600'000 - 1000);
    EXPECT_LE(expire_of(stored), time::now_ms() + 3'600'000);
    for (const auto& [key, value] : stored.data) {
        EXPECT_FALSE(value.is_string() && value.as_string() == "s3cret")
            << key << " holds the secret";
    }
    EXPECT_EQ(stored.permissions.size(), 3u);
}

TEST_P(TokensTest, FindsOnlyTheRightUsersUnexpiredTokenOfTheWantedType) {
    const auto mine = token(
        {.user_id = "ann", .type = TokenType::kEmail, .secret = "123456", .lifetime_seconds = 900});
    // Bob holds the same six digits: codes are not unique across users.
    const auto bobs = token(
        {.user_id = "bob", .type = TokenType::kEmail, .secret = "123456", .lifetime_seconds = 900});
    ASSERT_TRUE(find("ann", "123456"));
    EXPECT_EQ(find("ann", "123456")->id, mine.id);
    EXPECT_EQ(find("bob", "123456")->id, bobs.id);
    EXPECT_FALSE(find("ann", "654321"));
    EXPECT_FALSE(find("ann", ""));
    EXPECT_FALSE(find("nobody", "123456"));
    const std::array recovery = {TokenType::kRecovery};
    EXPECT_FALSE(find("ann", "123456", recovery));
    const std::array email = {TokenType::kRecovery, TokenType::kEmail};
    EXPECT_TRUE(find("ann", "123456", email));
}

TEST_P(TokensTest, ExpiredTokensAreNotFound) {
    token({.user_id = "ann", .type = TokenType::kGeneric, .secret = "old", .lifetime_seconds = -1});
    EXPECT_FALSE(find("ann", "old"));
}

TEST_P(TokensTest, ConsumingDeletesTheTokenAndAppliesTheChangesOnce) {
    const auto stored = token(
        {.user_id = "ann", .type = TokenType::kPhone, .secret = "111111", .lifetime_seconds = 900});
    consume_token(*db_, stored, {{"phoneVerification", true}});
    EXPECT_FALSE(find("ann", "111111"));
    EXPECT_FALSE(db_->get_document(kInternal, "tokens", stored.id));
    EXPECT_TRUE(
        db_->get_document(kInternal, "users", "ann")->data.at("phoneVerification").as_bool());
    // The second use of the same record finds it gone.
    EXPECT_EQ(error_type([&] { consume_token(*db_, stored, {}); }), "user_invalid_token");
}

TEST_P(TokensTest, ConsumingCanEndTheUsersSessionsAndOnlyTheirs) {
    session("ann");
    session("ann");
    const auto bobs = session("bob");
    const auto stored = token(
        {.user_id = "ann", .type = TokenType::kRecovery, .secret = "r", .lifetime_seconds = 60});
    consume_token(*db_, stored, {{"emailVerification", true}}, true);
    const std::vector<db::Query> all = {db::Query::limit(100)};
    const auto left = db_->list_documents(kInternal, "sessions", all).documents;
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left.front().id, bobs.id);
}

TEST_P(TokensTest, ConsumingForAVanishedUserWritesNothing) {
    const auto stored = token(
        {.user_id = "ann", .type = TokenType::kRecovery, .secret = "r", .lifetime_seconds = 60});
    const auto kept = session("ann");
    db_->delete_document(kInternal, "users", "ann");
    EXPECT_EQ(error_type([&] {
                  consume_token(*db_, stored, {{"emailVerification", true}}, true);
              }),
              "user_not_found");
    EXPECT_TRUE(db_->get_document(kInternal, "tokens", stored.id))
        << "the transaction was rolled back";
    EXPECT_TRUE(db_->get_document(kInternal, "sessions", kept.id));
}

TEST_P(TokensTest, ConsumingWithAnInvalidChangeWritesNothing) {
    const auto stored =
        token({.user_id = "ann", .type = TokenType::kEmail, .secret = "c", .lifetime_seconds = 60});
    EXPECT_NE(error_type([&] {
                  consume_token(*db_, stored, {{"noSuchAttribute", true}});
              }),
              "none");
    EXPECT_TRUE(find("ann", "c")) << "the token is still usable";
}

INSTANTIATE_TEST_SUITE_P(Backends, TokensTest, ::testing::Values("sqlite", "postgres"));

TEST(SignInOfTest, FollowsAppwritesCreateSession) {
    ASSERT_TRUE(sign_in_of(TokenType::kMagicUrl));
    EXPECT_EQ(sign_in_of(TokenType::kMagicUrl)->provider, "magic-url");
    EXPECT_EQ(sign_in_of(TokenType::kMagicUrl)->factor, "email");
    EXPECT_EQ(sign_in_of(TokenType::kMagicUrl)->verifies, "emailVerification");
    EXPECT_EQ(sign_in_of(TokenType::kEmail)->provider, "token");
    EXPECT_EQ(sign_in_of(TokenType::kEmail)->factor, "email");
    EXPECT_EQ(sign_in_of(TokenType::kEmail)->verifies, "emailVerification");
    EXPECT_EQ(sign_in_of(TokenType::kPhone)->provider, "phone");
    EXPECT_EQ(sign_in_of(TokenType::kPhone)->factor, "phone");
    EXPECT_EQ(sign_in_of(TokenType::kPhone)->verifies, "phoneVerification");
    EXPECT_EQ(sign_in_of(TokenType::kGeneric)->provider, "token");
    EXPECT_EQ(sign_in_of(TokenType::kGeneric)->factor, "token");
    EXPECT_EQ(sign_in_of(TokenType::kGeneric)->verifies, "");
    for (const auto type : {TokenType::kLogin, TokenType::kVerification, TokenType::kRecovery,
                            TokenType::kInvite, TokenType::kOAuth2, static_cast<TokenType>(42)}) {
        EXPECT_FALSE(sign_in_of(type)) << static_cast<int>(type);
    }
}

}  // namespace
}  // namespace basalt::auth
