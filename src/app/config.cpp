#include "app/config.hpp"

#include <charconv>
#include <stdexcept>

namespace basalt::app {

std::string Config::effective_db_url() const {
    if (!db_url.empty()) return db_url;
    return "sqlite:" + (data_dir / "db").string();
}

HostPort parse_listen(const std::string& listen) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) {
        throw std::invalid_argument("expected HOST:PORT, got '" + listen + "'");
    }
    HostPort out;
    out.host = listen.substr(0, colon);
    if (out.host.size() > 2 && out.host.front() == '[' && out.host.back() == ']') {
        out.host = out.host.substr(1, out.host.size() - 2);
    }
    const char* begin = listen.data() + colon + 1;
    const char* end = listen.data() + listen.size();
    unsigned port = 0;
    const auto [ptr, ec] = std::from_chars(begin, end, port);
    if (ec != std::errc{} || ptr != end || port > 65535) {
        throw std::invalid_argument("invalid port in '" + listen + "'");
    }
    out.port = static_cast<unsigned short>(port);
    return out;
}

}  // namespace basalt::app
