#include "storage/s3_http.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include <strings.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>

#include "core/error.hpp"
#include "outbound/curl_global.hpp"
#include "outbound/http_client.hpp"

namespace basalt::storage {
namespace {

constexpr int kAttempts = 3;
constexpr long kConnectTimeoutSeconds = 10;

struct CurlFree {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistFree {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// One handle per thread, reset between requests: it keeps its connections alive.
CURL* thread_handle() {
    outbound::ensure_curl_initialised();
    thread_local std::unique_ptr<CURL, CurlFree> handle(curl_easy_init());
    if (!handle) throw Error(ErrorType::kGeneralServerError, "libcurl could not make a handle");
    curl_easy_reset(handle.get());
    return handle.get();
}

std::string sha256_hex(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr);
    std::string hex;
    hex.reserve(size * 2);
    for (unsigned i = 0; i < size; ++i) hex += fmt::format("{:02x}", digest[i]);
    return hex;
}

struct Transfer {
    CURL* curl = nullptr;
    const S3Request* request = nullptr;
    S3Response response;
    bool sank = false;  // the sink saw bytes: no retry
    std::exception_ptr sink_error;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    const auto bytes = size * count;
    long status = 0;
    curl_easy_getinfo(transfer.curl, CURLINFO_RESPONSE_CODE, &status);
    if (transfer.request->sink && status >= 200 && status < 300) {
        try {
            transfer.sank = true;
            transfer.request->sink(std::string_view(data, bytes));
        } catch (...) {
            transfer.sink_error = std::current_exception();
            return 0;  // aborts the transfer
        }
        return bytes;
    }
    transfer.response.body.append(data, bytes);
    return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto& transfer = *static_cast<Transfer*>(user);
    const auto bytes = size * count;
    std::string_view line(data, bytes);
    if (line.starts_with("HTTP/")) transfer.response.headers.clear();  // a 100 Continue before
    if (auto field = outbound::header_field(line)) {
        transfer.response.headers.insert_or_assign(std::move(field->first), std::move(field->second));
    }
    return bytes;
}

}  // namespace

std::string s3_encode(std::string_view text, bool keep_slash) {
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || (keep_slash && c == '/')) {
            out += static_cast<char>(c);
        } else {
            out += fmt::format("%{:02X}", c);
        }
    }
    return out;
}

S3Http::S3Http(S3Options options) : options_(std::move(options)) {
    auto endpoint = options_.endpoint;
    if (endpoint.empty()) endpoint = fmt::format("https://s3.{}.amazonaws.com", options_.region);
    const auto sep = endpoint.find("://");
    if (sep == std::string::npos) {
        throw Error(ErrorType::kGeneralArgumentInvalid, "The S3 endpoint must start with http:// or https://.");
    }
    scheme_ = endpoint.substr(0, sep);
    host_ = endpoint.substr(sep + 3);
    while (!host_.empty() && host_.back() == '/') host_.pop_back();
    if ((scheme_ != "http" && scheme_ != "https") || host_.empty()) {
        throw Error(ErrorType::kGeneralArgumentInvalid, "The S3 endpoint must be http(s)://HOST[:PORT].");
    }
}

std::string S3Http::url(const S3Request& request) const {
    const auto key = s3_encode(request.key, true);
    std::string out = options_.path_style
                          ? fmt::format("{}://{}/{}/{}", scheme_, host_, s3_encode(options_.bucket, false), key)
                          : fmt::format("{}://{}.{}/{}", scheme_, options_.bucket, host_, key);
    if (!request.query.empty()) out += "?" + request.query;
    return out;
}

std::string S3Http::describe(const S3Request& request) {
    return fmt::format("{} {}{}{}", request.method, request.key, request.query.empty() ? "" : "?", request.query);
}

S3Response S3Http::send(const S3Request& request) const {
    const auto target = url(request);
    const auto sigv4 = fmt::format("aws:amz:{}:s3", options_.region);
    const std::string method = request.method;
    std::string last_error;
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        if (attempt > 1) std::this_thread::sleep_for(std::chrono::milliseconds(100 * attempt * attempt));
        CURL* curl = thread_handle();
        Transfer transfer{.curl = curl, .request = &request};
        std::unique_ptr<curl_slist, SlistFree> headers;
        auto add = [&](const std::string& header) {
            auto* list = curl_slist_append(headers.get(), header.c_str());
            if (!list) throw Error(ErrorType::kGeneralServerError, "out of memory");
            (void)headers.release();
            headers.reset(list);
        };
        for (const auto& header : request.headers) add(header);
        // S3 wants the payload hash in a header; curl hashes the POSTFIELDS body for the
        // signature itself, so both agree.
        add("x-amz-content-sha256: " + sha256_hex(request.body));
        // No "Expect:" header to turn off 100-continue: curl 7.88 would sign the header it then
        // leaves out, and every request would fail its signature check.
        curl_easy_setopt(curl, CURLOPT_URL, target.c_str());
        curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, sigv4.c_str());
        curl_easy_setopt(curl, CURLOPT_USERNAME, options_.access_key.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.secret.c_str());
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, std::min<long>(kConnectTimeoutSeconds, options_.timeout_seconds));
        // A stalled transfer (under 1 byte/s for the timeout) fails; a large one may take longer.
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options_.timeout_seconds));
        if (method == "HEAD") {
            curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
        } else if (method == "PUT" || method == "POST") {
            const bool typed = std::any_of(request.headers.begin(), request.headers.end(), [](const std::string& h) {
                return h.size() > 13 && strncasecmp(h.c_str(), "content-type:", 13) == 0;
            });
            if (!typed) add("Content-Type: application/octet-stream");  // not curl's form type
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
            if (method == "PUT") curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "PUT");
        } else if (method != "GET") {
            curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method);
        }
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
        const auto code = curl_easy_perform(curl);
        if (transfer.sink_error) std::rethrow_exception(transfer.sink_error);
        if (code == CURLE_OK) {
            curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &transfer.response.status);
            const auto status = transfer.response.status;
            if ((status == 500 || status == 503) && !transfer.sank && attempt < kAttempts) {
                spdlog::warn("S3 {}: HTTP {}, retrying", describe(request), status);
                continue;
            }
            return std::move(transfer.response);
        }
        last_error = curl_easy_strerror(code);
        spdlog::warn("S3 {}: {} (attempt {} of {})", describe(request), last_error, attempt, kAttempts);
        if (transfer.sank) break;
    }
    spdlog::error("S3 {}: no answer from {}: {}", describe(request), options_.endpoint, last_error);
    throw Error(ErrorType::kGeneralServerError, fmt::format("The storage device is unreachable: {}", last_error));
}

}  // namespace basalt::storage
