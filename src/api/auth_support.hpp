// What the Account, Users and Teams endpoints share: their dependencies, the client details a
// session or log records, session cookies, auth-method switches and credential parameters.
#pragma once

#include <boost/json/object.hpp>
#include <memory>
#include <string>
#include <string_view>

#include "api/context.hpp"
#include "auth/courier.hpp"
#include "auth/sessions.hpp"
#include "auth/users.hpp"
#include "db/store.hpp"
#include "http/message.hpp"

namespace basalt::device {
class DeviceDetector;
}

namespace basalt::platform {
class LocaleCatalog;
class Directory;
}  // namespace basalt::platform

namespace basalt::api {

struct AuthServices {
    db::Store& store;
    platform::Directory& directory;
    const platform::LocaleCatalog& locale;
    auth::Courier& courier;  // emails and text messages
    const device::DeviceDetector& devices;  // client, OS and device from the User-Agent

    std::shared_ptr<db::Database> db(const Context& ctx) const { return store.project(ctx.require_project().id); }
};

// userAgent, ip, countryCode (lower case, "--" unknown) and the device fields of the caller.
boost::json::object client_details(const Context& ctx, const AuthServices& services);

// The domain session cookies are set for: none for localhost and IP addresses, else "." + the
// request's host.
std::string cookie_domain(const Context& ctx);

// Sets the session cookies (`a_session_<project>` and its `_legacy` twin) and, when the caller's
// origin is not on the API's own domain, X-Fallback-Cookies, as Appwrite does.
void set_session_cookies(const Context& ctx, http::Response& response, std::string_view value,
                         std::int64_t expire_ms);
// Expires them again (sign-out).
void clear_session_cookies(const Context& ctx, http::Response& response);

// The answer to a sign-in: the new session's model (201; its secret shown to keys only), the
// session cookies, and the session alert.
http::Response new_session_response(const Context& ctx, const AuthServices& services, const db::Document& user,
                                    const auth::CreatedSession& created);

// Appwrite's session alert: when the project asks for it, emails the user about a new session,
// except its first one and sessions made from an email link or code. Delivery is queued; a
// project without SMTP gets a warning in the log, not a failed sign-in.
void alert_new_session(const Context& ctx, const AuthServices& services, const db::Document& user,
                       const db::Document& session);

// Throws kUserAuthMethodUnsupported when the project switched `method` off (keys are exempt).
// Methods: email-password, magic-url, email-otp, anonymous, invites, jwt, phone.
void require_auth_method(const Context& ctx, std::string_view method);

// Throws kUserSessionAlreadyExists for a caller that is signed in already.
void require_signed_out(const Context& ctx);

// The signed-in user (kUserUnauthorized... as Appwrite: general_unauthorized_scope never
// reaches here because `account` is a user scope).
const db::Document& signed_in_user(const Context& ctx);

namespace param {
// A valid email address (Appwrite's validator), lower-cased.
std::string email(Context& ctx, std::string_view name);
// An E.164 phone number: '+' then 7..15 digits.
std::string phone(Context& ctx, std::string_view name);
// 8..256 characters.
std::string password(Context& ctx, std::string_view name);
// Checks a new password against the project's policies (dictionary, personal data, history).
void check_password_policy(const platform::AuthSettings& settings, std::string_view password,
                           const db::Document* user, std::string_view user_id, std::string_view email,
                           std::string_view name, std::string_view phone);
}  // namespace param

// The stored password of a user (algorithm, options, hash); algorithm empty when none.
auth::PasswordHash stored_password(const db::Document& user);
// The user attributes that store `hash`.
boost::json::object password_attributes(const auth::PasswordHash& hash);

}  // namespace basalt::api

namespace basalt::api {

struct InternalList {
    std::string collection;
    std::span<const std::string_view> allowed;  // attributes queries may filter and order on
    std::vector<db::Query> filters;             // always applied (e.g. userId = ...)
    bool searchable = false;                    // takes the `search` param (fulltext on `search`)
};

// Lists an internal collection for a list endpoint: `queries` (validated against `allowed`,
// errors reported as Appwrite's), `search`, `total`, default limit 25.
db::DocumentList list_internal(Context& ctx, db::Database& db, const InternalList& list);

}  // namespace basalt::api
