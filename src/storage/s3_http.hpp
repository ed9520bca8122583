// Signed requests to an S3-compatible endpoint through libcurl, which signs them itself
// (CURLOPT_AWS_SIGV4). One transport for the S3 device: no S3 semantics here beyond
// addressing (path-style or virtual-hosted) and the payload hash header.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "storage/device.hpp"

namespace basalt::storage {

struct S3Request {
    const char* method = "GET";  // GET, HEAD, PUT, POST, DELETE
    std::string key;             // object key, unencoded; empty = the bucket itself
    std::string query;           // already encoded, parameters sorted by name ("a=1&b=")
    std::vector<std::string> headers;  // "Name: value"
    std::string_view body;
    // When set, a 2xx body goes here in pieces instead of into S3Response::body.
    std::function<void(std::string_view)> sink;
};

struct S3Response {
    long status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // lower-case names
};

class S3Http {
public:
    explicit S3Http(S3Options options);

    // Sends the request, retrying network failures and 500/503 (not once a sink saw bytes).
    // Throws Error(kGeneralServerError) when no answer came; any HTTP status is returned.
    S3Response send(const S3Request& request) const;

    const S3Options& options() const { return options_; }
    // "METHOD key?query" for log lines.
    static std::string describe(const S3Request& request);

private:
    std::string url(const S3Request& request) const;

    S3Options options_;
    std::string scheme_;  // "http" or "https"
    std::string host_;    // host[:port], and any base path
};

// Percent-encodes everything but RFC 3986 unreserved characters (and '/' when keep_slash).
std::string s3_encode(std::string_view text, bool keep_slash);

}  // namespace basalt::storage
