// The XML documents of the S3 API that the S3 device reads and writes, through libxml2.
// Parsing throws Error(kGeneralServerError) on a document that is not the expected one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace basalt::storage::s3xml {

// <Error><Code>…</Code><Message>…</Message></Error>; nullopt when `body` is no S3 error document.
struct S3Error {
    std::string code;
    std::string message;
};
std::optional<S3Error> parse_error(std::string_view body);

// InitiateMultipartUploadResult → UploadId.
std::string parse_upload_id(std::string_view body);

// One page of ListObjectsV2.
struct ListPage {
    std::vector<std::string> keys;
    std::string next_token;  // empty when this is the last page
};
ListPage parse_list_page(std::string_view body);

// DeleteResult: the keys that failed, with their error codes ("key: code message").
std::vector<std::string> parse_delete_errors(std::string_view body);

// <Delete><Quiet>true</Quiet><Object><Key>…</Key></Object>…</Delete>
std::string delete_request(const std::vector<std::string>& keys);
// <CompleteMultipartUpload><Part><PartNumber>n</PartNumber><ETag>…</ETag></Part>…
std::string complete_request(const std::vector<std::pair<std::int64_t, std::string>>& parts);

}  // namespace basalt::storage::s3xml
