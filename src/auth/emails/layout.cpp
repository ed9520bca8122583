#include "auth/emails/layout.hpp"

#include <fmt/format.h>

namespace basalt::auth::detail {
namespace {

// Inline styles because many mail clients drop <style> blocks. Colours keep a contrast of at
// least 4.5:1 on white (WCAG AA).
constexpr std::string_view kBodyStyle = "margin:0;padding:24px 12px;background:#f3f4f6;";
constexpr std::string_view kCardStyle =
    "max-width:560px;margin:0 auto;padding:32px;background:#ffffff;border-radius:8px;"
    "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;"
    "line-height:1.5;color:#1f2937;";
constexpr std::string_view kHeadingStyle = "margin:0 0 16px;font-size:22px;line-height:1.3;";
constexpr std::string_view kButtonStyle =
    "display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;font-weight:600;"
    "text-decoration:none;border-radius:6px;";
constexpr std::string_view kSmallStyle = "font-size:14px;color:#4b5563;";
constexpr std::string_view kLinkStyle = "color:#1d4ed8;word-break:break-all;";
constexpr std::string_view kCodeStyle =
    "display:inline-block;margin:8px 0;padding:12px 20px;background:#f3f4f6;border-radius:6px;"
    "font-family:ui-monospace,Menlo,Consolas,monospace;font-size:28px;font-weight:700;"
    "letter-spacing:6px;";

void paragraph(std::string& out, std::string_view text, std::string_view style = {}) {
    if (text.empty()) return;
    if (style.empty()) {
        fmt::format_to(std::back_inserter(out), "<p>{}</p>\n", escape_html(text));
    } else {
        fmt::format_to(std::back_inserter(out), "<p style=\"{}\">{}</p>\n", style,
                       escape_html(text));
    }
}

void action_html(std::string& out, const FilledEmail& email) {
    switch (email.layout) {
        case Layout::kLink: {
            const auto url = escape_html(email.url);
            fmt::format_to(std::back_inserter(out), "<p><a href=\"{}\" style=\"{}\">{}</a></p>\n",
                           url, kButtonStyle, escape_html(email.action));
            fmt::format_to(std::back_inserter(out),
                           "<p style=\"{}\">{}<br><a href=\"{}\" style=\"{}\">{}</a></p>\n",
                           kSmallStyle, escape_html(email.link_hint), url, kLinkStyle, url);
            break;
        }
        case Layout::kCode:
            fmt::format_to(std::back_inserter(out), "<p style=\"{}\">{}</p>\n", kCodeStyle,
                           escape_html(email.code));
            break;
        case Layout::kAlert:
            if (email.rows.empty()) break;
            out += "<ul>\n";
            for (const auto& [label, value] : email.rows) {
                fmt::format_to(std::back_inserter(out), "<li>{}: <strong>{}</strong></li>\n",
                               escape_html(label), escape_html(value));
            }
            out += "</ul>\n";
            break;
    }
}

}  // namespace

std::string escape_html(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string html_of(const FilledEmail& email) {
    std::string out;
    fmt::format_to(
        std::back_inserter(out),
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{}</title>\n</head>\n<body style=\"{}\">\n",
        email.locale, email.direction, escape_html(email.subject), kBodyStyle);
    // The inbox preview: hidden in the message, read by mail clients for the list view.
    fmt::format_to(
        std::back_inserter(out),
        "<div style=\"display:none;max-height:0;overflow:hidden;\" aria-hidden=\"true\">{}</div>\n",
        escape_html(email.preview));
    fmt::format_to(std::back_inserter(out),
                   "<div role=\"article\" aria-label=\"{}\" style=\"{}\">\n",
                   escape_html(email.subject), kCardStyle);
    fmt::format_to(std::back_inserter(out), "<h1 style=\"{}\">{}</h1>\n", kHeadingStyle,
                   escape_html(email.heading));
    paragraph(out, email.greeting);
    paragraph(out, email.intro);
    paragraph(out, email.detail);
    action_html(out, email);
    paragraph(out, email.client_info, kSmallStyle);
    paragraph(out, email.phrase, kSmallStyle);
    paragraph(out, email.ignore, kSmallStyle);
    fmt::format_to(std::back_inserter(out), "<p>{}<br>{}</p>\n</div>\n</body>\n</html>\n",
                   escape_html(email.signoff), escape_html(email.signature));
    return out;
}

std::string text_of(const FilledEmail& email) {
    std::string out;
    const auto block = [&out](std::string_view text) {
        if (text.empty()) return;
        out += text;
        out += "\n\n";
    };
    block(email.heading);
    block(email.greeting);
    block(email.intro);
    block(email.detail);
    switch (email.layout) {
        case Layout::kLink:
            block(fmt::format("{}\n{}", email.action, email.url));
            break;
        case Layout::kCode:
            block(email.code);
            break;
        case Layout::kAlert:
            for (const auto& [label, value] : email.rows)
                out += fmt::format("- {}: {}\n", label, value);
            if (!email.rows.empty()) out += '\n';
            break;
    }
    block(email.client_info);
    block(email.phrase);
    block(email.ignore);
    out += fmt::format("{}\n{}\n", email.signoff, email.signature);
    return out;
}

}  // namespace basalt::auth::detail
