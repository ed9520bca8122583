#include "auth/emails/emails.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>

#include "auth/emails/layout.hpp"
#include "auth/emails/placeholders.hpp"
#include "auth/emails/translations.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace basalt::auth {
namespace {

using detail::KindText;
using detail::KindTexts;
using detail::Layout;
using detail::Translation;
using detail::Vars;

// What each kind is: its Appwrite template ID, its layout, its wording and what it shows.
struct KindInfo {
    EmailKind kind;
    std::string_view id;
    Layout layout;
    KindText KindTexts::*text;
    bool client_info;  // the "requested from" line, when the agent is known
    bool phrase;       // the security phrase, when the client asked for one
    bool needs_team;   // invitation: the team's name is required
};

constexpr std::array kKinds = {
    KindInfo{EmailKind::kVerification, "verification", Layout::kLink, &KindTexts::verification,
             false, false, false},
    KindInfo{EmailKind::kRecovery, "recovery", Layout::kLink, &KindTexts::recovery, false, false,
             false},
    KindInfo{EmailKind::kMagicSession, "magicSession", Layout::kLink, &KindTexts::magic_session,
             true, true, false},
    KindInfo{EmailKind::kOtpSession, "otpSession", Layout::kCode, &KindTexts::otp_session, true,
             true, false},
    KindInfo{EmailKind::kMfaChallenge, "mfaChallenge", Layout::kCode, &KindTexts::mfa_challenge,
             true, false, false},
    KindInfo{EmailKind::kInvitation, "invitation", Layout::kLink, &KindTexts::invitation, false,
             false, true},
    KindInfo{EmailKind::kSessionAlert, "sessionAlert", Layout::kAlert, &KindTexts::session_alert,
             false, false, false},
};

const KindInfo& info_of(EmailKind kind) noexcept {
    for (const auto& info : kKinds) {
        if (info.kind == kind) return info;
    }
    return kKinds.front();  // unreachable: every enumerator has a row
}


void require(std::string_view value, std::string_view name, std::string_view kind_id) {
    if (value.empty()) {
        throw Error(ErrorType::kGeneralServerError,
                    fmt::format("The {} email needs a {}", kind_id, name));
    }
}

void check_kind_params(const KindInfo& info, const EmailParams& p) {
    require(p.project, "project name", info.id);
    if (info.layout == Layout::kLink) require(p.redirect, "link", info.id);
    if (info.layout == Layout::kCode) require(p.otp, "code", info.id);
    if (info.needs_team) require(p.team, "team name", info.id);
}

}  // namespace

namespace detail {

std::string fill(std::string_view text, const Vars& vars, UnknownPlaceholder unknown) {
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto open = text.find("{{", at);
        if (open == std::string_view::npos) break;
        const auto close = text.find("}}", open + 2);
        if (close == std::string_view::npos) break;
        const auto name = text.substr(open + 2, close - open - 2);
        const auto var =
            std::find_if(vars.begin(), vars.end(), [&](const auto& v) { return v.first == name; });
        if (var == vars.end()) {
            if (unknown == UnknownPlaceholder::kThrow) {
                throw Error(ErrorType::kGeneralServerError,
                            fmt::format("Unknown placeholder {{{{{}}}}} in an email text", name));
            }
            // Kept as written; a placeholder may still start inside what follows.
            out.append(text.substr(at, open + 2 - at));
            at = open + 2;
            continue;
        }
        out.append(text.substr(at, open - at));
        out += var->second;
        at = close + 2;
    }
    out.append(text.substr(at));
    return out;
}

Vars vars_of(const EmailParams& p) {
    const auto epoch_ms = p.session_time_ms != 0 ? p.session_time_ms : time::now_ms();
    const std::time_t seconds = epoch_ms / 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return {
        {"user", p.user},
        {"project", p.project},
        {"redirect", p.redirect},
        {"otp", p.otp},
        {"team", p.team},
        {"owner", p.owner},
        {"agentClient", p.agent_client},
        {"agentDevice", p.agent_device},
        {"agentOs", p.agent_os},
        {"phrase", p.phrase},
        {"device", p.device},
        {"ipAddress", p.ip_address},
        {"country", p.country},
        {"date", fmt::format("{:04}-{:02}-{:02}", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday)},
        {"time", fmt::format("{:02}:{:02}:{:02}", utc.tm_hour, utc.tm_min, utc.tm_sec)}};
}

void check_params(EmailKind kind, const EmailParams& params) {
    check_kind_params(info_of(kind), params);
}

const Translation& translation_for(std::string_view code) noexcept {
    for (const auto& t : detail::translations()) {
        if (t.code == code) return t;
    }
    return detail::translations().front();
}

}  // namespace detail

std::string_view email_template_id(EmailKind kind) noexcept { return info_of(kind).id; }

std::optional<EmailKind> email_kind_from_id(std::string_view template_id) noexcept {
    for (const auto& info : kKinds) {
        if (info.id == template_id) return info.kind;
    }
    return std::nullopt;
}

std::string_view resolve_email_locale(std::string_view requested) noexcept {
    std::string lower(requested.substr(0, 16));
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const std::string_view candidate :
         {std::string_view(lower), std::string_view(lower).substr(0, 2)}) {
        for (const auto& t : detail::translations()) {
            if (t.code == candidate) return t.code;
        }
    }
    return detail::translations().front().code;
}

std::vector<std::string_view> email_locales() {
    std::vector<std::string_view> codes;
    for (const auto& t : detail::translations()) codes.push_back(t.code);
    return codes;
}

RenderedEmail render_email(EmailKind kind, std::string_view locale, const EmailParams& params) {
    const auto& info = info_of(kind);
    check_kind_params(info, params);
    const auto& language = detail::translation_for(resolve_email_locale(locale));
    const auto& common = language.common;
    const KindText& text = language.kinds.*info.text;
    const auto vars = detail::vars_of(params);

    detail::FilledEmail email{
        .locale = language.code, .direction = language.direction, .layout = info.layout};
    // Basalt's own texts: every placeholder they use must have a value.
    const auto own = [&vars](std::string_view source) {
        return detail::fill(source, vars, detail::UnknownPlaceholder::kThrow);
    };
    email.subject = own(text.subject);
    email.preview = own(text.preview);
    email.heading = own(text.heading);
    email.greeting = own(params.user.empty() ? common.greeting_anonymous : common.greeting);
    email.intro = own(text.intro);
    if (!params.owner.empty()) email.detail = own(text.detail);
    email.action = own(text.action);
    email.link_hint = own(common.link_hint);
    email.url = params.redirect;
    email.code = params.otp;
    const std::array<std::pair<std::string_view, const std::string*>, 3> rows = {
        {{common.device, &params.device},
         {common.ip_address, &params.ip_address},
         {common.country, &params.country}}};
    for (const auto& [label, value] : rows) {
        if (info.layout == Layout::kAlert && !value->empty())
            email.rows.emplace_back(std::string(label), *value);
    }
    if (info.client_info && !params.agent_client.empty())
        email.client_info = own(common.client_info);
    if (info.phrase && !params.phrase.empty()) email.phrase = own(common.security_phrase);
    email.ignore = own(text.ignore);
    email.signoff = own(common.signoff);
    email.signature = own(common.signature);

    return {.locale = std::string(language.code),
            .subject = email.subject,
            .html = detail::html_of(email),
            .text = detail::text_of(email)};
}

}  // namespace basalt::auth
