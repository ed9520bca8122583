// Users read from sample user-info answers in each provider's documented shape, and the path
// reader under bad input.
#include "auth/oauth2/user_mapping.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "auth/oauth2/json_path.hpp"

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;

OAuth2User user_of(std::string_view provider, std::string_view answer) {
    return map_user(*find_provider(provider), json::parse(answer));
}

void expect_user(const OAuth2User& user, std::string_view id, std::string_view email,
                 std::string_view name, bool verified) {
    EXPECT_EQ(user.id, id);
    EXPECT_EQ(user.email, email);
    EXPECT_EQ(user.name, name);
    EXPECT_EQ(user.email_verified, verified);
}

TEST(OAuth2UserMapping, ReadsOpenIdConnectClaims) {
    const auto claims =
        R"({"sub":"248289761001","name":"Jane Doe","email":"jane@example.com","email_verified":true})";
    for (std::string_view id :
         {"google", "auth0", "okta", "keycloak", "oidc", "yahoo", "zoho", "autodesk"}) {
        SCOPED_TRACE(std::string(id));
        expect_user(user_of(id, claims), "248289761001", "jane@example.com", "Jane Doe", true);
    }
    expect_user(user_of("oidc", R"({"sub":"1","email_verified":false})"), "1", "", "", false);
    // Apple sends email_verified as the string "true" or "false".
    expect_user(
        user_of(
            "apple",
            R"({"sub":"001.abc","email":"x@privaterelay.appleid.com","email_verified":"true"})"),
        "001.abc", "x@privaterelay.appleid.com", "", true);
    expect_user(user_of("apple", R"({"sub":"001.abc","email_verified":"false"})"), "001.abc", "",
                "", false);
}

TEST(OAuth2UserMapping, ReadsNumericIdsAsText) {
    expect_user(
        user_of("github", R"({"id":583231,"login":"octocat","name":"The Octocat","email":null})"),
        "583231", "", "The Octocat", false);
    expect_user(user_of("gitlab", R"({"id":1,"name":"Administrator","email":"admin@example.com",
                                      "confirmed_at":"2012-05-23T09:05:22Z"})"),
                "1", "admin@example.com", "Administrator", true);
    EXPECT_FALSE(user_of("gitlab", R"({"id":1,"confirmed_at":null})").email_verified);
    expect_user(
        user_of(
            "kick",
            R"({"data":[{"user_id":123456,"name":"kickuser","email":"k@example.com"}],"message":"OK"})"),
        "123456", "k@example.com", "kickuser", false);
}

TEST(OAuth2UserMapping, PicksFromArraysAndJoinsNames) {
    expect_user(
        user_of("paypal", R"({"payer_id":"WDJJHEBZ4X2LY","name":"Ada L","verified_account":"true",
        "emails":[{"value":"old@example.com","primary":false},{"value":"ada@example.com","primary":true}]})"),
        "WDJJHEBZ4X2LY", "ada@example.com", "Ada L", true);
    // PayPal says "false" as a string: not verified.
    EXPECT_FALSE(
        user_of("paypal", R"({"payer_id":"P","verified_account":"false"})").email_verified);
    expect_user(user_of("bitly", R"({"login":"bitlyuser","name":"B",
        "emails":[{"email":"u@example.com","is_verified":false},{"email":"v@example.com","is_verified":true}]})"),
                "bitlyuser", "v@example.com", "B", true);
    expect_user(
        user_of(
            "bitly",
            R"({"login":"bitlyuser","emails":[{"email":"u@example.com","is_verified":false}]})"),
        "bitlyuser", "", "", false);
    expect_user(
        user_of(
            "linkedin",
            R"({"sub":"782bbtaQ","given_name":"John","family_name":"Doe","email":"d@example.com",
        "email_verified":true})"),
        "782bbtaQ", "d@example.com", "John Doe", true);
    EXPECT_EQ(user_of("linkedin", R"({"sub":"1","name":"Full Name","given_name":"Full"})").name,
              "Full Name");
    EXPECT_EQ(user_of("linkedin", R"({"sub":"1","family_name":"Only"})").name, "Only");
    expect_user(
        user_of("tradeshift",
                R"({"Id":"3f7f","Username":"t@example.com","FirstName":"Tom","LastName":"Shift"})"),
        "3f7f", "t@example.com", "Tom Shift", false);
    expect_user(
        user_of("zoom", R"({"id":"KDcuGIm1QgePTO8WbOqwIQ","first_name":"Jill","last_name":"Chill",
        "email":"jchill@example.com","verified":1})"),
        "KDcuGIm1QgePTO8WbOqwIQ", "jchill@example.com", "Jill Chill", true);
    EXPECT_FALSE(user_of("zoom", R"({"id":"z","verified":0})").email_verified);
    EXPECT_FALSE(user_of("zoom", R"({"id":"z","verified":-1})").email_verified);
}

