// Appwrite's OAuth2 state in each provider's encoding, the PKCE verifier sealed in it, and the
// encodings underneath.
#include "auth/oauth2/state.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "auth/oauth2/encoding.hpp"
#include "auth/oauth2/pkce.hpp"
#include "core/error.hpp"
#include "outbound/http_client.hpp"

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;

const Provider& provider(std::string_view id) { return *find_provider(id); }

void expect_unreadable(std::string_view id, std::string_view text, std::string_view key = "key") {
    try {
        parse_state(id, text, key);
        ADD_FAILURE() << "accepted " << text;
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::kGeneralServerError);
        EXPECT_STREQ(e.what(), "Failed to parse login state params as passed from OAuth2 provider");
    }
}

TEST(OAuth2State, IsAppwritesJson) {
    const auto text = encode_state(
        provider("github"),
        {.success = "https://a/ok?x=1", .failure = "https://a/no", .token = true}, "", "k");
    EXPECT_EQ(
        json::parse(text),
        json::parse(R"({"success":"https://a/ok?x=1","failure":"https://a/no","token":true})"));
    const auto state = parse_state("github", text, "k");
    EXPECT_EQ(state.login.success, "https://a/ok?x=1");
    EXPECT_EQ(state.login.failure, "https://a/no");
    EXPECT_TRUE(state.login.token);
    EXPECT_EQ(state.code_verifier, "");
}

TEST(OAuth2State, ReadsWhatProvidersEchoBack) {
    // Absent fields are empty (the caller falls back to the project URL), token false.
    const auto bare = parse_state("google", R"({"success":"https://a/"})", "k");
    EXPECT_EQ(bare.login.failure, "");
    EXPECT_FALSE(bare.login.token);
    EXPECT_EQ(parse_state("google", "{}", "k").login.success, "");
    EXPECT_EQ(
        parse_state("google", R"({"success":null,"failure":null,"token":null,"extra":[1]})", "k")
            .login.success,
        "");
    // HTML-escaped by the provider.
    EXPECT_EQ(
        parse_state("salesforce", "{&quot;success&quot;:&quot;https://a/?x=1&amp;y=2&quot;}", "k")
            .login.success,
        "https://a/?x=1&y=2");
    EXPECT_EQ(parse_state("yahoo", "{&#34;success&#34;:&#x22;https://a/&#x22;}", "k").login.success,
              "https://a/");
}

TEST(OAuth2State, UsesTheProvidersEncoding) {
    const LoginState login{.success = "https://app.example.com/ok", .failure = "", .token = false};
    const auto amazon = encode_state(provider("amazon"), login, "", "k");
    EXPECT_EQ(amazon.find('{'), std::string::npos);
    EXPECT_EQ(json::parse(percent_decode(amazon)).at("success"), "https://app.example.com/ok");
    EXPECT_EQ(parse_state("amazon", amazon, "k").login.success, "https://app.example.com/ok");
    EXPECT_EQ(
        parse_state("amazon",
                    outbound::url_encode(R"({&quot;success&quot;:&quot;https://x/&quot;})"), "k")
            .login.success,
        "https://x/");

    const auto verifier = make_code_verifier();
    const auto x = encode_state(provider("x"), login, verifier, "k");
    EXPECT_EQ(
        x.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    const auto state = parse_state("x", x, "k");
    EXPECT_EQ(state.login.success, "https://app.example.com/ok");
    EXPECT_EQ(state.code_verifier, verifier);
}

TEST(OAuth2State, RefusesWhatThisServerDidNotWrite) {
    for (std::string_view bad :
         {"", "not json", "[]", "\"text\"", "42", "{\"success\":1}", "{\"failure\":{}}",
          "{\"token\":\"yes\"}", "{\"token\":1}", "{&quot;success&quot;:"}) {
        SCOPED_TRACE(std::string(bad));
        expect_unreadable("github", bad);
    }
    expect_unreadable("x", "!!not-base64!!");
    expect_unreadable("x", base64url_encode("not json"));
    expect_unreadable("amazon", "%7B");
}

TEST(OAuth2State, SealsThePkceVerifier) {
    const auto verifier = make_code_verifier();
    const auto text =
        encode_state(provider("kick"), {.success = "https://a/"}, verifier, "server-key");
    EXPECT_EQ(text.find(verifier), std::string::npos) << "the verifier must not travel in clear";
    const auto sealed = json::parse(text).at("_pkce");
    EXPECT_TRUE(sealed.at("data").is_string());
    EXPECT_EQ(sealed.at("iv").as_string().size(), 24u);
    EXPECT_EQ(sealed.at("tag").as_string().size(), 32u);
    EXPECT_EQ(parse_state("kick", text, "server-key").code_verifier, verifier);
    // Another key, a flipped bit, or no verifier at all: refused.
    expect_unreadable("kick", text, "other-key");
    auto tampered = json::parse(text);
    auto data = std::string(tampered.at("_pkce").at("data").as_string());
    data[0] = data[0] == 'A' ? 'B' : 'A';
    tampered.at("_pkce").at("data") = data;
    expect_unreadable("kick", json::serialize(tampered), "server-key");
    expect_unreadable("kick", R"({"success":"https://a/"})", "server-key");
    expect_unreadable("kick", R"({"_pkce":"plain-verifier"})", "server-key");
    expect_unreadable("kick", R"({"_pkce":{"data":"AAAA","iv":"zz","tag":"00"}})", "server-key");
    // Providers without PKCE ignore the field.
    EXPECT_EQ(parse_state("github", text, "other-key").code_verifier, "");
}

TEST(OAuth2Pkce, FollowsRfc7636) {
    // RFC 7636 Appendix B.
    EXPECT_EQ(code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
              "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    const auto a = make_code_verifier();
    const auto b = make_code_verifier();
    EXPECT_EQ(a.size(), 86u);
    EXPECT_NE(a, b);
    EXPECT_EQ(
        a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"),
        std::string::npos);
    EXPECT_FALSE(open_verifier(json::parse("null"), "k"));
    EXPECT_FALSE(open_verifier(json::parse(R"({"data":1,"iv":2,"tag":3})"), "k"));
}

TEST(OAuth2Encoding, Base64Url) {
    EXPECT_EQ(base64url_encode(""), "");
    EXPECT_EQ(base64url_encode("f"), "Zg");
    EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
    EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
    EXPECT_EQ(base64url_decode("Zg"), "f");
    EXPECT_EQ(base64url_decode("Zg=="), "f");
    EXPECT_EQ(base64url_decode("-_8"), "\xfb\xff");
    EXPECT_EQ(base64url_decode(""), "");
    EXPECT_FALSE(base64url_decode("+/8"));
    EXPECT_FALSE(base64url_decode("Z"));
    EXPECT_FALSE(base64url_decode("Zm9v!"));
    EXPECT_FALSE(base64url_decode("Zm=v"));
}

TEST(OAuth2Encoding, PercentFormAndEntities) {
    EXPECT_EQ(percent_decode("a%20b+c%2B"), "a b+c+");
    EXPECT_EQ(percent_decode("a%20b+c%2B", true), "a b c+");
    EXPECT_EQ(percent_decode("100%"), "100%");
    const auto fields = form_decode("access_token=abc%3D&scope=a+b&&flag&=v");
    ASSERT_EQ(fields.size(), 4u);
    EXPECT_EQ(fields[0], std::make_pair(std::string("access_token"), std::string("abc=")));
    EXPECT_EQ(fields[1], std::make_pair(std::string("scope"), std::string("a b")));
    EXPECT_EQ(fields[2], std::make_pair(std::string("flag"), std::string()));
    EXPECT_EQ(fields[3], std::make_pair(std::string(), std::string("v")));
    EXPECT_EQ(decode_html_entities(
                  "&quot;a&quot; &amp;amp; &lt;&gt; &apos;&#39;&#x27; &unknown; & &#xZZ; &#999;"),
              "\"a\" &amp; <> ''' &unknown; & &#xZZ; &#999;");
}

}  // namespace
}  // namespace basalt::auth::oauth2
