#include "db/store.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "db/postgres/postgres_store.hpp"
#include "db/sqlite/sqlite_store.hpp"

namespace basalt::db {

std::unique_ptr<Store> open_store(std::string_view url, const StoreOptions& options) {
    if (url.starts_with("sqlite:")) {
        auto path = url.substr(7);
        // Accept sqlite:///abs/path as well as sqlite:/abs/path and sqlite:relative.
        if (path.starts_with("//")) path.remove_prefix(2);
        if (path.empty()) {
            throw Error(ErrorType::kGeneralServerError, "The sqlite: URL names no directory");
        }
        return open_sqlite_store(std::filesystem::path(std::string{path}), options);
    }
    if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return open_postgres_store(std::string{url}, options);
    }
    throw Error(
        ErrorType::kGeneralServerError,
        fmt::format("Unsupported database URL \"{}\": use sqlite:DIR or postgres://...", url));
}

}  // namespace basalt::db
