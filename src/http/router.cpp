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
    const Pattern* best = nullptr;
    for (const auto& pattern : patterns_) {
        if (pattern.route->method != method || pattern.segments.size() != parts.size()) continue;
        bool ok = true;
        for (std::size_t i = 0; i < parts.size() && ok; ++i) {
            ok = is_capture(pattern.segments[i]) ? !parts[i].empty() : pattern.segments[i] == parts[i];
        }
        if (ok && (!best || more_specific(pattern, *best))) best = &pattern;
    }
    if (!best) return nullptr;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto& seg = best->segments[i];
        if (is_capture(seg)) params.emplace_back(seg.substr(1, seg.size() - 2), parts[i]);
    }
    return best->route.get();
}

// Two patterns of the same length that both match: the one whose first differing segment is
// literal wins ("/v1/databases/transactions/{id}" over "/v1/databases/{databaseId}/collections"),
// whatever the order the routes were added in.
bool Router::more_specific(const Pattern& a, const Pattern& b) {
    for (std::size_t i = 0; i < a.segments.size(); ++i) {
        const bool a_capture = is_capture(a.segments[i]);
        const bool b_capture = is_capture(b.segments[i]);
        if (a_capture != b_capture) return b_capture;
    }
    return false;
}

std::vector<const Route*> Router::routes() const {
    std::vector<const Route*> out;
    for (const auto& [key, route] : exact_) out.push_back(route.get());
    for (const auto& pattern : patterns_) out.push_back(pattern.route.get());
    return out;
}

}  // namespace basalt::http
