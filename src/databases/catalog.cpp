#include "databases/catalog.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "core/error.hpp"
#include "core/json_fields.hpp"
#include "databases/relationships.hpp"
#include "databases/catalog_cache.hpp"

namespace basalt::databases {
namespace json = boost::json;
namespace {

constexpr std::string_view kDatabases = "databases";
const auto kInternal = db::Authorization::internal();

// The schema of the engine collection holding a database's collections.
db::CollectionSchema collections_schema(std::string id) {
    using db::AttributeType;
    return db::CollectionSchema{
        .id = std::move(id),
        .attributes = {{.key = "name", .type = AttributeType::kString, .size = 128, .required = true},
                       {.key = "enabled", .type = AttributeType::kBoolean},
                       {.key = "documentSecurity", .type = AttributeType::kBoolean},
                       {.key = "attributes", .type = AttributeType::kString, .size = 16'777'216},
                       {.key = "indexes", .type = AttributeType::kString, .size = 16'777'216},
                       {.key = "search", .type = AttributeType::kString, .size = 16384},
                       // Collection-level permissions (create is not a document permission, so
                       // they are kept as data, not as the record's own permissions).
                       {.key = "permissions", .type = AttributeType::kString, .size = 262144}},
        .indexes = {{.key = "name", .type = db::IndexType::kKey, .attributes = {"name"}},
                    {.key = "enabled", .type = db::IndexType::kKey, .attributes = {"enabled"}},
                    {.key = "search", .type = db::IndexType::kFulltext, .attributes = {"search"}}},
    };
}

std::string search_text(std::string_view id, std::string_view name) {
    return std::string(id) + " " + std::string(name);
}

std::string permissions_text(const std::vector<std::string>& permissions) {
    json::array out;
    for (const auto& p : permissions) out.emplace_back(p);
    return json::serialize(out);
}

json::value parsed(const json::object& data, std::string_view key) {
    const auto text = text_of(data, key);
    if (text.empty()) return json::array();
    return json::parse(text);
}

// Runs `fn`, reporting a taken id as `taken`.
template <typename Fn>
auto id_checked(ErrorType taken, std::string_view message, Fn&& fn) {
    try {
        return fn();
    } catch (const Error& e) {
        if (e.type() == ErrorType::kDocumentAlreadyExists || e.type() == ErrorType::kCollectionAlreadyExists) {
            throw Error(taken, std::string(message));
        }
        throw;
    }
}

}  // namespace

std::string_view Collection::name() const {
    const auto* v = record.data.if_contains("name");
    return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

bool Collection::enabled() const { return bool_of(record.data, "enabled"); }

bool Collection::document_security() const { return bool_of(record.data, "documentSecurity"); }

std::string Collection::documents_table() const {
    return collections_table(database) + "_collection_" + std::to_string(record.sequence);
}

Collection collection_from(const db::Document& database, db::Document record) {
    Collection out{.database = database, .record = std::move(record), .attributes = {}, .indexes = {}};
    const auto stored = parsed(out.record.data, "permissions");
    out.record.permissions.clear();
    for (const auto& p : stored.as_array()) out.record.permissions.emplace_back(p.as_string());
    out.record.data.erase("permissions");
    out.attributes = attributes_from_json(parsed(out.record.data, "attributes"));
    out.indexes = indexes_from_json(parsed(out.record.data, "indexes"));
    return out;
}

std::string collections_table(const db::Document& database) {
    return "database_" + std::to_string(database.sequence);
}

db::Document create_database(db::Database& project, const std::string& id, const std::string& name, bool enabled,
                             std::string_view type) {
    const auto taken = fmt::format(
        "Database with the requested ID '{}' already exists. Try again with a different ID or use ID.unique() to "
        "generate a unique ID.",
        id);
    auto created = id_checked(ErrorType::kDatabaseAlreadyExists, taken, [&] {
        return project.create_document(kInternal, kDatabases,
                                       {.id = id,
                                        .data = {{"name", name},
                                                 {"enabled", enabled},
                                                 {"type", type},
                                                 {"search", search_text(id, name)}}});
    });
    try {
        const auto table = collections_table(created);
        // Sequences are never reused, so a table of that name is a leftover of an interrupted delete.
        if (project.get_collection(table)) project.drop_collection(table);
        project.create_collection(collections_schema(table));
    } catch (...) {
        project.delete_document(kInternal, kDatabases, created.id);
        throw;
    }
    return created;
}

std::optional<db::Document> find_database(db::Documents& project, std::string_view id) {
    return project.get_document(kInternal, kDatabases, id);
}

db::Document update_database(db::Database& project, std::string_view id, const std::string& name, bool enabled) {
    const CatalogChange changed;  // outdates the catalog cache
    try {
        return project.update_document(
            kInternal, kDatabases, id,
            {.data = {{"name", name}, {"enabled", enabled}, {"search", search_text(id, name)}}});
    } catch (const Error& e) {
        if (e.type() == ErrorType::kDocumentNotFound) database_not_found(id);
        throw;
    }
}

void delete_database(db::Database& project, std::string_view id) {
    const CatalogChange changed;  // outdates the catalog cache
    const auto database = find_database(project, id);
    if (!database) database_not_found(id);
    // The record first: from then on the database is gone for every request, and what is left
    // of it is found again at start-up (schema_recovery.hpp) should this be interrupted.
    forget_database(project, *database);
    drop_database_tables(project, *database);
}

void forget_database(db::Database& project, const db::Document& database) {
    const CatalogChange changed;  // outdates the catalog cache
    try {
        project.delete_document(kInternal, kDatabases, database.id);
    } catch (const Error& e) {
        if (e.type() == ErrorType::kDocumentNotFound) database_not_found(database.id);
        throw;
    }
}

void drop_database_tables(db::Database& project, const db::Document& database) {
    // Every engine collection of the database: documents tables and relationship junctions
    // (database_N_collection_M, database_N_relation_P_C), then its catalog database_N.
    const auto table = collections_table(database);
    const auto prefix = table + "_";
    for (const auto& schema : project.list_collections()) {
        if (schema->id.starts_with(prefix)) drop_table(project, schema->id);
    }
    drop_table(project, table);
}

void for_each_record(db::Database& project, std::string_view table,
                     const std::function<void(const db::Document&)>& fn) {
    if (!project.get_collection(table)) return;
    std::string after;
    for (;;) {
        std::vector<db::Query> queries{db::Query::limit(100)};
        if (!after.empty()) queries.push_back(db::Query::cursor_after(after));
        const auto page = project.list_documents(kInternal, table, queries, {.with_total = false});
        for (const auto& record : page.documents) fn(record);
        if (page.documents.size() < 100) break;
        after = page.documents.back().id;
    }
}

void drop_table(db::Database& project, std::string_view table) {
    if (!project.get_collection(table)) return;
    try {
        project.drop_collection(table);
    } catch (const Error& e) {
        if (e.type() != ErrorType::kCollectionNotFound) throw;  // dropped meanwhile
    }
}

void database_not_found(std::string_view id) {
    throw Error(ErrorType::kDatabaseNotFound, fmt::format("Database with the requested ID '{}' could not be found.", id));
}

void collection_not_found(std::string_view id) {
    throw Error(ErrorType::kCollectionNotFound,
                fmt::format("Collection with the requested ID '{}' could not be found.", id));
}

db::Document database_for(db::Documents& project, std::string_view id, bool privileged) {
    auto database = find_database(project, id);
    if (!database || (!privileged && !bool_of(database->data, "enabled"))) database_not_found(id);
    return std::move(*database);
}

Collection collection_for(db::Documents& project, std::string_view database_id, std::string_view collection_id,
                          bool privileged) {
    const auto database = database_for(project, database_id, privileged);
    auto collection = find_collection(project, database, collection_id);
    if (!collection || (!privileged && !collection->enabled())) collection_not_found(collection_id);
    return std::move(*collection);
}

CollectionRef ref_of(const Collection& collection) {
    return CollectionRef{
        .database_id = collection.database.id, .collection_id = collection.id(), .sequence = collection.record.sequence};
}

std::optional<Collection> find_collection(db::Documents& project, const CollectionRef& ref) {
    const auto database = find_database(project, ref.database_id);
    if (!database) return std::nullopt;
    auto collection = find_collection(project, *database, ref.collection_id);
    if (!collection || collection->record.sequence != ref.sequence) return std::nullopt;
    return collection;
}

Collection create_collection(db::Database& project, const db::Document& database, const NewCollection& spec) {
    const auto table = collections_table(database);
    const auto taken = fmt::format(
        "A collection with the requested ID '{}' already exists. Try again with a different ID or use ID.unique() to "
        "generate a unique ID.",
        spec.id);
    auto record = id_checked(ErrorType::kCollectionAlreadyExists, taken, [&] {
        return project.create_document(kInternal, table,
                                       {.id = spec.id,
                                        .data = {{"name", spec.name},
                                                 {"permissions", permissions_text(spec.permissions)},
                                                 {"enabled", spec.enabled},
                                                 {"documentSecurity", spec.document_security},
                                                 {"attributes", "[]"},
                                                 {"indexes", "[]"},
                                                 {"search", search_text(spec.id, spec.name)}}});
    });
    auto collection = collection_from(database, std::move(record));
    try {
        const auto documents = collection.documents_table();
        if (project.get_collection(documents)) project.drop_collection(documents);
        project.create_collection({.id = documents,
                                   .attributes = {},
                                   .indexes = {},
                                   .permissions = spec.permissions,
                                   .document_security = spec.document_security});
    } catch (...) {
        project.delete_document(kInternal, table, collection.id());
        throw;
    }
    return collection;
}

std::optional<Collection> find_collection(db::Documents& project, const db::Document& database, std::string_view id) {
    auto record = project.get_document(kInternal, collections_table(database), id);
    if (!record) return std::nullopt;
    return collection_from(database, std::move(*record));
}

Collection update_collection(db::Database& project, const Collection& collection, const NewCollection& changes) {
    const CatalogChange changed;  // outdates the catalog cache
    project.update_collection(collection.documents_table(), changes.permissions, changes.document_security);
    auto record = project.update_document(kInternal, collections_table(collection.database), collection.id(),
                                          {.data = {{"name", changes.name},
                                                    {"enabled", changes.enabled},
                                                    {"documentSecurity", changes.document_security},
                                                    {"permissions", permissions_text(changes.permissions)},
                                                    {"search", search_text(collection.id(), changes.name)}},
                                           .permissions = std::nullopt});
    return collection_from(collection.database, std::move(record));
}

void delete_collection(db::Database& project, const Collection& collection) {
    forget_collection(project, collection);
    drop_table(project, collection.documents_table());
}

void forget_collection(db::Database& project, const Collection& collection) {
    const CatalogChange changed;  // outdates the catalog cache
    try {
        project.delete_document(kInternal, collections_table(collection.database), collection.id());
    } catch (const Error& e) {
        if (e.type() == ErrorType::kDocumentNotFound) collection_not_found(collection.id());
        throw;
    }
}

std::mutex& catalog_lock() {
    static std::mutex mutex;
    return mutex;
}

Collection reread_collection(db::Documents& project, const Collection& collection) {
    auto current = find_collection(project, collection.database, collection.id());
    if (!current) collection_not_found(collection.id());
    return std::move(*current);
}

void save_schema(db::Database& project, const Collection& collection) {
    const CatalogChange changed;  // outdates the catalog cache
    project.update_document(kInternal, collections_table(collection.database), collection.id(),
                            {.data = {{"attributes", json::serialize(to_json(collection.attributes))},
                                      {"indexes", json::serialize(to_json(collection.indexes))}}});
}

}  // namespace basalt::databases
