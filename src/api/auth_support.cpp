#include "api/auth_support.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>
#include <fstream>
#include <libpsl.h>
#include <mutex>
#include <spdlog/spdlog.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <unordered_set>

#include "api/api.hpp"
#include "api/auth_models.hpp"
#include "api/params.hpp"
#include "auth/records.hpp"
#include "auth/session_cookie.hpp"
#include "core/error.hpp"
#include "core/net.hpp"
#include "core/time.hpp"
#include "http/cookies.hpp"
#include "platform/device/device_detector.hpp"
#include "platform/locale/locale_catalog.hpp"

namespace basalt::api {
namespace {

namespace bj = boost::json;

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The registrable domain ("example.co.uk") of a host from the public suffix list; "" for IPs,
// bare suffixes and single labels.
std::string registrable(std::string_view host) {
    if (host.empty()) return {};
    const std::string name(host);
    const char* domain = psl_registrable_domain(psl_builtin(), name.c_str());
    return domain ? std::string(domain) : std::string();
}

// Appwrite's domain verification: a browser on the API's own site keeps cookies; others get
// X-Fallback-Cookies.
bool same_site(const Context& ctx) {
    auto origin = ctx.request.header("origin").value_or("");
    if (origin.empty()) origin = ctx.request.header("referer").value_or("");
    const auto self = registrable(net::host_without_port(ctx.request.header("host").value_or("")));
    return !self.empty() && self == registrable(net::url_host(origin));
}

bool is_https(const Context& ctx) {
    return ctx.request.header("x-forwarded-proto").value_or("") == "https";
}

const std::unordered_set<std::string>& common_passwords() {
    // John the Ripper's list of common passwords (Debian's john-data), read once.
    static const std::unordered_set<std::string> words = [] {
        std::unordered_set<std::string> out;
        std::ifstream in("/usr/share/john/password.lst");
        for (std::string line; std::getline(in, line);) {
            if (line.empty() || line.starts_with("#!comment:")) continue;
            out.insert(lower(line));
        }
        return out;
    }();
    return words;
}

// Appwrite's password-strength policy: a symbol is anything but a letter, a number or white
// space in Unicode's sense (ICU), the other classes are ASCII as in Appwrite's patterns.
void check_password_strength(const platform::PasswordStrength& policy, std::string_view password) {
    bool upper = false, lower_case = false, digit = false, symbol = false;
    const auto* bytes = reinterpret_cast<const uint8_t*>(password.data());
    const auto length = static_cast<int32_t>(password.size());
    for (int32_t i = 0; i < length;) {
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        upper = upper || (c >= 'A' && c <= 'Z');
        lower_case = lower_case || (c >= 'a' && c <= 'z');
        digit = digit || (c >= '0' && c <= '9');
        symbol = symbol || (c >= 0 && !u_isalpha(c) && !u_hasBinaryProperty(c, UCHAR_ALPHABETIC) &&
                            u_charType(c) != U_DECIMAL_DIGIT_NUMBER && u_charType(c) != U_LETTER_NUMBER &&
                            u_charType(c) != U_OTHER_NUMBER && !u_isUWhiteSpace(c));
    }
    const bool ok = static_cast<std::int64_t>(password.size()) >= policy.min_length && (!policy.uppercase || upper) &&
                    (!policy.lowercase || lower_case) && (!policy.number || digit) && (!policy.symbols || symbol);
    if (ok) return;
    std::string rules = fmt::format("between {} and 256 characters long", policy.min_length);
    if (policy.uppercase) rules += ", include an uppercase letter";
    if (policy.lowercase) rules += ", include a lowercase letter";
    if (policy.number) rules += ", include a number";
    if (policy.symbols) rules += ", include a symbol";
    throw Error(ErrorType::kGeneralArgumentInvalid, fmt::format("Invalid `password` param: Password must be {}.", rules));
}

}  // namespace

bj::object client_details(const Context& ctx, const AuthServices& services) {
    auto agent = ctx.request.header("user-agent").value_or("");
    if (ctx.caller.is_key()) {
        if (const auto forwarded = ctx.request.header("x-forwarded-user-agent")) agent = *forwarded;
    }
    const auto country = lower(services.locale.country_code(ctx.client_ip));
    const auto device = services.devices.detect(agent);
    return bj::object{{"userAgent", agent.empty() ? "UNKNOWN" : std::string(agent)},
                        {"ip", ctx.client_ip},
                        {"countryCode", country.empty() ? "--" : country},
                        {"osCode", device.os_code},
                        {"osName", device.os_name},
                        {"osVersion", device.os_version},
                        {"clientType", device.client_type},
                        {"clientCode", device.client_code},
                        {"clientName", device.client_name},
                        {"clientVersion", device.client_version},
                        {"clientEngine", device.client_engine},
                        {"clientEngineVersion", device.client_engine_version},
                        {"deviceName", device.device_name},
                        {"deviceBrand", device.device_brand},
                        {"deviceModel", device.device_model}};
}

std::string cookie_domain(const Context& ctx) {
    const auto host = net::host_without_port(ctx.request.header("host").value_or(""));
    if (host.empty() || host == "localhost" || host.front() == '[' ||
        host.find_first_not_of("0123456789.") == std::string_view::npos) {
        return {};
    }
    return "." + std::string(host);
}

void set_session_cookies(const Context& ctx, http::Response& response, std::string_view value,
                         std::int64_t expire_ms) {
    const auto name = auth::session_cookie_name(ctx.require_project().id);
    http::SetCookie cookie{.name = name + "_legacy",
                           .value = std::string(value),
                           .expires_seconds = expire_ms / 1000,
                           .domain = cookie_domain(ctx),
                           .secure = is_https(ctx),
                           .http_only = true,
                           .same_site = ""};
    response.headers.add("Set-Cookie", http::set_cookie_header(cookie));
    cookie.name = name;
    cookie.same_site = "None";
    response.headers.add("Set-Cookie", http::set_cookie_header(cookie));
    if (!same_site(ctx)) {
        response.headers.add("X-Fallback-Cookies", bj::serialize(bj::object{{name, value}}));
    }
}

void clear_session_cookies(const Context& ctx, http::Response& response) {
    const auto name = auth::session_cookie_name(ctx.require_project().id);
    for (const auto& cookie_name : {name + "_legacy", name}) {
        // An expiry in the past makes browsers drop the cookie.
        response.headers.add("Set-Cookie", http::set_cookie_header({.name = cookie_name,
                                                                    .value = "",
                                                                    .expires_seconds = 1,
                                                                    .domain = cookie_domain(ctx),
                                                                    .secure = is_https(ctx),
                                                                    .http_only = true,
                                                                    .same_site = ""}));
    }
    if (!same_site(ctx)) response.headers.add("X-Fallback-Cookies", "[]");
}

http::Response new_session_response(const Context& ctx, const AuthServices& services, const db::Document& user,
                                    const auth::CreatedSession& created) {
    const auto value = auth::encode_session_cookie({user.id, created.secret});
    const auto expire = auth::time_of(created.session.data, "expire").value_or(0);
    const auto country = services.locale.country_name(auth::text_of(created.session.data, "countryCode"), ctx.locale);
    auto response = json(201, session_model(created.session, true, country, ctx.caller.is_key() ? value : ""));
    set_session_cookies(ctx, response, value, expire);
    alert_new_session(ctx, services, user, created.session);
    return response;
}

void alert_new_session(const Context& ctx, const AuthServices& services, const db::Document& user,
                       const db::Document& session) {
    const auto& project = ctx.require_project();
    const auto email = auth::text_of(user.data, "email");
    if (!project.auth.session_alerts || email.empty()) return;
    const auto provider = auth::text_of(session.data, "provider");
    const auto factors = auth::strings_of(session.data, "factors");
    const bool by_email = std::find(factors.begin(), factors.end(), "email") != factors.end();
    if ((provider == "magic-url" || provider == "token") && by_email) return;
    const std::vector<db::Query> mine = {db::Query::equal("userId", bj::array{bj::string(user.id)})};
    if (services.db(ctx)->count_documents(db::Authorization::internal(), "sessions", mine, 2) < 2) return;
    auto device = auth::text_of(session.data, "clientName");
    if (device.empty()) device = auth::text_of(session.data, "userAgent");
    const auth::EmailParams params{.user = auth::text_of(user.data, "name"),
                                   .project = project.name,
                                   .device = device.empty() ? "UNKNOWN" : device,
                                   .ip_address = auth::text_of(session.data, "ip"),
                                   .country = services.locale.country_name(auth::text_of(session.data, "countryCode"),
                                                                            ctx.locale),
                                   .session_time_ms = session.created_at};
    try {
        services.courier.send_email(project, auth::EmailKind::kSessionAlert, ctx.locale, params, email,
                                    auth::text_of(user.data, "name"));
    } catch (const Error& e) {
        spdlog::warn("Session alert for user {} of project {} not sent: {}", user.id, project.id, e.what());
    }
}

void require_auth_method(const Context& ctx, std::string_view method) {
    if (ctx.caller.is_key()) return;
    const auto* found = platform::find_auth_method(method);
    if (!found) throw Error(ErrorType::kUserAuthMethodUnsupported, "Unsupported authentication route");
    if (!ctx.require_project().auth.method_enabled(found->key)) {
        throw Error(ErrorType::kUserAuthMethodUnsupported,
                    fmt::format("{} authentication is disabled for this project", found->name));
    }
}

void require_signed_out(const Context& ctx) {
    if (ctx.caller.is_user()) throw Error(ErrorType::kUserSessionAlreadyExists);
}

const db::Document& signed_in_user(const Context& ctx) {
    if (!ctx.caller.is_user()) throw Error(ErrorType::kUserUnauthorized);
    return *ctx.caller.user;
}

namespace param {

std::string email(Context& ctx, std::string_view name) {
    auto value = lower(string(ctx, name, 320, true));
    if (!net::is_email_address(value)) throw Error(ErrorType::kGeneralArgumentInvalid, fmt::format("Invalid `{}` param: Value must be a valid email address", name));
    return value;
}

std::string phone(Context& ctx, std::string_view name) {
    auto value = string(ctx, name, 16, true);
    const bool valid = value.size() >= 8 && value.size() <= 16 && value[0] == '+' && value[1] != '0' &&
                       value.find_first_not_of("0123456789", 1) == std::string::npos;
    if (!valid) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    fmt::format("Invalid `{}` param: Phone number must start with a '+' can have a maximum of fifteen digits.", name));
    }
    return value;
}

