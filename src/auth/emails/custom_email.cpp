// Projects' custom email templates, filled the way Appwrite fills them: Appwrite inserts the
// message into its base layout and replaces the placeholders it has values for with plain string
// replacement, so a placeholder without a value stays in the email as written.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>

#include "auth/emails/emails.hpp"
#include "auth/emails/layout.hpp"
#include "auth/emails/placeholders.hpp"
#include "core/time.hpp"

namespace basalt::auth {
namespace {

using detail::Vars;
using namespace std::string_view_literals;

// The placeholders Appwrite fills from the request in a custom template of each kind (the
// variables each of its endpoints hands to the mail worker; unused slots are empty), and the
// ones it fills with "" whatever the request ({{team}}, which Appwrite means to drop there).
struct KindPlaceholders {
    EmailKind kind;
    std::array<std::string_view, 7> names;
    std::string_view blank = {};
};

constexpr std::array kKindPlaceholders = {
    KindPlaceholders{EmailKind::kVerification, {"user", "project", "redirect"}, "team"},
    KindPlaceholders{EmailKind::kRecovery, {"user", "project", "redirect"}, "team"},
    KindPlaceholders{
        EmailKind::kMagicSession,
        {"user", "project", "redirect", "agentClient", "agentDevice", "agentOs", "phrase"},
        "team"},
    KindPlaceholders{EmailKind::kOtpSession,
                     {"user", "project", "otp", "agentClient", "agentDevice", "agentOs", "phrase"},
                     "team"},
    KindPlaceholders{EmailKind::kMfaChallenge,
                     {"user", "project", "otp", "agentClient", "agentDevice", "agentOs"}},
    KindPlaceholders{EmailKind::kInvitation, {"user", "project", "redirect", "team", "owner"}},
    KindPlaceholders{EmailKind::kSessionAlert,
                     {"user", "project", "device", "ipAddress", "country", "date", "time"}},
};

// Appwrite's value for a client it could not identify.
constexpr std::array kAgentPlaceholders = {"agentClient"sv, "agentDevice"sv, "agentOs"sv};
constexpr std::string_view kUnknownAgent = "UNKNOWN";

// The values Appwrite's mail worker adds for the message only: bold markup for rich text.
constexpr std::array<std::pair<std::string_view, std::string_view>, 2> kRichText = {
    {{"b", "<strong>"}, {"/b", "</strong>"}}};

// `kind`'s placeholders with their values from `params`, plain text.
Vars kind_vars(EmailKind kind, const EmailParams& params) {
    const auto row = std::find_if(kKindPlaceholders.begin(), kKindPlaceholders.end(),
                                  [&](const auto& r) { return r.kind == kind; });
    const auto all = detail::vars_of(params);
    Vars out;
    if (row == kKindPlaceholders.end()) return out;  // unreachable: every kind has a row
    for (const auto name : row->names) {
        if (name.empty()) continue;
        const auto var =
            std::find_if(all.begin(), all.end(), [&](const auto& v) { return v.first == name; });
        auto value = var == all.end() ? std::string() : var->second;
        const bool agent = std::find(kAgentPlaceholders.begin(), kAgentPlaceholders.end(), name) !=
                           kAgentPlaceholders.end();
        if (agent && value.empty()) value = kUnknownAgent;
        out.emplace_back(name, std::move(value));
    }
    if (!row->blank.empty()) out.emplace_back(row->blank, std::string());
    return out;
}

std::string current_year() {
    const std::time_t seconds = time::now_ms() / 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return std::to_string(utc.tm_year + 1900);
}

// `text` without its tags, as PHP's strip_tags leaves a subject: a '<' followed by a letter,
// '/', '!' or '?' opens a tag that ends at the next '>' (or at the end of the text).
std::string strip_tags(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
        const bool opens_tag =
            text[i] == '<' && (std::isalpha(next) || next == '/' || next == '!' || next == '?');
        if (!opens_tag) {
            out += text[i];
            continue;
        }
        const auto close = text.find('>', i + 1);
        if (close == std::string_view::npos) break;
        i = close;
    }
    return out;
}

// Whether `message` is a whole HTML document already (a doctype or an <html> element first).
bool is_document(std::string_view message) {
    const auto start = message.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return false;
    std::string head(message.substr(start, 9));
    for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return head.starts_with("<!doctype") || head.starts_with("<html");
}

}  // namespace

RenderedEmail render_custom_email(EmailKind kind, const CustomEmailTemplate& custom,
                                  const EmailParams& params) {
    detail::check_params(kind, params);
    const auto& language = detail::translation_for(resolve_email_locale(custom.locale));
    auto vars = kind_vars(kind, params);
    vars.emplace_back("direction", std::string(language.direction));
    vars.emplace_back("year", current_year());
    const auto subject = strip_tags(detail::fill(custom.subject, vars, detail::UnknownPlaceholder::kKeep));

    Vars html_vars;
    for (const auto& [name, value] : vars) html_vars.emplace_back(name, detail::escape_html(value));
    html_vars.emplace_back("subject", detail::escape_html(subject));
    html_vars.emplace_back("heading", detail::escape_html(subject));
    for (const auto& [name, markup] : kRichText) html_vars.emplace_back(name, std::string(markup));
    auto body = detail::fill(custom.message, html_vars, detail::UnknownPlaceholder::kKeep);

    if (!is_document(body)) {
        body = fmt::format(
            "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<title>{}</title>\n</head>\n<body>\n{}\n</body>\n</html>\n",
            detail::escape_html(custom.locale), language.direction, detail::escape_html(subject),
            body);
    }
    return {.locale = std::string(custom.locale),
            .subject = subject,
            .html = std::move(body),
            .text = ""};
}

}  // namespace basalt::auth
