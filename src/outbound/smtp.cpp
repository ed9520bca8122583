#include "outbound/smtp.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>
#include <memory>
#include <string_view>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "outbound/curl_global.hpp"
#include "core/time.hpp"

namespace basalt::outbound {
namespace {

using Easy = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using Mime = std::unique_ptr<curl_mime, decltype(&curl_mime_free)>;

class StringList {
public:
    void append(const std::string& line) {
        auto* next = curl_slist_append(list_.get(), line.c_str());
        if (!next) throw Error(ErrorType::kGeneralServerError, "Out of memory");
        (void)list_.release();  // curl_slist_append returned the same list, now longer
        list_.reset(next);
    }
    curl_slist* get() const { return list_.get(); }

private:
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> list_{nullptr,
                                                                      &curl_slist_free_all};
};

bool is_printable_ascii(std::string_view text) {
    for (const char c : text) {
        if (c < 0x20 || c > 0x7e) return false;
    }
    return true;
}

// Addresses go into the envelope (MAIL FROM:<...>) and into headers unquoted, so anything that
// could end or split them is refused rather than escaped.
void check_address(std::string_view address, std::string_view role) {
    const auto at = address.find('@');
    bool usable = at != std::string_view::npos && at > 0 && at + 1 < address.size();
    for (const char c : address) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' ||
            c == '"') {
            usable = false;
        }
    }
    if (!usable) {
        throw Error(ErrorType::kGeneralInvalidEmail, fmt::format("Invalid {} email address", role));
    }
}

std::string single_line(std::string_view text) {
    std::string out(text);
    for (auto& c : out) {
        if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    }
    return out;
}

// `"Name" <address>`, the name quoted when ASCII and encoded when not.
std::string mailbox(std::string_view name, std::string_view address) {
    const auto flat = single_line(name);
    if (flat.empty()) return fmt::format("<{}>", address);
    if (is_printable_ascii(flat) && flat.find("=?") == std::string::npos) {
        std::string quoted = "\"";
        for (const char c : flat) {
            if (c == '"' || c == '\\') quoted += '\\';
            quoted += c;
        }
        return fmt::format("{}\" <{}>", quoted, address);
    }
    return fmt::format("{} <{}>", encode_header_text(flat), address);
}

// RFC 5322 date in UTC, e.g. "Tue, 05 Mar 2024 14:03:22 +0000". Written by hand because
// strftime's %a and %b follow the process locale, and the header must be English.
std::string rfc5322_date(std::int64_t epoch_ms) {
    static constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                              "Thu", "Fri", "Sat"};
    static constexpr std::array<std::string_view, 12> kMonths = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t seconds = epoch_ms / 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000",
                       kDays[static_cast<std::size_t>(utc.tm_wday)], utc.tm_mday,
                       kMonths[static_cast<std::size_t>(utc.tm_mon)], utc.tm_year + 1900,
                       utc.tm_hour, utc.tm_min, utc.tm_sec);
}

std::string message_id(std::string_view sender_email) {
    return fmt::format("<{}@{}>", crypto::random_hex(16),
                       sender_email.substr(sender_email.find('@') + 1));
}

std::string smtp_url(const SmtpSettings& settings) {
    const bool ipv6 =
        settings.host.find(':') != std::string::npos && !settings.host.starts_with('[');
    return fmt::format("{}://{}{}{}:{}", settings.secure == "ssl" ? "smtps" : "smtp",
                       ipv6 ? "[" : "", settings.host, ipv6 ? "]" : "", settings.port);
}

void add_text_part(curl_mime* mime, const std::string& body, const char* type) {
    curl_mimepart* part = curl_mime_addpart(mime);
    if (!part) throw Error(ErrorType::kGeneralServerError, "Out of memory");
    curl_mime_data(part, body.data(), body.size());
    curl_mime_type(part, type);
    // Quoted-printable keeps lines under SMTP's 998-octet limit and 8-bit text readable.
    curl_mime_encoder(part, "quoted-printable");
}

