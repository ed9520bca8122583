// The whole flow against a real OpenID Connect provider: oidc-provider (npm), started as a child
// process by tests/e2e/peers/oidc-serve.mjs on 127.0.0.1, which also plays the browser. Skipped
// when node or tests/e2e/node_modules is missing.
#include <gtest/gtest.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>

#include "auth/oauth2/encoding.hpp"
#include "auth/oauth2/oauth2.hpp"
#include "core/error.hpp"

extern char** environ;

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

constexpr auto kReplyTimeout = std::chrono::seconds(20);

bool node_available() {
    const char* path = std::getenv("PATH");
    for (std::string_view rest = path ? path : ""; !rest.empty();) {
        const auto colon = rest.find(':');
        const fs::path dir(std::string(rest.substr(0, colon)));
        rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
        if (::access((dir / "node").c_str(), X_OK) == 0) return true;
    }
    return false;
}

// `node oidc-serve.mjs <options>` with pipes on stdin and stdout (protocol in that script).
class OidcPeer {
public:
    explicit OidcPeer(const json::object& options) {
        int in[2];
        int out[2];
        if (::pipe(in) != 0 || ::pipe(out) != 0) throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        for (int fd : {in[0], in[1], out[0], out[1]})
            posix_spawn_file_actions_addclose(&actions, fd);
        const auto script = std::string(BASALT_TEST_SOURCE_DIR) + "/tests/e2e/peers/oidc-serve.mjs";
        const auto arguments = json::serialize(options);
        char* argv[] = {const_cast<char*>("node"), const_cast<char*>(script.c_str()),
                        const_cast<char*>(arguments.c_str()), nullptr};
        const int spawned = posix_spawnp(&pid_, "node", &actions, nullptr, argv, environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(in[0]);
        ::close(out[1]);
        to_child_ = in[1];
        from_child_ = out[0];
        if (spawned != 0) {
            pid_ = -1;
            throw std::runtime_error("could not start node");
        }
        endpoints_ = read_reply();
    }

    ~OidcPeer() {
        ::close(to_child_);  // the peer stops when its stdin closes
        ::close(from_child_);
        if (pid_ <= 0) return;
        for (int i = 0; i < 50; ++i) {
            if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }

    std::string endpoint(std::string_view name) const {
        return std::string(endpoints_.at(name).as_string());
    }

    // Drives the browser part of the flow; returns the redirect to the client's redirect URI.
    std::string login(const std::string& authorize_url) {
        const auto line = authorize_url + "\n";
        if (::write(to_child_, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
            throw std::runtime_error("write to the peer failed");
        }
        const auto reply = read_reply();
        if (const auto* error = reply.if_contains("error"))
            throw std::runtime_error(json::serialize(*error));
        return std::string(reply.at("redirect").as_string());
    }

private:
    json::object read_reply() {
        const auto deadline = std::chrono::steady_clock::now() + kReplyTimeout;
        for (;;) {
            if (const auto newline = buffer_.find('\n'); newline != std::string::npos) {
                const auto line = buffer_.substr(0, newline);
                buffer_.erase(0, newline + 1);
                if (!line.starts_with('{')) continue;  // not part of the protocol
                return json::parse(line).as_object();
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            pollfd fd{.fd = from_child_, .events = POLLIN, .revents = 0};
            if (left.count() <= 0 || ::poll(&fd, 1, static_cast<int>(left.count())) <= 0) {
                throw std::runtime_error("the OIDC peer did not answer in time");
            }
            char chunk[4096];
            const auto got = ::read(from_child_, chunk, sizeof chunk);
            if (got <= 0) throw std::runtime_error("the OIDC peer exited");
            buffer_.append(chunk, static_cast<std::size_t>(got));
        }
    }

    pid_t pid_ = -1;
    int to_child_ = -1;
    int from_child_ = -1;
    std::string buffer_;
    json::object endpoints_;
};

std::string query_field(const std::string& url, std::string_view name) {
    const auto mark = url.find('?');
    if (mark == std::string::npos) return {};
    for (auto& [key, value] : form_decode(url.substr(mark + 1))) {
        if (key == name) return value;
    }
    return {};
}

ErrorType error_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const Error& e) {
        return e.type();
    }
    ADD_FAILURE() << "no basalt::Error thrown";
    return ErrorType::kGeneralUnknown;
}

class OidcProviderTest : public ::testing::Test {
protected:
    static constexpr std::string_view kRedirectUri =
        "http://127.0.0.1:9/v1/account/sessions/oauth2/callback/oidc/test";
    static constexpr std::string_view kClientId = "basalt-client";
    static constexpr std::string_view kClientSecret =
        "a-client-secret-long-enough-for-oidc-provider";

    void SetUp() override {
        if (!node_available()) GTEST_SKIP() << "node is not installed";
        if (!fs::exists(fs::path(BASALT_TEST_SOURCE_DIR) /
                        "tests/e2e/node_modules/oidc-provider")) {
            GTEST_SKIP() << "tests/e2e/node_modules is missing (npm ci in tests/e2e)";
        }
        peer_ = std::make_unique<OidcPeer>(json::object{{"clientId", kClientId},
                                                        {"clientSecret", kClientSecret},
                                                        {"redirectUris", json::array{kRedirectUri}},
                                                        {"account",
                                                         {{"sub", "oidc-user-1"},
                                                          {"email", "ada@example.com"},
                                                          {"email_verified", true},
                                                          {"name", "Ada Lovelace"}}}});
        settings_ = {.app_id = std::string(kClientId),
                     .secret = json::serialize(
                         json::object{{"clientSecret", kClientSecret},
                                      {"wellKnownEndpoint", peer_->endpoint("wellKnown")}})};
    }

    // Signs in at the peer; returns the code and the state the redirect carries.
    std::pair<std::string, CallbackState> sign_in(const LoginState& login) {
        const auto url = authorize_url("oidc", settings_, kRedirectUri, login, {}, "state-key");
        EXPECT_TRUE(url.starts_with(peer_->endpoint("authorizationEndpoint") + "?")) << url;
        const auto redirect = peer_->login(url);
        EXPECT_TRUE(redirect.starts_with(std::string(kRedirectUri) + "?")) << redirect;
        return {query_field(redirect, "code"),
                parse_state("oidc", query_field(redirect, "state"), "state-key")};
    }

    std::unique_ptr<OidcPeer> peer_;
    ProviderSettings settings_;
};

TEST_F(OidcProviderTest, SignsInThroughDiscovery) {
    const auto [code, state] = sign_in({.success = "https://app.example.com/ok",
                                        .failure = "https://app.example.com/no",
                                        .token = true});
    ASSERT_FALSE(code.empty());
    EXPECT_EQ(state.login.success, "https://app.example.com/ok");
    EXPECT_EQ(state.login.failure, "https://app.example.com/no");
    EXPECT_TRUE(state.login.token);

    const auto tokens = exchange_code("oidc", settings_, kRedirectUri, code);
    EXPECT_FALSE(tokens.access_token.empty());
    EXPECT_FALSE(tokens.refresh_token.empty());
    EXPECT_FALSE(tokens.id_token.empty());
    EXPECT_GT(tokens.expires_in, 0);

    const auto user = fetch_user("oidc", settings_, tokens);
    EXPECT_EQ(user.id, "oidc-user-1");
    EXPECT_EQ(user.email, "ada@example.com");
    EXPECT_EQ(user.name, "Ada Lovelace");
    EXPECT_TRUE(user.email_verified);

    const auto refreshed = refresh_tokens("oidc", settings_, tokens.refresh_token);
    EXPECT_FALSE(refreshed.access_token.empty());
    EXPECT_NE(refreshed.access_token, tokens.access_token);
    EXPECT_FALSE(refreshed.refresh_token.empty());
    EXPECT_EQ(fetch_user("oidc", settings_, refreshed).email, "ada@example.com");

    // A code works once (and its reuse revokes what it gave).
    EXPECT_EQ(error_of([&] { exchange_code("oidc", settings_, kRedirectUri, code); }),
              ErrorType::kUserOauth2BadRequest);
    EXPECT_EQ(error_of([&] { fetch_user("oidc", settings_, refreshed); }),
              ErrorType::kUserOauth2Unauthorized);
}

TEST_F(OidcProviderTest, RefusesAWrongSecretAndAForgedCode) {
    const auto [code, state] = sign_in({.success = "https://app.example.com/ok"});
    auto wrong = settings_;
    wrong.secret = json::serialize(json::object{
        {"clientSecret", "not-the-secret"}, {"wellKnownEndpoint", peer_->endpoint("wellKnown")}});
    EXPECT_EQ(error_of([&] { exchange_code("oidc", wrong, kRedirectUri, code); }),
              ErrorType::kUserOauth2Unauthorized);
    EXPECT_EQ(error_of([&] { exchange_code("oidc", settings_, kRedirectUri, "forged"); }),
              ErrorType::kUserOauth2BadRequest);
    EXPECT_EQ(
        error_of([&] { exchange_code("oidc", settings_, "http://127.0.0.1:9/elsewhere", code); }),
        ErrorType::kUserOauth2BadRequest);
    EXPECT_EQ(error_of([&] { fetch_user("oidc", settings_, {.access_token = "forged"}); }),
              ErrorType::kUserOauth2Unauthorized);
    EXPECT_EQ(error_of([&] { refresh_tokens("oidc", settings_, "forged"); }),
              ErrorType::kUserOauth2BadRequest);
}

}  // namespace
}  // namespace basalt::auth::oauth2
