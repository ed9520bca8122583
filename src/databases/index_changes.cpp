#include "databases/index_changes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

#include "core/error.hpp"
#include "core/time.hpp"

namespace basalt::databases {

IndexSpec add_index(db::Database& project, const Collection& collection, IndexSpec index) {
    std::lock_guard lock(catalog_lock());
    auto current = reread_collection(project, collection);
    if (find_index(current.indexes, index.key)) {
        throw Error(ErrorType::kIndexAlreadyExists, "Index with the requested key already exists.");
    }
    if (current.indexes.size() >= kMaxIndexes) {
        throw Error(ErrorType::kIndexLimitExceeded, "The maximum number of indexes has been reached.");
    }
    for (const auto& key : index.attributes) {
        const auto* a = find_attribute(current.attributes, key);
        if (a && !a->available()) {
            throw Error(ErrorType::kAttributeNotAvailable,
                        fmt::format("The requested attribute '{}' is not yet available. Please try again later.", key));
        }
    }
    const auto now = time::now_ms();
    index.created_at = now;
    index.updated_at = now;
    index.status = std::string(kAvailable);
    index.error.clear();
    project.create_index(current.documents_table(), storage_index(index));
    current.indexes.push_back(index);
    try {
        save_schema(project, current);
    } catch (...) {
        project.drop_index(current.documents_table(), index.key);
        throw;
    }
    return index;
}

void remove_index(db::Database& project, const Collection& collection, std::string_view key) {
    std::lock_guard lock(catalog_lock());
    auto current = reread_collection(project, collection);
    const auto it = std::find_if(current.indexes.begin(), current.indexes.end(), [&](const auto& i) { return i.key == key; });
    if (it == current.indexes.end()) throw Error(ErrorType::kIndexNotFound, "Index with the requested key could not be found.");
    if (project.get_collection(current.documents_table())->index(key)) project.drop_index(current.documents_table(), key);
    current.indexes.erase(it);
    save_schema(project, current);
}

}  // namespace basalt::databases