void check_settings(const SmtpSettings& settings, const Email& email) {
    if (settings.host.empty()) {
        throw Error(ErrorType::kGeneralServerError, "No SMTP host is configured");
    }
    // The host goes into a URL: only name, IPv4 and IPv6 characters, so it cannot carry a user,
    // a path or another port.
    const bool host_ok = std::all_of(settings.host.begin(), settings.host.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
               c == '[' || c == ']';
    });
    if (!host_ok || settings.port < 1 || settings.port > 65535) {
        throw Error(ErrorType::kGeneralServerError, "Invalid SMTP host or port");
    }
    if (settings.secure != "" && settings.secure != "tls" && settings.secure != "ssl") {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    "Invalid SMTP secure setting: expected \"\", \"tls\" or \"ssl\"");
    }
    if (email.html.empty() && email.text.empty()) {
        throw Error(ErrorType::kGeneralArgumentInvalid, "An email needs a text or an HTML body");
    }
    check_address(settings.sender_email, "sender");
    check_address(email.to_email, "recipient");
    if (!settings.reply_to_email.empty()) check_address(settings.reply_to_email, "reply-to");
}

}  // namespace

std::string encode_header_text(const std::string& text) {
    if (is_printable_ascii(text) && text.find("=?") == std::string::npos) return text;
    // 75 characters per word: "=?UTF-8?B?" + 60 base64 characters (45 bytes) + "?=".
    constexpr std::size_t kBytesPerWord = 45;
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = std::min(start + kBytesPerWord, text.size());
        // Step back over UTF-8 continuation bytes so no character is cut in two.
        while (end < text.size() && end > start + 1 &&
               (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
            --end;
        }
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?";
        out += crypto::base64_encode(std::string_view(text).substr(start, end - start));
        out += "?=";
        start = end;
    }
    return out;
}

void send_email(const SmtpSettings& settings, const Email& email) {
    check_settings(settings, email);
    ensure_curl_initialised();
    Easy easy(curl_easy_init(), &curl_easy_cleanup);
    if (!easy) throw Error(ErrorType::kGeneralServerError, "Could not start an SMTP session");
    CURL* c = easy.get();

    StringList headers;
    headers.append("Date: " + rfc5322_date(time::now_ms()));
    headers.append("From: " + mailbox(settings.sender_name, settings.sender_email));
    headers.append("To: " + mailbox(email.to_name, email.to_email));
    if (!settings.reply_to_email.empty()) {
        headers.append("Reply-To: " + mailbox(settings.reply_to_name, settings.reply_to_email));
    }
    headers.append("Subject: " + encode_header_text(single_line(email.subject)));
    headers.append("Message-ID: " + message_id(settings.sender_email));
    headers.append("X-Mailer: Basalt");
    // curl appends the boundary to a multipart Content-Type given here.
    headers.append("Content-Type: multipart/alternative");

    Mime mime(curl_mime_init(c), &curl_mime_free);
    if (!mime) throw Error(ErrorType::kGeneralServerError, "Out of memory");
    // Least preferred first (RFC 2046 section 5.1.4): mail clients show the last part they can.
    if (!email.text.empty()) add_text_part(mime.get(), email.text, "text/plain; charset=utf-8");
    if (!email.html.empty()) add_text_part(mime.get(), email.html, "text/html; charset=utf-8");

    StringList recipients;
    recipients.append("<" + email.to_email + ">");
    const auto from = "<" + settings.sender_email + ">";
    const auto url = smtp_url(settings);
    char error_text[CURL_ERROR_SIZE] = {};

    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_USE_SSL,
                     settings.secure.empty() ? CURLUSESSL_NONE : CURLUSESSL_ALL);
    if (!settings.username.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, settings.username.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, settings.password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings.connect_timeout_ms));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(settings.timeout_ms));
    curl_easy_setopt(c, CURLOPT_SERVER_RESPONSE_TIMEOUT,
                     static_cast<long>((settings.response_timeout_ms + 999) / 1000));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text);

    const auto code = curl_easy_perform(c);
    if (code != CURLE_OK) {
        throw Error(
            ErrorType::kGeneralServerError,
            fmt::format("Sending email through {}:{} failed: {}", settings.host, settings.port,
                        error_text[0] != '\0' ? error_text : curl_easy_strerror(code)));
    }
}

}  // namespace basalt::outbound
