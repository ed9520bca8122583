// The second requests of GitHub, Bitbucket and Podio, with the provider's API answered here.
#include "auth/oauth2/quirks.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <map>

#include "auth/oauth2/oauth2.hpp"
#include "auth/oauth2/user_mapping.hpp"
#include "core/error.hpp"

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;

// Answers GETs from a URL -> JSON table; records what was asked.
struct FakeApi {
    std::map<std::string, std::string, std::less<>> answers;
    std::vector<std::string> asked;

    ApiGet get() {
        return [this](std::string_view url) {
            asked.emplace_back(url);
            const auto it = answers.find(url);
            if (it == answers.end())
                throw Error(ErrorType::kUserOauth2ProviderError, "unexpected URL");
            return json::parse(it->second);
        };
    }
};

OAuth2User complete(std::string_view id, FakeApi& api, std::string_view user_answer) {
    const auto& provider = *find_provider(id);
    auto user = json::parse(user_answer);
    apply_quirk(provider, api.get(), user);
    return map_user(provider, user);
}

TEST(OAuth2Quirks, GithubPrefersTheVerifiedPrimaryAddress) {
    FakeApi api;
    api.answers["https://api.github.com/user/emails"] = R"([
        {"email":"old@example.com","verified":true,"primary":false},
        {"email":"unverified@example.com","verified":false,"primary":false},
        {"email":"main@example.com","verified":true,"primary":true}])";
    const auto user =
        complete("github", api, R"({"id":1,"name":"Octo","email":"public@example.com"})");
    EXPECT_EQ(user.email, "main@example.com");
    EXPECT_TRUE(user.email_verified);
    EXPECT_EQ(api.asked, std::vector<std::string>{"https://api.github.com/user/emails"});

    api.answers["https://api.github.com/user/emails"] =
        R"([{"email":"a@example.com","verified":true,"primary":false},
        {"email":"p@example.com","verified":false,"primary":true}])";
    EXPECT_EQ(complete("github", api, R"({"id":1})").email, "a@example.com");

    // Nothing verified: the public address stays, unverified.
    api.answers["https://api.github.com/user/emails"] =
        R"([{"email":"p@example.com","verified":false,"primary":true}])";
    const auto unverified = complete("github", api, R"({"id":1,"email":"public@example.com"})");
    EXPECT_EQ(unverified.email, "public@example.com");
    EXPECT_FALSE(unverified.email_verified);
    api.answers["https://api.github.com/user/emails"] = R"({"message":"not a list"})";
    EXPECT_FALSE(
        complete("github", api, R"({"id":1,"email":"public@example.com"})").email_verified);
}

TEST(OAuth2Quirks, BitbucketTakesAConfirmedAddress) {
    FakeApi api;
    api.answers["https://api.bitbucket.org/2.0/user/emails"] = R"({"values":[
        {"email":"x@example.com","is_confirmed":false,"is_primary":true},
        {"email":"y@example.com","is_confirmed":true,"is_primary":false}]})";
    const auto user = complete("bitbucket", api, R"({"uuid":"{u-1}","display_name":"Bit"})");
    EXPECT_EQ(user.id, "{u-1}");
    EXPECT_EQ(user.email, "y@example.com");
    EXPECT_TRUE(user.email_verified);
    api.answers["https://api.bitbucket.org/2.0/user/emails"] = R"({"values":[]})";
    const auto none = complete("bitbucket", api, R"({"uuid":"{u-1}"})");
    EXPECT_EQ(none.email, "");
    EXPECT_FALSE(none.email_verified);
}

TEST(OAuth2Quirks, PodioReadsTheNameAndTheMainAddressVerification) {
    FakeApi api;
    api.answers["https://api.podio.com/user/profile"] = R"({"name":"Podi O","profile_id":9})";
    const auto user = complete("podio", api, R"({"user_id":5,"mail":"b@example.com","mails":[
        {"mail":"a@example.com","verified":true},{"mail":"b@example.com","verified":true}]})");
    EXPECT_EQ(user.id, "5");
    EXPECT_EQ(user.name, "Podi O");
    EXPECT_TRUE(user.email_verified);
    EXPECT_FALSE(complete("podio", api, R"({"user_id":5,"mail":"b@example.com","mails":[
        {"mail":"a@example.com","verified":true},{"mail":"b@example.com","verified":false}]})")
                     .email_verified);
    EXPECT_FALSE(complete("podio", api, R"({"user_id":5,"mail":"c@example.com"})").email_verified);
}

TEST(OAuth2Quirks, LeaveOthersAloneAndPassErrorsOn) {
    FakeApi api;
    EXPECT_EQ(complete("google", api, R"({"sub":"g"})").id, "g");
    EXPECT_TRUE(api.asked.empty());
    EXPECT_EQ(complete("github", api, "[]").id, "");  // no user object: nothing to complete
    EXPECT_TRUE(api.asked.empty());
    EXPECT_THROW(complete("github", api, R"({"id":1})"), Error);  // the emails call fails
}

}  // namespace
}  // namespace basalt::auth::oauth2