TEST(OAuth2UserMapping, ReadsNestedAndRootedAnswers) {
    expect_user(
        user_of("notion",
                R"({"object":"user","id":"bot-id","type":"bot","bot":{"owner":{"type":"user",
        "user":{"object":"user","id":"e79a0b74","name":"Avo","person":{"email":"avo@example.org"}}}}})"),
        "e79a0b74", "avo@example.org", "Avo", false);
    expect_user(
        user_of(
            "twitch",
            R"({"data":[{"id":"141981764","display_name":"TwitchDev","email":"t@example.com"}]})"),
        "141981764", "t@example.com", "TwitchDev", false);
    EXPECT_EQ(user_of("twitch", R"({"data":[]})").id, "");
    expect_user(
        user_of("disqus",
                R"({"code":0,"response":{"id":"1234","name":"Dis","email":"d@example.com"}})"),
        "1234", "d@example.com", "Dis", false);
    expect_user(
        user_of("slack",
                R"({"ok":true,"user":{"name":"Sonny","id":"U0G9QF9C6","email":"s@example.com"},
        "team":{"id":"T0G9PQBBK"}})"),
        "U0G9QF9C6", "s@example.com", "Sonny", false);
    expect_user(user_of("x", R"({"data":{"id":"2244994945","name":"X Dev","username":"XDevelopers",
        "confirmed_email":"dev@example.com"}})"),
                "2244994945", "dev@example.com", "X Dev", true);
    EXPECT_FALSE(user_of("x", R"({"data":{"id":"2244994945"}})").email_verified);
    expect_user(user_of("dropbox",
                        R"({"account_id":"dbid:AAH4f99","name":{"display_name":"Franz Ferdinand"},
        "email":"franz@example.com","email_verified":true})"),
                "dbid:AAH4f99", "franz@example.com", "Franz Ferdinand", true);
}

TEST(OAuth2UserMapping, NeverVerifiesWithoutASignal) {
    const auto answer =
        R"({"id":"1","userPrincipalName":"a@contoso.com","displayName":"A","email_verified":true,
                            "verified":true})";
    expect_user(user_of("microsoft", answer), "1", "a@contoso.com", "A", false);
    EXPECT_FALSE(user_of("spotify", answer).email_verified);
    EXPECT_FALSE(user_of("facebook", answer).email_verified);
}

TEST(OAuth2UserMapping, YieldsEmptyFieldsForWrongShapes) {
    for (std::string_view answer : {"null", "[]", "\"text\"", "42",
                                    R"({"sub":{"nested":1},"email":["a"]})", R"({"sub":true})"}) {
        SCOPED_TRACE(std::string(answer));
        const auto user = user_of("google", answer);
        EXPECT_EQ(user.id, "");
        EXPECT_EQ(user.email, "");
        EXPECT_FALSE(user.email_verified);
    }
    EXPECT_EQ(user_of("kick", R"({"data":{"0":{"user_id":1}}})").id,
              "1");  // an object keyed "0" also reads
    EXPECT_EQ(user_of("kick", R"({"data":"x"})").id, "");
}

TEST(OAuth2JsonPath, StepsThroughObjectsArraysAndFlags) {
    const auto doc = json::parse(
        R"({"a":{"b":[10,{"c":"x"}]},"list":[{"ok":0,"v":1},{"ok":"yes","v":2}],"d":1.5})");
    EXPECT_EQ(text_at(doc, "/a/b/0"), "10");
    EXPECT_EQ(text_at(doc, "/a/b/1/c"), "x");
    EXPECT_EQ(text_at(doc, "/d"), "1.5");
    EXPECT_EQ(text_at(doc, "/list[ok]/v"), "2");
    EXPECT_EQ(find_path(doc, ""), &doc);
    for (std::string_view bad :
         {"/a/b/2", "/a/b/-1", "/a/b/01x", "/a/missing", "a/b", "/list[absent]/v", "/a[b]",
          "/list[ok", "/a/b/1/c/d", "/a/b/99999999999999999999"}) {
        EXPECT_EQ(find_path(doc, bad), nullptr) << bad;
        EXPECT_EQ(text_at(doc, bad), "") << bad;
    }
    EXPECT_FALSE(flag_at(doc, ""));
}

TEST(OAuth2JsonPath, ReadsTruthAsProvidersSpellIt) {
    for (std::string_view yes : {"true", "1", "2.5", "\"true\"", "\"2012-05-23\"", "\"yes\""}) {
        EXPECT_TRUE(is_true(json::parse(yes))) << yes;
    }
    for (std::string_view no :
         {"false", "0", "-1", "0.0", "\"\"", "\"0\"", "\"false\"", "null", "{}", "[1]"}) {
        EXPECT_FALSE(is_true(json::parse(no))) << no;
    }
}

}  // namespace
}  // namespace basalt::auth::oauth2
