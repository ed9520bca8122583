#include "api/context.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <charconv>

#include "core/error.hpp"
#include "http/params.hpp"

namespace basalt::api {

int parse_response_format(std::string_view text) noexcept {
    int parts[3] = {0, 0, 0};
    std::size_t index = 0;
    const char* p = text.data();
    const char* end = text.data() + text.size();
    while (p < end && index < 3) {
        auto [next, ec] = std::from_chars(p, end, parts[index]);
        if (ec != std::errc{}) return kLatestResponseFormat;
        ++index;
        p = next;
        if (p < end && *p == '.') ++p;
    }
    if (index == 0) return kLatestResponseFormat;
    return parts[0] * 10000 + parts[1] * 100 + parts[2];
}

bool Caller::has_scope(std::string_view scope) const noexcept {
    if (std::find(role_scopes.begin(), role_scopes.end(), scope) != role_scopes.end()) return true;
    return key && std::find(key->scopes.begin(), key->scopes.end(), scope) != key->scopes.end();
}

db::Authorization Caller::authorization() const {
    switch (kind) {
        case Kind::kKey: return db::Authorization::internal();
        case Kind::kUser:
            if (!roles_) roles_ = load_roles ? load_roles() : std::vector<std::string>{};
            return db::Authorization{*roles_, false};
        case Kind::kGuest: break;
    }
    return db::Authorization::guest();
}

Context::Context(http::Request& req, std::shared_ptr<const platform::Project> proj)
    : request(req), project(std::move(proj)) {}

const platform::Project& Context::require_project() const {
    if (!project) throw Error(ErrorType::kProjectNotFound);
    return *project;
}

const boost::json::object& Context::params() {
    if (params_parsed_) return params_;
    params_parsed_ = true;
    const auto content_type = request.header("content-type").value_or("");
    if (request.body.empty()) {
        params_ = http::parse_query_string(request.query_string);
    } else if (const auto boundary = http::multipart_boundary(content_type)) {
        parse_multipart(*boundary);
    } else if (content_type.find("application/x-www-form-urlencoded") != std::string_view::npos) {
        params_ = http::parse_query_string(request.body);
    } else {
        boost::system::error_code ec;
        auto body = boost::json::parse(request.body, ec);
        if (ec || !body.is_object()) {
            throw Error(ErrorType::kGeneralArgumentInvalid, "Invalid JSON body: expected an object.");
        }
        params_ = std::move(body.as_object());
        // Query-string parameters still count (the web SDK puts `project` there).
        for (auto& [key, value] : http::parse_query_string(request.query_string)) {
            if (!params_.contains(key)) params_[key] = std::move(value);
        }
    }
    for (const auto& [key, value] : request.path_params) params_[key] = value;
    return params_;
}

const http::FormPart* Context::file(std::string_view name) {
    params();
    for (const auto& part : files_) {
        if (part.name == name) return &part;
    }
    return nullptr;
}

void Context::parse_multipart(std::string_view boundary) {
    auto parts = http::parse_multipart(request.body, boundary);
    if (!parts) throw Error(ErrorType::kGeneralArgumentInvalid, "Invalid multipart/form-data body.");
    params_ = http::parse_query_string(request.query_string);
    for (auto& part : *parts) {
        if (part.filename) {
            files_.push_back(std::move(part));
            continue;
        }
        if (part.name.ends_with("[]")) {
            const auto key = std::string_view(part.name).substr(0, part.name.size() - 2);
            auto& slot = params_[key];
            if (!slot.is_array()) slot = boost::json::array();
            slot.as_array().emplace_back(part.data);
        } else {
            params_[part.name] = part.data;
        }
    }
}

}  // namespace basalt::api
