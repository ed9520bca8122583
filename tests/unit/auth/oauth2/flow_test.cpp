// The token and user requests against a scripted provider on loopback (Basalt's own HTTP server):
// what is sent, how answers are read, and how refusals, malformed answers and an unreachable
// provider become Appwrite's OAuth2 errors.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <mutex>
#include <thread>

#include "auth/oauth2/encoding.hpp"
#include "auth/oauth2/oauth2.hpp"
#include "core/error.hpp"
#include "http/server.hpp"

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;

struct Answer {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
};

struct Seen {
    std::string body;
    std::string query;
    std::string authorization;
    std::string content_type;
};

class ScriptedProvider : public ::testing::Test {
protected:
    void SetUp() override {
        route(http::Method::kPost, "/token", token_, seen_token_);
        route(http::Method::kGet, "/user", user_, seen_user_);
        route(http::Method::kGet, "/api/v4/user", user_, seen_user_);  // GitLab's path
        route(http::Method::kPost, "/oauth/token", token_, seen_token_);
        route(http::Method::kGet, "/.well-known/openid-configuration", discovery_, seen_discovery_);
        http::ServerHooks hooks{
            .fallback = [](http::Request&) { return http::Response::json(404, "{}"); },
            .failure = [](http::Request&, int status,
                          std::string_view) { return http::Response::json(status, "{}"); },
            .completed = nullptr,
        };
        server_ = std::make_unique<http::Server>(
            http::ServerOptions{
                .host = "127.0.0.1", .port = 0, .io_threads = 1, .worker_threads = 1},
            router_, std::move(hooks));
        server_->listen();
        runner_ = std::thread([this] { server_->run(); });
        base_ = "http://127.0.0.1:" + std::to_string(server_->port());
        settings_ = {
            .app_id = "client-1",
            .secret = json::serialize(json::object{{"clientSecret", "secret-1"},
                                                   {"tokenEndpoint", base_ + "/token"},
                                                   {"userInfoEndpoint", base_ + "/user"}})};
    }

    void TearDown() override {
        server_->stop();
        runner_.join();
    }

    void route(http::Method method, std::string path, Answer& answer, Seen& seen) {
        router_.add({method, std::move(path),
                     [this, &answer, &seen](http::Request& r) {
                         std::lock_guard lock(mutex_);
                         seen = {r.body, r.query_string,
                                 std::string(r.header("authorization").value_or("")),
                                 std::string(r.header("content-type").value_or(""))};
                         auto response = http::Response::json(answer.status, answer.body);
                         response.content_type = answer.content_type;
                         return response;
                     },
                     http::Execution::kInline});
    }

    void answer_token(int status, std::string body, std::string content_type = "application/json") {
        std::lock_guard lock(mutex_);
        token_ = {status, std::move(body), std::move(content_type)};
    }
    void answer_user(int status, std::string body) {
        std::lock_guard lock(mutex_);
        user_ = {status, std::move(body)};
    }
    Seen seen_token() {
        std::lock_guard lock(mutex_);
        return seen_token_;
    }
    Seen seen_user() {
        std::lock_guard lock(mutex_);
        return seen_user_;
    }

    // The error `call` throws: its type and message.
    static std::pair<ErrorType, std::string> failure_of(const std::function<void()>& call) {
        try {
            call();
        } catch (const Error& e) {
            return {e.type(), e.what()};
        }
        ADD_FAILURE() << "no basalt::Error thrown";
        return {ErrorType::kGeneralUnknown, ""};
    }

    std::mutex mutex_;
    Answer token_, user_, discovery_;
    Seen seen_token_, seen_user_, seen_discovery_;
    http::Router router_;
    std::unique_ptr<http::Server> server_;
    std::thread runner_;
    std::string base_;
    ProviderSettings settings_;
};

std::string form_field(const std::string& body, std::string_view name) {
    for (auto& [key, value] : form_decode(body)) {
        if (key == name) return value;
    }
    return "<absent>";
}

