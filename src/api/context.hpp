// What a handler knows about the request it serves: caller, project, parameters, format.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "db/authorization.hpp"
#include "db/document.hpp"
#include "http/message.hpp"
#include "http/multipart.hpp"
#include "platform/project.hpp"

namespace basalt::api {

// Response formats are compared as numbers: "1.9.5" -> 10905.
int parse_response_format(std::string_view text) noexcept;
inline constexpr int kLatestResponseFormat = 20000;

struct Caller {
    enum class Kind { kGuest, kKey, kUser };
    Kind kind = Kind::kGuest;
    std::shared_ptr<const platform::ApiKey> key;   // set for kKey
    std::span<const std::string_view> role_scopes;  // the scopes of the caller's role
    // Set for kUser: the signed-in user, the session it acts through (absent for a JWT made
    // without one), and what finds the roles permissions are checked against.
    std::shared_ptr<const db::Document> user;
    std::shared_ptr<const db::Document> session;
    std::function<std::vector<std::string>()> load_roles;

    // In the role's scopes, or in the key's own.
    bool has_scope(std::string_view scope) const noexcept;
    bool is_key() const noexcept { return kind == Kind::kKey; }
    bool is_user() const noexcept { return kind == Kind::kUser; }
    // What the document engine checks: keys skip permissions, users and guests have roles.
    // A user's roles (which read its memberships) are looked up on the first call only, so
    // requests that check no permission never pay for them.
    db::Authorization authorization() const;

private:
    mutable std::optional<std::vector<std::string>> roles_;
};

class Context {
public:
    Context(http::Request& request, std::shared_ptr<const platform::Project> project);

    http::Request& request;
    // The resolved project; null for requests outside any project (Appwrite's console).
    std::shared_ptr<const platform::Project> project;
    Caller caller;
    std::string locale;                          // X-Appwrite-Locale or `locale`, may be empty
    std::string client_ip;  // the peer, or the first address of the trusted client-IP header
    int response_format = kLatestResponseFormat;

    // Path parameters, then the query string (GET/HEAD/DELETE without body) or the body
    // (JSON, x-www-form-urlencoded or multipart/form-data, whose `name[]` fields become
    // arrays). Throws Error(kGeneralArgumentInvalid) on a malformed JSON or multipart body.
    const boost::json::object& params();

    // The file part `name` of a multipart/form-data body (parsed by params()); nullptr when
    // absent. Its data points into request.body.
    const http::FormPart* file(std::string_view name);

    // The project or Error(kProjectNotFound) when the route needs one and none was given.
    const platform::Project& require_project() const;

private:
    void parse_multipart(std::string_view boundary);

    bool params_parsed_ = false;
    boost::json::object params_;
    std::vector<http::FormPart> files_;
};

}  // namespace basalt::api
