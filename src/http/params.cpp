#include "http/params.hpp"

#include <boost/json/array.hpp>
#include <charconv>
#include <optional>
#include <string>

namespace basalt::http {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space) {
    // Session cookies (hundreds of characters, on every signed-in request) have nothing to decode:
    // two memchr scans and one copy instead of a loop over every character.
    const bool plain = in.find('%') == std::string_view::npos &&
                       (!plus_is_space || in.find('+') == std::string_view::npos);
    if (plain) return std::string(in);
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '+' && plus_is_space) {
            out += ' ';
        } else if (c == '%') {
            if (i + 2 >= in.size()) return std::nullopt;
            const int hi = hex_value(in[i + 1]);
            const int lo = hex_value(in[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

namespace {

std::optional<std::string> decode(std::string_view in) { return percent_decode(in, true); }

// Stores `value` under `name` with its bracket suffix ("[0]", "[]", "[key]").
void assign(boost::json::object& params, const std::string& key, std::string_view brackets,
            std::string value) {
    if (brackets.empty()) {
        params[key] = std::move(value);
        return;
    }
    const auto close = brackets.find(']');
    if (brackets.front() != '[' || close == std::string_view::npos) {
        params[key + std::string(brackets)] = std::move(value);
        return;
    }
    const std::string_view inner = brackets.substr(1, close - 1);
    std::size_t index = 0;
    const bool numeric =
        inner.empty() ||
        std::from_chars(inner.data(), inner.data() + inner.size(), index).ec == std::errc{};
    auto& slot = params[key];
    if (numeric) {
        if (!slot.is_array()) slot = boost::json::array();
        auto& array = slot.as_array();
        if (inner.empty() || index >= array.size()) {
            array.emplace_back(std::move(value));
        } else {
            array[index] = std::move(value);
        }
        return;
    }
    if (!slot.is_object()) slot = boost::json::object();
    assign(slot.as_object(), std::string(inner), brackets.substr(close + 1), std::move(value));
}

}  // namespace

boost::json::object parse_query_string(std::string_view query) {
    boost::json::object params;
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        auto name = decode(pair.substr(0, eq));
        auto value = decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
        if (!name || !value || name->empty()) continue;
        const auto bracket = name->find('[');
        if (bracket == 0) continue;
        const std::string key = name->substr(0, bracket);
        const std::string_view rest =
            bracket == std::string::npos ? std::string_view() : std::string_view(*name).substr(bracket);
        assign(params, key, rest, std::move(*value));
    }
    return params;
}

}  // namespace basalt::http