TEST_F(ScriptedProvider, ExchangesTheCodeWithClientSecretPost) {
    answer_token(
        200, R"({"access_token":"at-1","refresh_token":"rt-1","id_token":"it-1","expires_in":3600,
                         "token_type":"Bearer"})");
    const auto tokens = exchange_code("oidc", settings_, "https://basalt.example.com/cb", "code-1");
    EXPECT_EQ(tokens.access_token, "at-1");
    EXPECT_EQ(tokens.refresh_token, "rt-1");
    EXPECT_EQ(tokens.id_token, "it-1");
    EXPECT_EQ(tokens.expires_in, 3600);
    const auto seen = seen_token();
    EXPECT_EQ(seen.content_type, "application/x-www-form-urlencoded");
    EXPECT_EQ(form_field(seen.body, "grant_type"), "authorization_code");
    EXPECT_EQ(form_field(seen.body, "code"), "code-1");
    EXPECT_EQ(form_field(seen.body, "redirect_uri"), "https://basalt.example.com/cb");
    EXPECT_EQ(form_field(seen.body, "client_id"), "client-1");
    EXPECT_EQ(form_field(seen.body, "client_secret"), "secret-1");
    EXPECT_EQ(form_field(seen.body, "code_verifier"), "<absent>");
    EXPECT_EQ(seen.authorization, "");

    exchange_code("oidc", settings_, "https://basalt.example.com/cb", "code-2", "the-verifier");
    EXPECT_EQ(form_field(seen_token().body, "code_verifier"), "the-verifier");
}

TEST_F(ScriptedProvider, ReadsFormEncodedAndStringlyTypedAnswers) {
    answer_token(200, "access_token=at%2B2&scope=user&expires_in=60",
                 "application/x-www-form-urlencoded");
    auto tokens = exchange_code("oidc", settings_, "https://c/cb", "c");
    EXPECT_EQ(tokens.access_token, "at+2");
    EXPECT_EQ(tokens.expires_in, 60);
    EXPECT_EQ(tokens.refresh_token, "");
    answer_token(200, R"({"access_token":"at-3","expires_in":"7200"})");
    EXPECT_EQ(exchange_code("oidc", settings_, "https://c/cb", "c").expires_in, 7200);
    answer_token(200, R"({"access_token":"at-4","expires_in":"soon"})");
    EXPECT_EQ(exchange_code("oidc", settings_, "https://c/cb", "c").expires_in, 0);
}

TEST_F(ScriptedProvider, TurnsRefusalsIntoAppwritesErrors) {
    const auto exchange = [&] { exchange_code("oidc", settings_, "https://c/cb", "bad-code"); };

    answer_token(400,
                 R"({"error":"invalid_grant","error_description":"grant request is invalid"})");
    EXPECT_EQ(failure_of(exchange),
              std::make_pair(ErrorType::kUserOauth2BadRequest,
                             std::string("invalid_grant: grant request is invalid")));
    answer_token(401, R"({"error":"invalid_client"})");
    EXPECT_EQ(failure_of(exchange), std::make_pair(ErrorType::kUserOauth2Unauthorized,
                                                   std::string("invalid_client: No description")));
    answer_token(403, R"({"error":{"status":"PERMISSION_DENIED","message":"nope"}})");
    EXPECT_EQ(failure_of(exchange), std::make_pair(ErrorType::kUserOauth2ProviderError,
                                                   std::string("PERMISSION_DENIED: nope")));
    answer_token(422, R"({"message":"Validation Failed","errors":[{"message":"code is wrong"}]})");
    EXPECT_EQ(failure_of(exchange),
              std::make_pair(ErrorType::kUserOauth2ProviderError,
                             std::string("Validation Failed: code is wrong")));
    answer_token(500, "<html>upstream broke</html>", "text/html");
    EXPECT_EQ(failure_of(exchange), std::make_pair(ErrorType::kUserOauth2ProviderError,
                                                   std::string("<html>upstream broke</html>")));
    answer_token(503, "", "text/plain");
    EXPECT_EQ(failure_of(exchange).first, ErrorType::kUserOauth2ProviderError);
    // 2xx answers that refuse (GitHub, Slack) or carry no token.
    answer_token(
        200,
        R"({"error":"bad_verification_code","error_description":"The code is incorrect or expired."})");
    EXPECT_EQ(
        failure_of(exchange),
        std::make_pair(ErrorType::kUserOauth2BadRequest,
                       std::string("bad_verification_code: The code is incorrect or expired.")));
    answer_token(200, "error=bad_verification_code&error_description=The+code+is+incorrect.",
                 "application/x-www-form-urlencoded");
    EXPECT_EQ(failure_of(exchange),
              std::make_pair(ErrorType::kUserOauth2BadRequest,
                             std::string("bad_verification_code: The code is incorrect.")));
    for (std::string body :
         {"{}", R"({"access_token":""})", R"({"access_token":{"no":"token"}})", "[]", "garbage"}) {
        answer_token(200, body);
        const auto [type, message] = failure_of(exchange);
        EXPECT_EQ(type, ErrorType::kUserOauth2BadRequest) << body;
        EXPECT_EQ(message, "access_token_missing: OpenID Connect did not return an access token.")
            << body;
    }
}

