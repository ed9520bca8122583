// Provider-specific steps of the user lookup (Provider::quirk): providers that keep part of the
// user behind a second request.
#pragma once

#include <boost/json/value.hpp>
#include <functional>
#include <string_view>

#include "auth/oauth2/provider.hpp"

namespace basalt::auth::oauth2 {

// GETs a URL of the provider's API with the user's access token; returns its JSON.
using ApiGet = std::function<boost::json::value(std::string_view url)>;

// Completes `user` (the user-info document) for `provider`'s quirk; nothing for kNone.
void apply_quirk(const Provider& provider, const ApiGet& get, boost::json::value& user);

}  // namespace basalt::auth::oauth2
