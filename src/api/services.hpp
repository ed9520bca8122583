// Each Appwrite service registers its endpoints here; app.cpp wires them up.
#pragma once

#include "api/api.hpp"

namespace basalt::platform {
class Directory;
class Health;
class LocaleCatalog;
}  // namespace basalt::platform

namespace basalt::api {

void add_health_endpoints(Api& api, platform::Health& health);
void add_locale_endpoints(Api& api, const platform::LocaleCatalog& catalog);
void add_project_endpoints(Api& api, platform::Directory& directory);

}  // namespace basalt::api