TEST_F(ScriptedProvider, ReportsAnUnreachableProvider) {
    const ProviderSettings gone{
        .app_id = "a", .secret = R"({"clientSecret":"s","tokenEndpoint":"http://127.0.0.1:1/token",
                                              "userInfoEndpoint":"http://127.0.0.1:1/user"})"};
    const auto [type, message] =
        failure_of([&] { exchange_code("oidc", gone, "https://c/cb", "code"); });
    EXPECT_EQ(type, ErrorType::kUserOauth2ProviderError);
    EXPECT_NE(message.find("could not be reached"), std::string::npos) << message;
    EXPECT_EQ(failure_of([&] { fetch_user("oidc", gone, {.access_token = "at"}); }).first,
              ErrorType::kUserOauth2ProviderError);
}

TEST_F(ScriptedProvider, RefreshesAndKeepsTheRefreshTokenWhenNoNewOneComes) {
    answer_token(200, R"({"access_token":"at-new","expires_in":10})");
    const auto tokens = refresh_tokens("oidc", settings_, "rt-old");
    EXPECT_EQ(tokens.access_token, "at-new");
    EXPECT_EQ(tokens.refresh_token, "rt-old");
    const auto seen = seen_token();
    EXPECT_EQ(form_field(seen.body, "grant_type"), "refresh_token");
    EXPECT_EQ(form_field(seen.body, "refresh_token"), "rt-old");
    EXPECT_EQ(form_field(seen.body, "client_secret"), "secret-1");
    EXPECT_EQ(form_field(seen.body, "redirect_uri"), "<absent>");
    answer_token(200, R"({"access_token":"at-2","refresh_token":"rt-rotated"})");
    EXPECT_EQ(refresh_tokens("oidc", settings_, "rt-old").refresh_token, "rt-rotated");
    answer_token(400, R"({"error":"invalid_grant"})");
    EXPECT_EQ(failure_of([&] { refresh_tokens("oidc", settings_, "rt-revoked"); }).first,
              ErrorType::kUserOauth2BadRequest);
}

TEST_F(ScriptedProvider, FetchesTheUserWithTheAccessToken) {
    answer_user(200,
                R"({"sub":"u-1","email":"ada@example.com","email_verified":true,"name":"Ada"})");
    const auto user = fetch_user("oidc", settings_, {.access_token = "at-1"});
    EXPECT_EQ(user.id, "u-1");
    EXPECT_EQ(user.email, "ada@example.com");
    EXPECT_EQ(user.name, "Ada");
    EXPECT_TRUE(user.email_verified);
    EXPECT_EQ(seen_user().authorization, "Bearer at-1");
}

TEST_F(ScriptedProvider, RefusesUsersItCannotRead) {
    const auto fetch = [&] { fetch_user("oidc", settings_, {.access_token = "at-1"}); };
    answer_user(200, "{not json");
    EXPECT_EQ(failure_of(fetch).first, ErrorType::kUserOauth2ProviderError);
    answer_user(200, R"({"email":"no-id@example.com"})");
    const auto [type, message] = failure_of(fetch);
    EXPECT_EQ(type, ErrorType::kUserOauth2ProviderError);
    EXPECT_NE(message.find("Missing ID"), std::string::npos);
    answer_user(200, R"({"sub":""})");
    EXPECT_EQ(failure_of(fetch).first, ErrorType::kUserOauth2ProviderError);
    answer_user(200, "[]");
    EXPECT_EQ(failure_of(fetch).first, ErrorType::kUserOauth2ProviderError);
    answer_user(401, R"({"error":"invalid_token","error_description":"expired"})");
    EXPECT_EQ(failure_of(fetch), std::make_pair(ErrorType::kUserOauth2Unauthorized,
                                                std::string("invalid_token: expired")));
    // Apple and Zoho read the id_token: none is an error, not an empty user.
    EXPECT_EQ(failure_of([] {
                  fetch_user("zoho", {"a", "s"}, {.access_token = "at"});
              }).first,
              ErrorType::kUserOauth2ProviderError);
}

