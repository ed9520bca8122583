#include "auth/oauth2/encoding.hpp"

#include <curl/curl.h>

#include <charconv>
#include <memory>

#include "core/crypto.hpp"
#include "core/error.hpp"

namespace basalt::auth::oauth2 {

std::string base64url_encode(std::string_view bytes) {
    auto out = crypto::base64_encode(bytes);
    while (!out.empty() && out.back() == '=') out.pop_back();
    for (auto& c : out) {
        if (c == '+') c = '-';
        if (c == '/') c = '_';
    }
    return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
    std::string standard(text);
    for (auto& c : standard) {
        if (c == '-')
            c = '+';
        else if (c == '_')
            c = '/';
        else if (c == '+' || c == '/')
            return std::nullopt;  // not the URL alphabet
    }
    while (!standard.empty() && standard.back() == '=') standard.pop_back();
    if (standard.size() % 4 == 1 || standard.find('=') != std::string::npos) return std::nullopt;
    standard.append((4 - standard.size() % 4) % 4, '=');
    return crypto::base64_decode(standard);
}

std::string percent_decode(std::string_view text, bool plus_is_space) {
    std::string input(text);
    if (plus_is_space) {
        for (auto& c : input) {
            if (c == '+') c = ' ';
        }
    }
    int length = 0;
    // libcurl ignores the handle argument (7.82+).
    std::unique_ptr<char, decltype(&curl_free)> decoded(
        curl_easy_unescape(nullptr, input.data(), static_cast<int>(input.size()), &length),
        &curl_free);
    if (!decoded) throw Error(ErrorType::kGeneralServerError, "Out of memory");
    return std::string(decoded.get(), static_cast<std::size_t>(length));
}

std::vector<std::pair<std::string, std::string>> form_decode(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> fields;
    while (!text.empty()) {
        const auto amp = text.find('&');
        const auto field = text.substr(0, amp);
        text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
        if (field.empty()) continue;
        const auto eq = field.find('=');
        fields.emplace_back(percent_decode(field.substr(0, eq), true),
                            eq == std::string_view::npos
                                ? std::string()
                                : percent_decode(field.substr(eq + 1), true));
    }
    return fields;
}

// Written here: the few entities a provider may put into an echoed state need no HTML library.
std::string decode_html_entities(std::string_view text) {
    static constexpr std::pair<std::string_view, char> kNamed[] = {
        {"&quot;", '"'}, {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&apos;", '\''}};
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        if (text.front() != '&') {
            out += text.front();
            text.remove_prefix(1);
            continue;
        }
        bool decoded = false;
        for (const auto& [entity, c] : kNamed) {
            if (text.starts_with(entity)) {
                out += c;
                text.remove_prefix(entity.size());
                decoded = true;
                break;
            }
        }
        const auto semicolon = text.find(';');
        if (!decoded && text.starts_with("&#") && semicolon != std::string_view::npos &&
            semicolon <= 8) {
            const bool hex = text.size() > 2 && (text[2] == 'x' || text[2] == 'X');
            const auto digits = text.substr(hex ? 3 : 2, semicolon - (hex ? 3 : 2));
            unsigned code = 0;
            const auto [ptr, ec] =
                std::from_chars(digits.data(), digits.data() + digits.size(), code, hex ? 16 : 10);
            if (!digits.empty() && ec == std::errc() && ptr == digits.data() + digits.size() &&
                code < 0x80) {
                out += static_cast<char>(code);  // states are ASCII JSON; others are kept verbatim
                text.remove_prefix(semicolon + 1);
                decoded = true;
            }
        }
        if (!decoded) {
            out += '&';
            text.remove_prefix(1);
        }
    }
    return out;
}

}  // namespace basalt::auth::oauth2
