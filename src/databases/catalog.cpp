#include "databases/catalog.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "core/error.hpp"
#include "core/json_fields.hpp"
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
                       {.key = "search", .type = AttributeType::kString, .size = 16384}},
        .indexes = {{.key = "name", .type = db::IndexType::kKey, .attributes = {"name"}},
                    {.key = "enabled", .type = db::IndexType::kKey, .attributes = {"enabled"}},
                    {.key = "search", .type = db::IndexType::kFulltext, .attributes = {"search"}}},
    };
}

std::string search_text(std::string_view id, std::string_view name) {
    return std::string(id) + " " + std::string(name);
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
    out.attributes = attributes_from_json(parsed(out.record.data, "attributes"));
    out.indexes = indexes_from_json(parsed(out.record.data, "indexes"));
    return out;
}

std::string collections_table(const db::Document& database) {
    return "database_" + std::to_string(database.sequence);
}

db::Document create_database(db::Database& project, const std::string& id, const std::string& name, bool enabled,
                             std::string_view type) {
    auto created = id_checked(ErrorType::kDatabaseAlreadyExists, "Database already exists", [&] {
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
        if (e.type() == ErrorType::kDocumentNotFound) throw Error(ErrorType::kDatabaseNotFound, "Database not found");
        throw;
    }
}

void delete_database(db::Database& project, std::string_view id) {
    const CatalogChange changed;  // outdates the catalog cache
    const auto database = find_database(project, id);
    if (!database) throw Error(ErrorType::kDatabaseNotFound, "Database not found");
    const auto table = collections_table(*database);
    // Documents tables first, the catalog last: an interrupted delete can be run again.
    if (project.get_collection(table)) {
        for (;;) {
            const auto page = project.list_documents(kInternal, table, std::vector{db::Query::limit(100)},
                                                     {.with_total = false});
            if (page.documents.empty()) break;
            for (const auto& record : page.documents) delete_collection(project, collection_from(*database, record));
        }
        project.drop_collection(table);
    }
    project.delete_document(kInternal, kDatabases, id);
}

Collection create_collection(db::Database& project, const db::Document& database, const NewCollection& spec) {
    const auto table = collections_table(database);
    auto record = id_checked(ErrorType::kCollectionAlreadyExists, "Collection already exists", [&] {
        return project.create_document(kInternal, table,
                                       {.id = spec.id,
                                        .permissions = spec.permissions,
                                        .data = {{"name", spec.name},
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
                                                    {"search", search_text(collection.id(), changes.name)}},
                                           .permissions = changes.permissions});
    return collection_from(collection.database, std::move(record));
}

void delete_collection(db::Database& project, const Collection& collection) {
    const CatalogChange changed;  // outdates the catalog cache
    const auto documents = collection.documents_table();
    if (project.get_collection(documents)) project.drop_collection(documents);
    project.delete_document(kInternal, collections_table(collection.database), collection.id());
}

std::mutex& catalog_lock() {
    static std::mutex mutex;
    return mutex;
}

Collection reread_collection(db::Documents& project, const Collection& collection) {
    auto current = find_collection(project, collection.database, collection.id());
    if (!current) throw Error(ErrorType::kCollectionNotFound, "Collection with the requested ID could not be found.");
    return std::move(*current);
}

void save_schema(db::Database& project, const Collection& collection) {
    const CatalogChange changed;  // outdates the catalog cache
    project.update_document(kInternal, collections_table(collection.database), collection.id(),
                            {.data = {{"attributes", json::serialize(to_json(collection.attributes))},
                                      {"indexes", json::serialize(to_json(collection.indexes))}}});
}

}  // namespace basalt::databases
