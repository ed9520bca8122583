// The token and user requests each kind of provider row produces, and the reading of token
// answers (without a network: flow_test and oidc_provider_test send them).
#include "auth/oauth2/requests.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <boost/json/parse.hpp>

#include "auth/oauth2/encoding.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;

const Provider& provider(std::string_view id) { return *find_provider(id); }

std::string header(const outbound::HttpRequest& request, std::string_view name) {
    for (const auto& [key, value] : request.headers) {
        if (key == name) return value;
    }
    return "<absent>";
}

std::string field(std::string_view form, std::string_view name) {
    for (auto& [key, value] : form_decode(form)) {
        if (key == name) return value;
    }
    return "<absent>";
}

const FormFields kGrant = {{"grant_type", "authorization_code"}, {"code", "c1"}};

TEST(OAuth2TokenRequest, AuthenticatesAsEachProviderWants) {
    const ProviderSettings settings{.app_id = "id", .secret = "se:cret"};
    const AppSecret secret{.client_secret = "se:cret"};

    const auto post =
        token_request(provider("github"), settings, secret, "https://t/token", kGrant);
    EXPECT_EQ(post.method, "POST");
    EXPECT_EQ(header(post, "Content-Type"), "application/x-www-form-urlencoded");
    EXPECT_EQ(header(post, "Accept"), "application/json");
    EXPECT_EQ(header(post, "Authorization"), "<absent>");
    EXPECT_EQ(field(post.body, "code"), "c1");
    EXPECT_EQ(field(post.body, "client_id"), "id");
    EXPECT_EQ(field(post.body, "client_secret"), "se:cret");

    const auto basic =
        token_request(provider("spotify"), settings, secret, "https://t/token", kGrant);
    EXPECT_EQ(header(basic, "Authorization"), "Basic " + crypto::base64_encode("id:se:cret"));
    EXPECT_EQ(field(basic.body, "client_secret"), "<absent>");
    EXPECT_EQ(field(basic.body, "client_id"), "<absent>");

    const auto stripe =
        token_request(provider("stripe"), settings, secret, "https://t/token", kGrant);
    EXPECT_EQ(header(stripe, "Authorization"), "Basic " + crypto::base64_encode("se:cret:"));
    EXPECT_EQ(field(stripe.body, "client_secret"), "<absent>");

    const auto etsy = token_request(provider("etsy"), settings, secret, "https://t/token", kGrant);
    EXPECT_EQ(field(etsy.body, "client_id"), "id");
    EXPECT_EQ(field(etsy.body, "client_secret"), "<absent>");
    EXPECT_EQ(header(etsy, "Authorization"), "<absent>");

    const auto facebook =
        token_request(provider("facebook"), settings, secret, "https://t/token?v=1", kGrant);
    EXPECT_EQ(facebook.method, "GET");
    EXPECT_EQ(facebook.body, "");
    EXPECT_EQ(
        facebook.url,
        "https://t/"
        "token?v=1&grant_type=authorization_code&code=c1&client_id=id&client_secret=se%3Acret");
}

TEST(OAuth2TokenRequest, SignsApplesClientSecretPerRequest) {
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), &EVP_PKEY_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    char* pem = nullptr;
    const auto size = BIO_get_mem_data(bio.get(), &pem);
    const AppSecret secret{.fields = {{"p8", std::string(pem, static_cast<std::size_t>(size))},
                                      {"keyID", "K1"},
                                      {"teamID", "T1"}}};
    const auto request = token_request(provider("apple"), {.app_id = "com.example.web"}, secret,
                                       "https://t", kGrant);
    const auto jwt = field(request.body, "client_secret");
    ASSERT_EQ(std::count(jwt.begin(), jwt.end(), '.'), 2) << jwt;
    const auto claims = json::parse(
        *base64url_decode(jwt.substr(jwt.find('.') + 1, jwt.rfind('.') - jwt.find('.') - 1)));
    EXPECT_EQ(claims.at("sub"), "com.example.web");
    EXPECT_EQ(claims.at("iss"), "T1");
    EXPECT_THROW(
        token_request(provider("apple"), {.app_id = "a"}, AppSecret{}, "https://t", kGrant), Error);
}