std::string password(Context& ctx, std::string_view name) {
    auto value = string(ctx, name, 256, true);
    if (value.size() < 8) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    fmt::format("Invalid `{}` param: Password must be between 8 and 256 characters long.", name));
    }
    return value;
}

void check_password_policy(const platform::AuthSettings& settings, std::string_view password,
                           const db::Document* user, std::string_view user_id, std::string_view email,
                           std::string_view name, std::string_view phone) {
    check_password_strength(settings.password_strength, password);
    const auto candidate = lower(password);
    if (settings.password_dictionary && common_passwords().contains(candidate)) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    "Invalid `password` param: Password must be at least 8 characters and not a commonly used password.");
    }
    if (settings.personal_data_check) {
        std::vector<std::string> personal = {lower(user_id), lower(email), lower(name), lower(phone)};
        if (const auto at = email.find('@'); at != std::string_view::npos) personal.push_back(lower(email.substr(0, at)));
        if (phone.starts_with('+')) personal.push_back(std::string(phone.substr(1)));
        for (const auto& part : personal) {
            if (!part.empty() && candidate.find(part) != std::string::npos) throw Error(ErrorType::kPasswordPersonalData);
        }
    }
    if (user && settings.password_history > 0) {
        const auto stored = stored_password(*user);
        for (const auto& old : auth::strings_of(user->data, "passwordHistory")) {
            auth::PasswordHash previous = stored;
            previous.hash = old;
            if (auth::verify_password(password, previous)) throw Error(ErrorType::kPasswordRecentlyUsed);
        }
    }
}

}  // namespace param