TEST_F(ScriptedProvider, DiscoversEndpointsFromTheWellKnownDocument) {
    {
        std::lock_guard lock(mutex_);
        discovery_ = {200,
                      json::serialize(json::object{{"issuer", base_},
                                                   {"authorization_endpoint", base_ + "/authorize"},
                                                   {"token_endpoint", base_ + "/token"},
                                                   {"userinfo_endpoint", base_ + "/user"}})};
    }
    const ProviderSettings discovered{
        .app_id = "client-1",
        .secret = json::serialize(
            json::object{{"clientSecret", "secret-1"},
                         {"wellKnownEndpoint", base_ + "/.well-known/openid-configuration"}})};
    const auto url = authorize_url("oidc", discovered, "https://c/cb", {}, {}, "k");
    EXPECT_TRUE(url.starts_with(base_ + "/authorize?client_id=client-1&")) << url;
    answer_token(200, R"({"access_token":"at-d"})");
    EXPECT_EQ(exchange_code("oidc", discovered, "https://c/cb", "code").access_token, "at-d");
    answer_user(200, R"({"sub":"u-d"})");
    EXPECT_EQ(fetch_user("oidc", discovered, {.access_token = "at-d"}).id, "u-d");
    // The legacy spelling userinfoEndpoint still points at the user endpoint.
    const ProviderSettings legacy{
        .app_id = "a",
        .secret = json::serialize(json::object{{"wellKnownEndpoint", base_ + "/nothing"},
                                               {"userinfoEndpoint", base_ + "/user"}})};
    EXPECT_EQ(fetch_user("oidc", legacy, {.access_token = "at-d"}).id, "u-d");

    {
        std::lock_guard lock(mutex_);
        discovery_ = {200, R"({"issuer":"x"})"};
    }
    const auto [type, message] =
        failure_of([&] { exchange_code("oidc", discovered, "https://c/cb", "code"); });
    EXPECT_EQ(type, ErrorType::kUserOauth2ProviderError);
    EXPECT_NE(message.find("token_endpoint"), std::string::npos) << message;
    {
        std::lock_guard lock(mutex_);
        discovery_ = {404, "{}"};
    }
    EXPECT_EQ(
        failure_of([&] { authorize_url("oidc", discovered, "https://c/cb", {}, {}, "k"); }).first,
        ErrorType::kUserOauth2ProviderError);
}

TEST_F(ScriptedProvider, UsesAConfiguredGitLabEndpoint) {
    const ProviderSettings gitlab{
        .app_id = "g",
        .secret = json::serialize(json::object{{"clientSecret", "gs"}, {"endpoint", base_}})};
    EXPECT_TRUE(authorize_url("gitlab", gitlab, "https://c/cb", {}, {}, "k")
                    .starts_with(base_ + "/oauth/authorize?"));
    answer_token(200, R"({"access_token":"glpat","refresh_token":"glrt","expires_in":7200})");
    const auto tokens = exchange_code("gitlab", gitlab, "https://c/cb", "code");
    EXPECT_EQ(form_field(seen_token().body, "client_secret"), "gs");
    answer_user(
        200,
        R"({"id":42,"name":"Gita","email":"g@example.com","confirmed_at":"2024-01-01T00:00:00Z"})");
    const auto user = fetch_user("gitlab", gitlab, tokens);
    EXPECT_EQ(user.id, "42");
    EXPECT_TRUE(user.email_verified);
    EXPECT_EQ(seen_user().authorization, "Bearer glpat");
}

}  // namespace
}  // namespace basalt::auth::oauth2
