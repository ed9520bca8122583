#include "api/rate_limits.hpp"

#include <array>

namespace basalt::api {
namespace {

using http::Method;
using namespace std::string_view_literals;

constexpr std::int64_t kHour = 3600;
constexpr std::array kUrlIp = {"url:{url},ip:{ip}"sv};
constexpr std::array kIp = {"ip:{ip}"sv};
constexpr std::array kUrlEmail = {"url:{url},email:{param-email}"sv};
constexpr std::array kUrlEmailThenIp = {"url:{url},email:{param-email}"sv, "url:{url},ip:{ip}"sv};
constexpr std::array kUrlPhoneThenIp = {"url:{url},phone:{param-phone}"sv, "url:{url},ip:{ip}"sv};
constexpr std::array kIpUserParam = {"ip:{ip},userId:{param-userId}"sv};
constexpr std::array kUrlUser = {"url:{url},userId:{userId}"sv};
constexpr std::array kUrlUserParam = {"url:{url},userId:{param-userId}"sv};
constexpr std::array kUrlUserThenIp = {"url:{url},userId:{userId}"sv, "url:{url},ip:{ip}"sv};
constexpr std::array kUserParam = {"userId:{param-userId}"sv};
constexpr std::array kUrlChallenge = {"url:{url},challengeId:{param-challengeId}"sv};

// From the `abuse-*` labels of Appwrite 1.9.6's routes.
constexpr RateLimitRule kRules[] = {
    {Method::kPost, "/v1/account", 10, kHour, kUrlIp, 0},
    {Method::kDelete, "/v1/account/sessions", 100, kHour, kUrlIp, 0},
    {Method::kDelete, "/v1/account/sessions/{sessionId}", 100, kHour, kUrlIp, 0},
    {Method::kPatch, "/v1/account/sessions/{sessionId}", 10, kHour, kUrlIp, 0},
    {Method::kPost, "/v1/account/sessions/email", 10, kHour, kUrlEmail, 201},
    {Method::kPost, "/v1/account/sessions", 10, kHour, kUrlEmail, 201},
    {Method::kPost, "/v1/account/sessions/anonymous", 50, kHour, kIp, 0},
    {Method::kPost, "/v1/account/sessions/token", 10, kHour, kIpUserParam, 201},
    {Method::kGet, "/v1/account/sessions/oauth2/{provider}", 50, kHour, kIp, 0},
    {Method::kGet, "/v1/account/sessions/oauth2/{provider}/redirect", 50, kHour, kIp, 0},
    {Method::kGet, "/v1/account/tokens/oauth2/{provider}", 50, kHour, kIp, 0},
    {Method::kPost, "/v1/account/tokens/magic-url", 60, kHour, kUrlEmailThenIp, 0},
    {Method::kPost, "/v1/account/sessions/magic-url", 60, kHour, kUrlEmailThenIp, 0},  // deprecated alias
    {Method::kPost, "/v1/account/tokens/email", 10, kHour, kUrlEmailThenIp, 0},
    {Method::kPut, "/v1/account/sessions/magic-url", 10, kHour, kIpUserParam, 201},
    {Method::kPut, "/v1/account/sessions/phone", 10, kHour, kIpUserParam, 0},
    {Method::kPost, "/v1/account/tokens/phone", 10, kHour, kUrlPhoneThenIp, 0},
    {Method::kPost, "/v1/account/sessions/phone", 10, kHour, kUrlPhoneThenIp, 0},  // deprecated alias
    {Method::kPost, "/v1/account/jwts", 120, 60, kUrlUser, 0},
    {Method::kPost, "/v1/account/jwt", 120, 60, kUrlUser, 0},
    {Method::kPatch, "/v1/account/password", 10, kHour, kUrlIp, 0},
    {Method::kPost, "/v1/account/recovery", 10, kHour, kUrlEmailThenIp, 0},
    {Method::kPut, "/v1/account/recovery", 10, kHour, kUrlUserParam, 0},
    {Method::kPost, "/v1/account/verifications/email", 10, kHour, kUrlUser, 0},
    {Method::kPost, "/v1/account/verification", 10, kHour, kUrlUser, 0},
    {Method::kPut, "/v1/account/verifications/email", 10, kHour, kUrlUserParam, 0},
    {Method::kPut, "/v1/account/verification", 10, kHour, kUrlUserParam, 0},
    {Method::kPost, "/v1/account/verifications/phone", 10, kHour, kUrlUserThenIp, 0},
    {Method::kPost, "/v1/account/verification/phone", 10, kHour, kUrlUserThenIp, 0},
    {Method::kPut, "/v1/account/verifications/phone", 10, kHour, kUserParam, 0},
    {Method::kPut, "/v1/account/verification/phone", 10, kHour, kUserParam, 0},
    {Method::kPost, "/v1/account/mfa/challenges", 10, kHour, kUrlUser, 0},
    {Method::kPut, "/v1/account/mfa/challenges", 10, kHour, kUrlChallenge, 0},
    {Method::kPost, "/v1/account/mfa/challenge", 10, kHour, kUrlUser, 0},  // deprecated alias
    {Method::kPut, "/v1/account/mfa/challenge", 10, kHour, kUrlChallenge, 0},
    {Method::kPost, "/v1/teams/{teamId}/memberships", 10, kHour, kUrlIp, 0},
};

}  // namespace

const RateLimitRule* find_rate_limit(http::Method method, std::string_view path) noexcept {
    for (const auto& rule : kRules) {
        if (rule.method == method && rule.path == path) return &rule;
    }
    return nullptr;
}

}  // namespace basalt::api
