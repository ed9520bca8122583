#include "api/services.hpp"
#include "platform/locale/locale_catalog.hpp"

namespace basalt::api {
namespace {

using Lister = const std::string& (platform::LocaleCatalog::*)(std::string_view) const;

}  // namespace

void add_locale_endpoints(Api& api, const platform::LocaleCatalog& catalog) {
    const std::pair<const char*, Lister> lists[] = {
        {"/v1/locale/codes", &platform::LocaleCatalog::codes},
        {"/v1/locale/continents", &platform::LocaleCatalog::continents},
        {"/v1/locale/countries", &platform::LocaleCatalog::countries},
        {"/v1/locale/countries/eu", &platform::LocaleCatalog::countries_eu},
        {"/v1/locale/countries/phones", &platform::LocaleCatalog::phones},
        {"/v1/locale/currencies", &platform::LocaleCatalog::currencies},
        {"/v1/locale/languages", &platform::LocaleCatalog::languages},
    };
    for (const auto& [path, list] : lists) {
        api.add({http::Method::kGet, path, "locale.read", http::Execution::kInline,
                 [&catalog, list = list](Context& ctx) {
                     return http::Response::json(200, (catalog.*list)(ctx.locale));
                 }});
    }
    api.add({http::Method::kGet, "/v1/locale", "locale.read", http::Execution::kInline,
             [&catalog](Context& ctx) {
                 return http::Response::json(200, catalog.locale(ctx.client_ip, ctx.locale));
             }});
}

}  // namespace basalt::api
