#include "auth/oauth2/jwt.hpp"

#include <jwt.h>

#include <boost/json/parse.hpp>
#include <cstdlib>
#include <memory>

#include "core/error.hpp"

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;

constexpr std::int64_t kAppleSecretLifetime = 180 * 24 * 3600;  // Apple allows up to 6 months

using Jwt = std::unique_ptr<jwt_t, decltype(&jwt_free)>;

struct FreeString {
    void operator()(char* s) const { std::free(s); }
};
using JwtString = std::unique_ptr<char, FreeString>;

std::string field(const json::object& object, std::string_view name) {
    const auto* value = object.if_contains(name);
    return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

}  // namespace

std::string apple_client_secret(std::string_view app_id, const json::object& secret,
                                std::int64_t now) {
    const auto key = field(secret, "p8");
    const auto key_id = field(secret, "keyID");
    const auto team_id = field(secret, "teamID");
    jwt_t* raw = nullptr;
    if (jwt_new(&raw) != 0) throw Error(ErrorType::kGeneralServerError, "Out of memory");
    Jwt token(raw, &jwt_free);
    const std::string subject(app_id);
    const bool built =
        jwt_add_header(token.get(), "kid", key_id.c_str()) == 0 &&
        jwt_add_grant(token.get(), "iss", team_id.c_str()) == 0 &&
        jwt_add_grant_int(token.get(), "iat", static_cast<long>(now)) == 0 &&
        jwt_add_grant_int(token.get(), "exp", static_cast<long>(now + kAppleSecretLifetime)) == 0 &&
        jwt_add_grant(token.get(), "aud", "https://appleid.apple.com") == 0 &&
        jwt_add_grant(token.get(), "sub", subject.c_str()) == 0 &&
        jwt_set_alg(token.get(), JWT_ALG_ES256, reinterpret_cast<const unsigned char*>(key.data()),
                    static_cast<int>(key.size())) == 0;
    JwtString encoded(built ? jwt_encode_str(token.get()) : nullptr);
    if (!encoded) {
        throw Error(ErrorType::kGeneralServerError,
                    "Invalid secret: the Apple OAuth2 provider's p8 key cannot sign (an EC P-256 "
                    "private key in PEM is expected)");
    }
    return encoded.get();
}

json::object id_token_claims(std::string_view id_token) {
    const std::string text(id_token);
    jwt_t* raw = nullptr;
    if (text.empty() || jwt_decode(&raw, text.c_str(), nullptr, 0) != 0) {
        throw Error(ErrorType::kUserOauth2ProviderError, "The provider returned no valid id_token");
    }
    Jwt token(raw, &jwt_free);
    JwtString claims(jwt_get_grants_json(token.get(), nullptr));
    boost::system::error_code ec;
    auto value = claims ? json::parse(claims.get(), ec) : json::value();
    if (!claims || ec || !value.is_object()) {
        throw Error(ErrorType::kUserOauth2ProviderError, "The provider returned no valid id_token");
    }
    return std::move(value.as_object());
}

}  // namespace basalt::auth::oauth2
