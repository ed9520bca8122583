#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace basalt::http {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The value of `key` among the `;`-separated parameters of a header value (quotes removed,
// backslash escapes honoured); nullopt when absent.
std::optional<std::string> header_param(std::string_view value, std::string_view key) {
    std::size_t i = value.find(';');
    while (i != std::string_view::npos && i < value.size()) {
        ++i;
        while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
        const auto eq = value.find('=', i);
        if (eq == std::string_view::npos) return std::nullopt;
        const auto name = trim(value.substr(i, eq - i));
        std::size_t j = eq + 1;
        std::string parsed;
        if (j < value.size() && value[j] == '"') {
            for (++j; j < value.size() && value[j] != '"'; ++j) {
                if (value[j] == '\\' && j + 1 < value.size()) ++j;
                parsed += value[j];
            }
            ++j;
        } else {
            const auto end = value.find(';', j);
            parsed = std::string(trim(value.substr(j, end == std::string_view::npos ? value.npos : end - j)));
            j = end == std::string_view::npos ? value.size() : end;
        }
        if (iequals(name, key)) return parsed;
        i = value.find(';', j);
    }
    return std::nullopt;
}

// Parses the header block of one part into `part`; false when it has no form-data name.
bool parse_part_headers(std::string_view headers, FormPart& part) {
    bool named = false;
    while (!headers.empty()) {
        const auto eol = headers.find("\r\n");
        const auto line = headers.substr(0, eol);
        headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        const auto name = trim(line.substr(0, colon));
        const auto value = trim(line.substr(colon + 1));
        if (iequals(name, "content-disposition")) {
            auto field = header_param(value, "name");
            if (!field) return false;
            part.name = std::move(*field);
            part.filename = header_param(value, "filename");
            named = true;
        } else if (iequals(name, "content-type")) {
            part.content_type = std::string(value);
        }
    }
    return named;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
    const auto semi = content_type.find(';');
    if (!iequals(trim(content_type.substr(0, semi)), "multipart/form-data")) return std::nullopt;
    auto boundary = header_param(content_type, "boundary");
    if (!boundary || boundary->empty() || boundary->size() > 200) return std::nullopt;
    return boundary;
}

std::optional<std::vector<FormPart>> parse_multipart(std::string_view body, std::string_view boundary) {
    const std::string delimiter = "--" + std::string(boundary);
    const std::string separator = "\r\n" + delimiter;
    std::vector<FormPart> parts;
    // The preamble ends at the first delimiter (at the very start, or after a CRLF).
    std::size_t pos = body.starts_with(delimiter) ? 0 : body.find(separator);
    if (pos == std::string_view::npos) return std::nullopt;
    pos += body.starts_with(delimiter) && pos == 0 ? delimiter.size() : separator.size();
    for (;;) {
        if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
        // Transport padding, then the CRLF ending the delimiter line.
        while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
        if (body.substr(pos, 2) != "\r\n") return std::nullopt;
        pos += 2;
        const auto headers_end = body.find("\r\n\r\n", pos);
        std::size_t data_start = 0;
        std::string_view headers;
        if (body.substr(pos, 2) == "\r\n") {  // a part without headers
            data_start = pos + 2;
        } else {
            if (headers_end == std::string_view::npos) return std::nullopt;
            headers = body.substr(pos, headers_end - pos);
            data_start = headers_end + 4;
        }
        const auto next = body.find(separator, data_start);
        if (next == std::string_view::npos) return std::nullopt;
        FormPart part;
        if (!parse_part_headers(headers, part)) return std::nullopt;
        part.data = body.substr(data_start, next - data_start);
        parts.push_back(std::move(part));
        pos = next + separator.size();
    }
}

}  // namespace basalt::http