TEST(OAuth2TokenAnswer, ReadsTokensWhereTheProviderPutsThem) {
    const auto slack = read_tokens(provider("slack"), 200, R"({"ok":true,"access_token":"xoxb-bot",
        "authed_user":{"id":"U1","access_token":"xoxp-user","refresh_token":"r","expires_in":43200}})");
    EXPECT_EQ(slack.access_token, "xoxp-user");
    EXPECT_EQ(slack.refresh_token, "r");
    EXPECT_EQ(slack.expires_in, 43200);
    EXPECT_THROW(read_tokens(provider("slack"), 200, R"({"ok":true,"access_token":"xoxb-bot"})"),
                 Error);
    try {
        read_tokens(provider("slack"), 200, R"({"ok":false,"error":"invalid_code"})");
        ADD_FAILURE() << "accepted an error";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::kUserOauth2BadRequest);
        EXPECT_STREQ(e.what(), "invalid_code: No description");
    }
    EXPECT_EQ(
        read_tokens(provider("yammer"), 200, R"({"access_token":{"token":"yam","user_id":1}})")
            .access_token,
        "yam");
    EXPECT_EQ(read_tokens(provider("bitly"), 200, "access_token=bit&login=u").access_token, "bit");
    EXPECT_EQ(
        read_tokens(provider("github"), 200, R"({"access_token":"gho","error":null})").access_token,
        "gho");
    EXPECT_EQ(read_tokens(provider("github"), 200, R"({"access_token":"g","expires_in":"12x"})")
                  .expires_in,
              0);
    EXPECT_EQ(read_tokens(provider("github"), 200, R"({"access_token":"g","expires_in":59.9})")
                  .expires_in,
              59);
}

TEST(OAuth2UserRequest, PlacesTheTokenAndHeadersAsEachProviderWants) {
    const json::object fields;
    const TemplateValues values{
        .fields = &fields, .app_id = "app 1", .client_secret = "s&1", .token_user_id = "77"};

    const auto bearer = user_request(provider("google"), "https://u/me", values, "tok en");
    EXPECT_EQ(bearer.method, "GET");
    EXPECT_EQ(header(bearer, "Authorization"), "Bearer tok en");
    EXPECT_EQ(bearer.url, "https://u/me");

    const auto yandex =
        user_request(provider("yandex"), "https://login.yandex.ru/info?format=json", values, "y&t");
    EXPECT_EQ(yandex.url, "https://login.yandex.ru/info?format=json&oauth_token=y%26t");
    EXPECT_EQ(header(yandex, "Authorization"), "<absent>");

    const auto twitch =
        user_request(provider("twitch"), "https://api.twitch.tv/helix/users", values, "t");
    EXPECT_EQ(header(twitch, "Client-Id"), "app%201");
    const auto notion = user_request(provider("notion"), "https://n/users/me", values, "t");
    EXPECT_EQ(header(notion, "Notion-Version"), "2021-08-16");

    const auto dropbox =
        user_request(provider("dropbox"), "https://d/get_current_account", values, "t");
    EXPECT_EQ(dropbox.method, "POST");
    EXPECT_EQ(dropbox.body, "null");
    EXPECT_EQ(header(dropbox, "Content-Type"), "application/json");

    // Template-made URLs: Disqus's key and secret, Etsy's user id from the token.
    const auto& disqus = provider("disqus");
    const auto disqus_request =
        user_request(disqus, expand(disqus, disqus.user_url, values), values, "dq");
    EXPECT_EQ(disqus_request.url,
              "https://disqus.com/api/3.0/users/"
              "details.json?api_key=app%201&api_secret=s%261&access_token=dq");
    const auto& etsy = provider("etsy");
    const auto etsy_request =
        user_request(etsy, expand(etsy, etsy.user_url, values), values, "77.abc");
    EXPECT_EQ(etsy_request.url, "https://api.etsy.com/v3/application/users/77");
    EXPECT_EQ(header(etsy_request, "x-api-key"), "app%201");
}

TEST(OAuth2Query, AppendsToUrls) {
    EXPECT_EQ(with_query("https://a/b", "x=1"), "https://a/b?x=1");
    EXPECT_EQ(with_query("https://a/b?y=2", "x=1"), "https://a/b?y=2&x=1");
    EXPECT_EQ(with_query("https://a/b", ""), "https://a/b");
}

}  // namespace
}  // namespace basalt::auth::oauth2
