#include "auth/credentials/encoding.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace basalt::auth::detail {
namespace {

bool is_base64_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
}

}  // namespace

std::string hex_encode(std::string_view bytes) {
    // OpenSSL's buf2hexstr writes upper case; Appwrite's digests and tokens are lower case.
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out += kDigits[b >> 4];
        out += kDigits[b & 0xf];
    }
    return out;
}

std::optional<std::string> hex_decode(std::string_view hex) {
    if (hex.empty() || hex.size() % 2 != 0) return std::nullopt;
    const std::string text(hex);  // OpenSSL wants a NUL-terminated string
    if (text.find('\0') != std::string::npos) return std::nullopt;
    std::string out(hex.size() / 2, '\0');
    std::size_t written = 0;
    if (OPENSSL_hexstr2buf_ex(reinterpret_cast<unsigned char*>(out.data()), out.size(), &written,
                              text.c_str(), '\0') != 1 ||
        written != out.size()) {
        return std::nullopt;
    }
    return out;
}

std::string base64_encode(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3), '\0');
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                        reinterpret_cast<const unsigned char*>(bytes.data()),
                                        static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    // EVP_DecodeBlock skips blanks and needs whole quads, so the text is checked here first.
    std::size_t data_end = text.size();
    while (data_end > 0 && text.size() - data_end < 2 && text[data_end - 1] == '=') --data_end;
    const std::string_view data = text.substr(0, data_end);
    for (const char c : data) {
        if (!is_base64_char(c)) return std::nullopt;
    }
    if (data.size() % 4 == 1) return std::nullopt;
    if (data_end != text.size() && text.size() % 4 != 0) return std::nullopt;  // bad padding
    std::string padded(data);
    padded.append((4 - padded.size() % 4) % 4, '=');
    std::string out(padded.size() / 4 * 3, '\0');
    const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                        reinterpret_cast<const unsigned char*>(padded.data()),
                                        static_cast<int>(padded.size()));
    if (written < 0) return std::nullopt;
    // EVP_DecodeBlock counts the bytes that padding stands in for; drop them.
    const std::size_t padding = padded.size() - data.size();
    out.resize(static_cast<std::size_t>(written) - padding);
    return out;
}

}  // namespace basalt::auth::detail
