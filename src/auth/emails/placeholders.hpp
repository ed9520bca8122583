// What Basalt's own emails and the projects' custom templates share (private to auth/emails):
// the placeholder values of one email, the check of the values a kind needs, the translations.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/emails/emails.hpp"
#include "auth/emails/translations.hpp"

namespace basalt::auth::detail {

// Placeholder name (without braces) and its value, as plain text.
using Vars = std::vector<std::pair<std::string_view, std::string>>;

// Every placeholder EmailParams documents, with its value: {{date}} and {{time}} formatted from
// session_time_ms (now when 0).
Vars vars_of(const EmailParams& params);

// Throws Error(kGeneralServerError) when a value `kind` needs is empty (see render_email).
void check_params(EmailKind kind, const EmailParams& params);

// The translation with that code (one resolve_email_locale returns); English for any other.
const Translation& translation_for(std::string_view code) noexcept;

}  // namespace basalt::auth::detail
