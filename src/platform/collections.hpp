// The platform's internal collections, declared once as data.
#pragma once

#include <span>

#include "db/schema.hpp"

namespace basalt::platform {

// In the platform database: `projects`.
std::span<const db::CollectionSchema> platform_collections();

// In each project's database: `keys`, `platforms`.
std::span<const db::CollectionSchema> project_collections();

}  // namespace basalt::platform
