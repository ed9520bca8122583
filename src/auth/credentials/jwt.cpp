#include "auth/credentials/jwt.hpp"

#include <jwt.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <cstdlib>
#include <memory>

#include "core/error.hpp"

namespace basalt::auth {
namespace {

using JwtHandle = std::unique_ptr<jwt_t, decltype(&jwt_free)>;
using CString = std::unique_ptr<char, decltype(&std::free)>;

void require_key(std::string_view key) {
    if (key.empty()) throw Error(ErrorType::kGeneralServerError, "JWT signing key is empty");
}

const unsigned char* key_bytes(std::string_view key) {
    return reinterpret_cast<const unsigned char*>(key.data());
}

// A numeric claim as seconds; nullopt when it is not a number.
std::optional<double> seconds_claim(const boost::json::value& value) {
    if (value.is_int64()) return static_cast<double>(value.get_int64());
    if (value.is_uint64()) return static_cast<double>(value.get_uint64());
    if (value.is_double() && std::isfinite(value.get_double())) return value.get_double();
    return std::nullopt;
}

bool within_lifetime(const boost::json::object& claims, std::int64_t now_seconds) {
    const auto now = static_cast<double>(now_seconds);
    if (const auto* exp = claims.if_contains("exp")) {
        const auto seconds = seconds_claim(*exp);
        if (!seconds || now >= *seconds) return false;
    }
    if (const auto* nbf = claims.if_contains("nbf")) {
        const auto seconds = seconds_claim(*nbf);
        if (!seconds || now < *seconds) return false;
    }
    return true;
}

}  // namespace

std::string encode_jwt(const boost::json::object& claims, std::string_view key) {
    require_key(key);
    jwt_t* raw = nullptr;
    if (jwt_new(&raw) != 0) throw Error(ErrorType::kGeneralServerError, "jwt_new failed");
    const JwtHandle jwt(raw, &jwt_free);
    const std::string json = boost::json::serialize(claims);
    if (jwt_set_alg(jwt.get(), JWT_ALG_HS256, key_bytes(key), static_cast<int>(key.size())) != 0 ||
        (!claims.empty() && jwt_add_grants_json(jwt.get(), json.c_str()) != 0)) {
        throw Error(ErrorType::kGeneralServerError, "JWT could not be built");
    }
    const CString token(jwt_encode_str(jwt.get()), &std::free);
    if (!token) throw Error(ErrorType::kGeneralServerError, "JWT could not be encoded");
    return token.get();
}

std::optional<boost::json::object> decode_jwt(std::string_view token, std::string_view key,
                                              std::int64_t now_seconds) {
    require_key(key);
    const std::string text(token);  // libjwt reads a NUL-terminated string
    if (text.empty() || text.find('\0') != std::string::npos) return std::nullopt;
    jwt_t* raw = nullptr;
    if (jwt_decode(&raw, text.c_str(), key_bytes(key), static_cast<int>(key.size())) != 0) {
        if (raw != nullptr) jwt_free(raw);
        return std::nullopt;
    }
    const JwtHandle jwt(raw, &jwt_free);
    // libjwt checks the signature for the algorithm the token names; only HS256 is ours.
    if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256) return std::nullopt;

    const CString grants(jwt_get_grants_json(jwt.get(), nullptr), &std::free);
    if (!grants) return std::nullopt;
    boost::system::error_code ec;
    auto parsed = boost::json::parse(grants.get(), ec);
    if (ec || !parsed.is_object()) return std::nullopt;
    auto claims = std::move(parsed.as_object());
    if (!within_lifetime(claims, now_seconds)) return std::nullopt;
    return claims;
}

}  // namespace basalt::auth
