#include "http/router.hpp"

namespace basalt::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    std::size_t start = 1;
    while (start <= path.size()) {
        const std::size_t end = path.find('/', start);
        const std::size_t stop = end == std::string_view::npos ? path.size() : end;
        parts.push_back(path.substr(start, stop - start));
        start = stop + 1;
    }
    return parts;
}

bool is_capture(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

std::string Router::key(Method method, std::string_view path) {
    std::string k(to_string(method));
    k += ' ';
    k += path;
    return k;
}

void Router::add(Route route) {
    if (route.pattern.find('{') == std::string::npos) {
        auto k = key(route.method, route.pattern);
        exact_[std::move(k)] = std::make_unique<Route>(std::move(route));
        return;
    }
    Pattern pattern;
    for (auto part : split_path(route.pattern)) pattern.segments.emplace_back(part);
    pattern.route = std::make_unique<Route>(std::move(route));
    patterns_.push_back(std::move(pattern));
}

const Route* Router::match(Method method, std::string_view path,
                           std::vector<std::pair<std::string, std::string>>& params) const {
    // HEAD is answered by the GET route; the server sends the headers only.
    if (method == Method::kHead) method = Method::kGet;
    if (auto it = exact_.find(key(method, path)); it != exact_.end()) return it->second.get();
    const auto parts = split_path(path);
    for (const auto& pattern : patterns_) {
        if (pattern.route->method != method || pattern.segments.size() != parts.size()) continue;
        bool ok = true;
        for (std::size_t i = 0; i < parts.size() && ok; ++i) {
            ok = is_capture(pattern.segments[i]) ? !parts[i].empty() : pattern.segments[i] == parts[i];
        }
        if (!ok) continue;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            const auto& seg = pattern.segments[i];
            if (is_capture(seg)) params.emplace_back(seg.substr(1, seg.size() - 2), parts[i]);
        }
        return pattern.route.get();
    }
    return nullptr;
}

std::vector<const Route*> Router::routes() const {
    std::vector<const Route*> out;
    for (const auto& [key, route] : exact_) out.push_back(route.get());
    for (const auto& pattern : patterns_) out.push_back(pattern.route.get());
    return out;
}

}  // namespace basalt::http