auth::PasswordHash stored_password(const db::Document& user) {
    return auth::PasswordHash{.algorithm = auth::text_of(user.data, "hash"),
                              .options = auth::object_of(user.data, "hashOptions"),
                              .hash = auth::text_of(user.data, "password")};
}

bj::object password_attributes(const auth::PasswordHash& hash) {
    return bj::object{{"password", hash.hash},
                        {"hash", hash.algorithm},
                        {"hashOptions", bj::serialize(hash.options)},
                        {"passwordUpdate", time::format_iso(time::now_ms())}};
}

}  // namespace basalt::api

namespace basalt::api {

db::DocumentList list_internal(Context& ctx, db::Database& db, const InternalList& list) {
    const auto texts = param::queries(ctx);
    const bool total = param::boolean(ctx, "total", true);
    const auto search = list.searchable ? param::optional_string(ctx, "search", 256) : std::string();
    return param::with_queries([&] {
        auto queries = db::parse_queries(texts);
        db::check_query_attributes(queries, list.allowed);
        for (const auto& filter : list.filters) queries.push_back(filter);
        if (!search.empty()) queries.push_back(db::Query::search("search", search));
        return db.list_documents(db::Authorization::internal(), list.collection, queries, {.with_total = total});
    });
}

}  // namespace basalt::api
