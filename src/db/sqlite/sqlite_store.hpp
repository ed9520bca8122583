// Internal: the SQLite backend. One file per project plus platform.sqlite in one directory.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>

#include "db/store.hpp"

namespace basalt::db {

// Throws Error(kGeneralServerError) when `directory` cannot be created.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& directory,
                                         const StoreOptions& options);

}  // namespace basalt::db
