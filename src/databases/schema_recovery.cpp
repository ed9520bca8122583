#include "databases/schema_recovery.hpp"

#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <spdlog/spdlog.h>
#include <string>
#include <vector>

#include "databases/catalog.hpp"
#include "databases/index_changes.hpp"

namespace basalt::databases {
namespace {

constexpr std::string_view kDatabasePrefix = "database_";
constexpr std::string_view kCollectionInfix = "_collection_";
constexpr std::string_view kRelationInfix = "_relation_";

std::optional<std::int64_t> number(std::string_view text) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return n;
}

// A table of the data API: database_<N> (a database's catalog), database_<N>_collection_<M>, or
// the junction of a manyToMany relationship database_<N>_relation_<P>_<C> (see relationships.hpp).
struct TableName {
    std::int64_t database = 0;
    std::optional<std::int64_t> collection;  // M, or the junction's parent P
    std::optional<std::int64_t> related;     // the junction's child C
};

std::optional<TableName> parse_table(std::string_view id) {
    if (!id.starts_with(kDatabasePrefix)) return std::nullopt;
    id.remove_prefix(kDatabasePrefix.size());
    if (const auto at = id.find(kRelationInfix); at != std::string_view::npos) {
        const auto pair = id.substr(at + kRelationInfix.size());
        const auto underscore = pair.find('_');
        const auto database = number(id.substr(0, at));
        if (underscore == std::string_view::npos || !database) return std::nullopt;
        const auto parent = number(pair.substr(0, underscore));
        const auto child = number(pair.substr(underscore + 1));
        if (!parent || !child) return std::nullopt;
        return TableName{*database, *parent, *child};
    }
    const auto infix = id.find(kCollectionInfix);
    const auto database = number(id.substr(0, infix));
    if (!database) return std::nullopt;
    if (infix == std::string_view::npos) return TableName{*database, std::nullopt, std::nullopt};
    const auto collection = number(id.substr(infix + kCollectionInfix.size()));
    if (!collection) return std::nullopt;
    return TableName{*database, *collection, std::nullopt};
}

// Finishes the index work of every collection; returns the sequences of the collections of
// each database.
std::map<std::int64_t, std::set<std::int64_t>> resume_indexes(db::Database& project) {
    std::vector<db::Document> databases;
    for_each_record(project, "databases", [&](const db::Document& d) { databases.push_back(d); });
    std::map<std::int64_t, std::set<std::int64_t>> out;
    for (const auto& database : databases) {
        auto& sequences = out[database.sequence];
        std::vector<Collection> collections;
        for_each_record(project, collections_table(database), [&](const db::Document& record) {
            collections.push_back(collection_from(database, record));
        });
        for (const auto& collection : collections) {
            sequences.insert(collection.record.sequence);
            for (const auto& index : collection.indexes) {
                if (index.status == kProcessing) build_index(project, ref_of(collection), index.key);
                if (index.status == kDeleting) drop_index(project, ref_of(collection), index.key);
            }
        }
    }
    return out;
}

}  // namespace

void recover_project(db::Database& project) {
    // The engine's tables first, the catalog second: a table created after this listing is not
    // looked at, and one listed had its record written before it (create_collection), so a
    // listed table without a record is left over from a delete.
    std::vector<std::string> tables;
    for (const auto& schema : project.list_collections()) {
        if (parse_table(schema->id)) tables.push_back(schema->id);
    }
    const auto live = resume_indexes(project);
    for (const auto& table : tables) {
        const auto name = parse_table(table);
        const auto database = live.find(name->database);
        const auto gone = [&](const std::optional<std::int64_t>& sequence) {
            return sequence && database->second.count(*sequence) == 0;
        };
        const bool orphan = database == live.end() || gone(name->collection) || gone(name->related);
        if (!orphan) continue;
        spdlog::info("Dropping {}, left over from a deleted database or collection", table);
        drop_table(project, table);
    }
}

}  // namespace basalt::databases
