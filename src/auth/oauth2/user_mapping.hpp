// The user in a provider's user-info document (or id_token claims), by the provider's fields.
#pragma once

#include <boost/json/value.hpp>

#include "auth/oauth2/oauth2.hpp"

namespace basalt::auth::oauth2 {

// Reads `document` below the provider's user_root. Absent fields are empty (the id too: the
// caller decides); never throws.
OAuth2User map_user(const Provider& provider, const boost::json::value& document);

}  // namespace basalt::auth::oauth2
