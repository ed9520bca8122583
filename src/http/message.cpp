#include "http/message.hpp"

#include <strings.h>

namespace basalt::http {

std::string_view to_string(Method method) noexcept {
    switch (method) {
        case Method::kGet: return "GET";
        case Method::kPost: return "POST";
        case Method::kPut: return "PUT";
        case Method::kPatch: return "PATCH";
        case Method::kDelete: return "DELETE";
        case Method::kOptions: return "OPTIONS";
        case Method::kHead: return "HEAD";
        case Method::kOther: break;
    }
    return "OTHER";
}

std::optional<std::string_view> Headers::get(std::string_view name) const noexcept {
    for (const auto& [key, value] : items_) {
        if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) {
            return std::string_view(value);
        }
    }
    return std::nullopt;
}

std::string_view Request::path_param(std::string_view name) const noexcept {
    for (const auto& [key, value] : path_params) {
        if (key == name) return value;
    }
    return {};
}

Response Response::json(int status, std::string body) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

Response Response::no_content() {
    Response response;
    response.status = 204;
    response.content_type.clear();
    return response;
}

}  // namespace basalt::http
