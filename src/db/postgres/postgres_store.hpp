// Internal: the PostgreSQL backend. One schema per project ("p_<id>") plus "platform",
// sharing one connection pool.
#pragma once

#include <memory>
#include <string>

#include "db/store.hpp"

namespace basalt::db {

// Throws Error(kGeneralServerError) when the server cannot be reached.
std::unique_ptr<Store> open_postgres_store(const std::string& url, const StoreOptions& options);

}  // namespace basalt::db
