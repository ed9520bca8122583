// The app secret stored for a project's provider, read as each provider's adapter in Appwrite
// reads it (field names are Appwrite's: clientSecret, auth0Domain, tenantID, oktaDomain, p8 ...).
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "auth/oauth2/provider.hpp"

namespace basalt::auth::oauth2 {

struct AppSecret {
    std::string client_secret;   // empty for Apple, whose secret is made per request
    boost::json::object fields;  // the JSON secret; empty for plain secrets
};

// Throws Error(kGeneralServerError, "Invalid secret ...") when `provider` needs a JSON object and
// `raw` is not one.
AppSecret read_secret(const Provider& provider, std::string_view raw);

// Values for the {…} placeholders of the provider table's URL and header templates.
struct TemplateValues {
    const boost::json::object* fields = nullptr;
    std::string_view app_id;
    std::string_view client_secret;
    std::string_view token_user_id;
};

// `text` with its placeholders expanded (syntax in provider.hpp). A secret field without a value
// or default throws Error(kProjectProviderDisabled) naming the field: the provider is not
// configured.
std::string expand(const Provider& provider, std::string_view text, const TemplateValues& values);

}  // namespace basalt::auth::oauth2
