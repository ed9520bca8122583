#include "outbound/http_client.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <fmt/format.h>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>

#include "core/error.hpp"
#include "outbound/curl_global.hpp"
#include "core/net.hpp"

namespace basalt::outbound {
namespace {

struct Transfer {
    HttpResponse response;
    std::size_t limit = 0;
    bool too_large = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    const auto bytes = size * count;
    if (transfer.response.body.size() + bytes > transfer.limit) {
        transfer.too_large = true;
        return 0;  // aborts the transfer
    }
    transfer.response.body.append(data, bytes);
    return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    const auto bytes = size * count;
    std::string_view line(data, bytes);
    if (line.starts_with("HTTP/")) transfer.response.headers.clear();  // a redirect's next response
    if (auto field = header_field(line)) transfer.response.headers.push_back(std::move(*field));
    return bytes;
}

// Refuses sockets to non-public addresses; curl calls this with the resolved address.
curl_socket_t open_public_socket(void*, curlsocktype, curl_sockaddr* address) {
    char text[INET6_ADDRSTRLEN] = {};
    if (address->family == AF_INET) {
        inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&address->addr)->sin_addr, text, sizeof text);
    } else if (address->family == AF_INET6) {
        inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&address->addr)->sin6_addr, text, sizeof text);
    }
    if (text[0] == '\0' || net::is_non_public_ip(text)) return CURL_SOCKET_BAD;
    return socket(address->family, address->socktype, address->protocol);
}

using Easy = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using Headers = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

std::string host_of(std::string_view url) {
    auto rest = url.substr(url.find("://") == std::string_view::npos ? 0 : url.find("://") + 3);
    return std::string(rest.substr(0, rest.find_first_of("/?#")));
}

}  // namespace

std::optional<std::string_view> HttpResponse::header(std::string_view lower_case_name) const {
    for (const auto& [name, value] : headers) {
        if (name == lower_case_name) return value;
    }
    return std::nullopt;
}

HttpResponse fetch(const HttpRequest& request) {
    ensure_curl_initialised();
    Easy easy(curl_easy_init(), &curl_easy_cleanup);
    if (!easy) throw Error(ErrorType::kGeneralServerError, "Could not start an HTTP request");
    Transfer transfer{.limit = request.max_response_bytes};
    Headers headers(nullptr, &curl_slist_free_all);
    for (const auto& [name, value] : request.headers) {
        auto* next = curl_slist_append(headers.get(), fmt::format("{}: {}", name, value).c_str());
        if (!next) throw Error(ErrorType::kGeneralServerError, "Out of memory");
        (void)headers.release();
        headers.reset(next);
    }
    CURL* c = easy.get();
    curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (request.method == "HEAD") curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH") {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_ms));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, request.max_redirects > 0 ? 1L : 0L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, static_cast<long>(request.max_redirects));
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_USERAGENT, "Basalt/" BASALT_VERSION);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &transfer);
    if (request.public_hosts_only) curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, &open_public_socket);

    const auto code = curl_easy_perform(c);
    if (transfer.too_large) {
        throw Error(ErrorType::kGeneralServerError,
                    fmt::format("The response from {} is larger than {} bytes", host_of(request.url),
                                request.max_response_bytes));
    }
    if (code != CURLE_OK) {
        throw Error(ErrorType::kGeneralServerError,
                    fmt::format("Request to {} failed: {}", host_of(request.url), curl_easy_strerror(code)));
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &transfer.response.status);
    return std::move(transfer.response);
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [name, value] : fields) {
        if (!out.empty()) out += '&';
        out += url_encode(name);
        out += '=';
        out += url_encode(value);
    }
    return out;
}

std::string url_encode(std::string_view text) {
    ensure_curl_initialised();
    std::unique_ptr<char, decltype(&curl_free)> escaped(
        curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size())), &curl_free);
    if (!escaped) throw Error(ErrorType::kGeneralServerError, "Out of memory");
    return escaped.get();
}

std::optional<std::pair<std::string, std::string>> header_field(std::string_view line) {
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    std::string name(line.substr(0, colon));
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
        value.remove_suffix(1);
    }
    return std::pair{std::move(name), std::string(value)};
}

}  // namespace basalt::outbound
