// multipart/form-data bodies (RFC 7578), as the SDKs send file uploads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace basalt::http {

struct FormPart {
    std::string name;                     // the field name, e.g. "file" or "permissions[]"
    std::optional<std::string> filename;  // set for file parts
    std::string content_type;             // the part's Content-Type, "" when absent
    std::string_view data;                // points into the body it was parsed from
};

// The boundary of a "multipart/form-data; boundary=..." Content-Type; nullopt for other types.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// The parts of `body`, in order; nullopt when the body is not well-formed multipart with
// `boundary` (no closing delimiter, a part without Content-Disposition name). The parts view
// `body`, which must outlive them.
std::optional<std::vector<FormPart>> parse_multipart(std::string_view body, std::string_view boundary);

}  // namespace basalt::http
