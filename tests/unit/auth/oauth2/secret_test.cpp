// Reading the stored app secret as Appwrite's adapters do, the URL templates, and the JWTs of
// the flow (Apple's client secret checked with OpenSSL, not with the library that made it).
#include "auth/oauth2/secret.hpp"

#include <gtest/gtest.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include <boost/json/parse.hpp>
#include <memory>

#include "auth/oauth2/encoding.hpp"
#include "auth/oauth2/jwt.hpp"
#include "auth/oauth2/oauth2.hpp"
#include "core/error.hpp"

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;

const Provider& provider(std::string_view id) { return *find_provider(id); }

TEST(OAuth2Secret, IsReadPerProvider) {
    EXPECT_EQ(read_secret(provider("github"), "gh-secret").client_secret, "gh-secret");
    EXPECT_EQ(read_secret(provider("github"), R"({"clientSecret":"x"})").client_secret,
              R"({"clientSecret":"x"})");
    // Google: JSON or the secret itself; JSON without clientSecret is taken as the secret, as
    // Appwrite.
    EXPECT_EQ(read_secret(provider("google"), "plain").client_secret, "plain");
    EXPECT_EQ(
        read_secret(provider("google"), R"({"clientSecret":"g","prompt":["none"]})").client_secret,
        "g");
    EXPECT_EQ(read_secret(provider("google"), R"({"prompt":[]})").client_secret,
              R"({"prompt":[]})");
    EXPECT_EQ(read_secret(provider("google"), "[1]").client_secret, "[1]");
    const auto okta =
        read_secret(provider("okta"), R"({"clientSecret":"o","oktaDomain":"d.okta.com"})");
    EXPECT_EQ(okta.client_secret, "o");
    EXPECT_EQ(okta.fields.at("oktaDomain"), "d.okta.com");
    EXPECT_EQ(read_secret(provider("okta"), R"({"oktaDomain":"d"})").client_secret, "");
    EXPECT_EQ(read_secret(provider("okta"), R"({"clientSecret":42})").client_secret, "42");
    EXPECT_EQ(
        read_secret(provider("apple"), R"({"p8":"k","keyID":"K","teamID":"T"})").client_secret, "");
}

TEST(OAuth2Secret, RefusesWhatIsNotAJsonObjectWhereOneIsNeeded) {
    for (std::string_view id : {"auth0", "authentik", "fusionauth", "gitlab", "keycloak",
                                "microsoft", "oidc", "okta", "apple"}) {
        for (std::string_view raw : {"", "secret", "[]", "null", "{\"a\":"}) {
            try {
                read_secret(provider(id), raw);
                ADD_FAILURE() << id << " accepted " << raw;
            } catch (const Error& e) {
                EXPECT_EQ(e.type(), ErrorType::kGeneralServerError);
                EXPECT_NE(std::string(e.what()).find("Invalid secret"), std::string::npos);
            }
        }
    }
}

TEST(OAuth2Secret, ExpandsTemplates) {
    const auto fields =
        json::parse(R"({"d":"h.example.com","r":"a b/c","n":7,"e":""})").as_object();
    const TemplateValues values{
        .fields = &fields, .app_id = "id&1", .client_secret = "s=2", .token_user_id = "42"};
    const auto& p = provider("gitlab");
    EXPECT_EQ(expand(p, "https://{d}/x/{%r}/{n}", values), "https://h.example.com/x/a%20b%2Fc/7");
    EXPECT_EQ(expand(p, "{e=https://default}/{missing=x}", values), "https://default/x");
    EXPECT_EQ(expand(p, "?k={app_id}&s={client_secret}&u={token_user_id}", values),
              "?k=id%261&s=s%3D2&u=42");
    EXPECT_EQ(expand(p, "no placeholders {", values), "no placeholders {");
    for (std::string_view text : {"{missing}", "{e}", "{%missing}"}) {
        try {
            expand(p, text, values);
            ADD_FAILURE() << "expanded " << text;
        } catch (const Error& e) {
            EXPECT_EQ(e.type(), ErrorType::kProjectProviderDisabled);
        }
    }
    EXPECT_THROW(expand(p, "{d}", {}), Error);
}

struct KeyPair {
    std::string private_pem;
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key{nullptr, &EVP_PKEY_free};
};

