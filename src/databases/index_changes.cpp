#include "databases/index_changes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

#include "core/error.hpp"
#include "core/time.hpp"
#include "databases/index_rules.hpp"

namespace basalt::databases {
namespace {

IndexSpec* find_mutable(Collection& collection, std::string_view key) {
    const auto it = std::find_if(collection.indexes.begin(), collection.indexes.end(),
                                 [&](const IndexSpec& i) { return i.key == key; });
    return it == collection.indexes.end() ? nullptr : &*it;
}

bool engine_has(db::Database& project, const Collection& collection, std::string_view key) {
    const auto schema = project.get_collection(collection.documents_table());
    return schema && schema->index(key) != nullptr;
}

// Why a build failed, in words an Appwrite user knows.
std::string failure_of(const std::exception& e) {
    if (const auto* error = dynamic_cast<const Error*>(&e);
        error && error->type() == ErrorType::kDocumentUniqueConstraintViolation) {
        return std::string(kUniqueIndexFailed);
    }
    return e.what();
}

// Sets the outcome of a job on the index as the catalog has it now.
void settle(db::Database& project, const CollectionRef& ref, const std::string& key, std::string_view status,
            const std::string& error) {
    std::lock_guard lock(catalog_lock());
    auto current = find_collection(project, ref);
    if (!current) return;
    auto* index = find_mutable(*current, key);
    if (!index) return;
    index->status = std::string(status);
    index->error = error;
    index->updated_at = time::now_ms();
    save_schema(project, *current);
}

}  // namespace

IndexSpec add_index(db::Database& project, const Collection& collection, IndexSpec index, const Vocabulary& words) {
    std::lock_guard lock(catalog_lock());
    auto current = reread_collection(project, collection);
    check_new_index(current, index, kMaxIndexes, words);
    const auto now = time::now_ms();
    index.created_at = now;
    index.updated_at = now;
    index.status = std::string(kProcessing);
    index.error.clear();
    current.indexes.push_back(index);
    save_schema(project, current);
    return index;
}

IndexSpec create_index_now(db::Database& project, const Collection& collection, IndexSpec index,
                           const Vocabulary& words) {
    std::lock_guard lock(catalog_lock());
    auto current = reread_collection(project, collection);
    check_new_index(current, index, kMaxIndexes, words);
    try {
        project.create_index(current.documents_table(), engine_index(index));
    } catch (const std::exception& e) {
        throw SettledError(words.tables ? ErrorType::kColumnIndexInvalid : ErrorType::kIndexInvalid, failure_of(e));
    }
    const auto now = time::now_ms();
    index.created_at = now;
    index.updated_at = now;
    index.status = std::string(kAvailable);
    index.error.clear();
    current.indexes.push_back(index);
    try {
        save_schema(project, current);
    } catch (...) {
        project.drop_index(current.documents_table(), index.key);
        throw;
    }
    return index;
}

IndexSpec remove_index(db::Database& project, const Collection& collection, std::string_view key,
                       const Vocabulary& words) {
    std::lock_guard lock(catalog_lock());
    auto current = reread_collection(project, collection);
    auto* index = find_mutable(current, key);
    if (!index) index_not_found(key, words);
    if (index->status == kAvailable) {
        index->status = std::string(kDeleting);
        index->updated_at = time::now_ms();
        save_schema(project, current);
    }
    return *index;
}

void build_index(db::Database& project, const CollectionRef& ref, const std::string& key) {
    std::optional<IndexSpec> index;
    std::optional<Collection> collection;
    {
        std::lock_guard lock(catalog_lock());
        collection = find_collection(project, ref);
        if (!collection) return;
        const auto* found = find_index(collection->indexes, key);
        if (!found || found->status != kProcessing) return;
        index = *found;
    }
    // Built outside the catalog lock: a long build does not hold up other schema changes.
    // The engine builds an index in one transaction: it is complete, or not there at all.
    std::string error;
    try {
        if (!engine_has(project, *collection, key)) {
            project.create_index(collection->documents_table(), engine_index(*index));
        }
    } catch (const std::exception& e) {
        error = failure_of(e);
    }
    settle(project, ref, key, error.empty() ? kAvailable : kFailed, error);
    // Deleted while it was built: the drop job queued behind this one removes it.
}

void drop_index(db::Database& project, const CollectionRef& ref, const std::string& key) {
    std::lock_guard lock(catalog_lock());
    auto current = find_collection(project, ref);
    if (!current) return;
    const auto it = std::find_if(current->indexes.begin(), current->indexes.end(),
                                 [&](const IndexSpec& i) { return i.key == key; });
    if (it == current->indexes.end()) return;
    try {
        if (engine_has(project, *current, key)) project.drop_index(current->documents_table(), key);
    } catch (const std::exception& e) {
        it->status = "stuck";
        it->error = e.what();
        it->updated_at = time::now_ms();
        save_schema(project, *current);
        return;
    }
    current->indexes.erase(it);
    save_schema(project, *current);
}

void queue_index_build(SchemaJobs& jobs, std::string_view project_id, const Collection& collection,
                       const std::string& key) {
    jobs.submit(project_id, "build index " + key,
                [ref = ref_of(collection), key](db::Database& project) { build_index(project, ref, key); });
}

void queue_index_drop(SchemaJobs& jobs, std::string_view project_id, const Collection& collection,
                      const std::string& key) {
    jobs.submit(project_id, "drop index " + key,
                [ref = ref_of(collection), key](db::Database& project) { drop_index(project, ref, key); });
}

}  // namespace basalt::databases
