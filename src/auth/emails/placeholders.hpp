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

// What to do with a {{name}} that `vars` does not hold.
enum class UnknownPlaceholder {
    kThrow,  // Basalt's own texts: a mistake in the translation table (kGeneralServerError)
    kKeep,   // a project's template: left as written, as Appwrite does
};

// `text` with each {{name}} replaced by its value. Values are copied, not scanned again, so a
// user named "{{otp}}" stays "{{otp}}".
std::string fill(std::string_view text, const Vars& vars, UnknownPlaceholder unknown);

// Throws Error(kGeneralServerError) when a value `kind` needs is empty (see render_email).
void check_params(EmailKind kind, const EmailParams& params);

// The translation with that code (one resolve_email_locale returns); English for any other.
const Translation& translation_for(std::string_view code) noexcept;

}  // namespace basalt::auth::detail