KeyPair make_p256_key() {
    KeyPair pair;
    pair.key.reset(EVP_EC_gen("P-256"));
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    PEM_write_bio_PrivateKey(bio.get(), pair.key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    pair.private_pem.assign(data, static_cast<std::size_t>(size));
    return pair;
}

// Checks a JOSE ES256 signature (R || S, 32 bytes each) over `signed_part` with OpenSSL.
bool es256_valid(EVP_PKEY* key, std::string_view signed_part, std::string_view signature) {
    if (signature.size() != 64) return false;
    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), &ECDSA_SIG_free);
    const auto* bytes = reinterpret_cast<const unsigned char*>(signature.data());
    ECDSA_SIG_set0(sig.get(), BN_bin2bn(bytes, 32, nullptr), BN_bin2bn(bytes + 32, 32, nullptr));
    unsigned char* der = nullptr;
    const int der_size = i2d_ECDSA_SIG(sig.get(), &der);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    const bool valid = EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
                       EVP_DigestVerify(ctx.get(), der, static_cast<std::size_t>(der_size),
                                        reinterpret_cast<const unsigned char*>(signed_part.data()),
                                        signed_part.size()) == 1;
    OPENSSL_free(der);
    return valid;
}

TEST(OAuth2Jwt, SignsApplesClientSecret) {
    const auto pair = make_p256_key();
    const auto secret =
        json::object{{"p8", pair.private_pem}, {"keyID", "ABC123DEFG"}, {"teamID", "TEAM456"}};
    const auto token = apple_client_secret("com.example.service", secret, 1700000000);
    const auto first = token.find('.');
    const auto last = token.rfind('.');
    ASSERT_NE(first, last);
    const auto header = json::parse(*base64url_decode(token.substr(0, first)));
    EXPECT_EQ(header.at("alg"), "ES256");
    EXPECT_EQ(header.at("kid"), "ABC123DEFG");
    const auto claims = json::parse(*base64url_decode(token.substr(first + 1, last - first - 1)));
    EXPECT_EQ(claims.at("iss"), "TEAM456");
    EXPECT_EQ(claims.at("sub"), "com.example.service");
    EXPECT_EQ(claims.at("aud"), "https://appleid.apple.com");
    EXPECT_EQ(claims.at("iat").to_number<std::int64_t>(), 1700000000);
    EXPECT_EQ(claims.at("exp").to_number<std::int64_t>(), 1700000000 + 180 * 86400);
    const auto signature = base64url_decode(token.substr(last + 1));
    ASSERT_TRUE(signature);
    EXPECT_TRUE(es256_valid(pair.key.get(), std::string_view(token).substr(0, last), *signature));
    EXPECT_FALSE(es256_valid(make_p256_key().key.get(), std::string_view(token).substr(0, last),
                             *signature));
}

TEST(OAuth2Jwt, RefusesAKeyThatCannotSign) {
    for (std::string_view p8 :
         {"", "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n"}) {
        const auto secret = json::object{{"p8", p8}, {"keyID", "K"}, {"teamID", "T"}};
        try {
            apple_client_secret("app", secret, 1);
            ADD_FAILURE() << "signed with " << p8;
        } catch (const Error& e) {
            EXPECT_EQ(e.type(), ErrorType::kGeneralServerError);
        }
    }
    EXPECT_THROW(apple_client_secret("app", json::object{}, 1), Error);
}

TEST(OAuth2Jwt, ReadsIdTokenClaims) {
    const auto header = base64url_encode(R"({"alg":"RS256","kid":"x"})");
    const auto payload =
        base64url_encode(R"({"sub":"001.a","email":"e@x.com","email_verified":"true"})");
    const auto claims =
        id_token_claims(header + "." + payload + "." + base64url_encode("signature"));
    EXPECT_EQ(claims.at("sub"), "001.a");
    EXPECT_EQ(claims.at("email_verified"), "true");
    for (std::string_view bad : {"", "abc", "a.b.c", "..", "e30.e30"}) {
        try {
            id_token_claims(bad);
            ADD_FAILURE() << "read " << bad;
        } catch (const Error& e) {
            EXPECT_EQ(e.type(), ErrorType::kUserOauth2ProviderError);
        }
    }
}

TEST(OAuth2UserParam, ReadsApplesFirstSignInName) {
    EXPECT_EQ(name_from_user_param(
                  R"({"name":{"firstName":"Ada","lastName":"Lovelace"},"email":"a@x.com"})"),
              "Ada Lovelace");
    EXPECT_EQ(name_from_user_param(R"({"name":{"firstName":"Ada"}})"), "");
    EXPECT_EQ(name_from_user_param(R"({"name":"Ada"})"), "");
    EXPECT_EQ(name_from_user_param("not json"), "");
    EXPECT_EQ(name_from_user_param(""), "");
}

}  // namespace
}  // namespace basalt::auth::oauth2
