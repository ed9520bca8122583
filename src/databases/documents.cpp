#include "databases/documents.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "core/json_fields.hpp"
#include "databases/document_values.hpp"
#include "databases/relationships.hpp"
#include "db/permission.hpp"

namespace basalt::databases {
namespace {

[[noreturn]] void document_not_found() {
    throw Error(ErrorType::kDocumentNotFound, "Document with the requested ID could not be found.");
}

std::vector<std::string> creator_permissions(std::string_view user_id) {
    const std::string role = fmt::format("(\"user:{}\")", user_id);
    return {"read" + role, "update" + role, "delete" + role};
}

bool holds(const Actor& actor, std::string_view role) {
    return std::find(actor.auth.roles.begin(), actor.auth.roles.end(), role) != actor.auth.roles.end();
}

std::vector<std::string> normalized(const std::vector<std::string>& permissions) {
    return db::normalize_permissions(permissions, db::PermissionScope::kDocument);
}

}  // namespace

db::Document require_database(db::Documents& project, std::string_view id, const Actor& actor) {
    auto database = find_database(project, id);
    if (!database || (!actor.privileged() && !bool_of(database->data, "enabled"))) {
        throw Error(ErrorType::kDatabaseNotFound, "Database not found");
    }
    return std::move(*database);
}

Collection require_collection(db::Documents& project, std::string_view database_id, std::string_view collection_id,
                              const Actor& actor) {
    const auto database = require_database(project, database_id, actor);
    auto collection = find_collection(project, database, collection_id);
    if (!collection || (!actor.privileged() && !collection->enabled())) {
        throw Error(ErrorType::kCollectionNotFound, "Collection with the requested ID could not be found.");
    }
    return std::move(*collection);
}

void check_grantable(const std::vector<std::string>& permissions, const Actor& actor) {
    if (actor.privileged()) return;
    for (const auto& text : permissions) {
        const auto permission = db::parse_permission(text);
        if (permission && !holds(actor, permission->role)) {
            std::string held;
            for (const auto& role : actor.auth.roles) held += (held.empty() ? "" : ", ") + role;
            throw Error(ErrorType::kUserUnauthorized,
                        fmt::format("Permissions must be one of: ({})", held));
        }
    }
}

db::Document create_document(db::Documents& project, const Collection& collection, const Actor& actor,
                             NewDocument document) {
    if (document.data.empty()) throw Error(ErrorType::kDocumentMissingData, "The document data is missing. Try again with document data populated");
    std::vector<std::string> permissions;
    if (document.permissions) {
        permissions = normalized(*document.permissions);
        check_grantable(permissions, actor);
    } else if (!actor.user_id.empty()) {
        permissions = creator_permissions(actor.user_id);
    }
    // relationships: nested documents and links commit with the document.
    return relationships::atomically(project, collection, [&](db::Documents& tx) {
        auto stored = stored_values(collection, document.data);
        const auto links = relationships::before_write(tx, collection, actor, document.id, stored, false);  // relationships
        auto created = tx.create_document(actor.auth, collection.documents_table(),
                                          {.id = document.id, .permissions = permissions, .data = std::move(stored)});
        to_api(collection, created);
        relationships::after_write(tx, collection, actor, created, links);  // relationships
        return created;
    });
}

db::Document get_document(db::Documents& project, const Collection& collection, const Actor& actor,
                          std::string_view id, std::span<const db::Query> queries) {
    const auto reading = relationships::plan_read(project, collection, queries);  // relationships
    auto document = project.get_document(actor.auth, collection.documents_table(), id, reading.queries);
    if (!document) document_not_found();
    to_api(collection, *document);
    relationships::load(project, collection, actor, reading, std::span(&*document, 1));  // relationships
    return std::move(*document);
}

db::DocumentList list_documents(db::Documents& project, const Collection& collection, const Actor& actor,
                                std::span<const db::Query> queries, bool with_total) {
    const auto reading = relationships::plan_read(project, collection, queries);  // relationships
    auto page = project.list_documents(actor.auth, collection.documents_table(), reading.queries, {.with_total = with_total});
    for (auto& document : page.documents) to_api(collection, document);
    relationships::load(project, collection, actor, reading, page.documents);  // relationships
    return page;
}

db::Document update_document(db::Documents& project, const Collection& collection, const Actor& actor,
                             std::string_view id, const boost::json::object& data,
                             std::optional<std::vector<std::string>> permissions) {
    if (data.empty() && !permissions) {
        throw Error(ErrorType::kDocumentMissingPayload, "The document data and permissions are missing. You must provide either document data or permissions to be updated.");
    }
    db::DocumentPatch patch{.data = stored_values(collection, data), .permissions = std::nullopt};
    if (permissions) {
        patch.permissions = normalized(*permissions);
        check_grantable(*patch.permissions, actor);
    }
    // relationships: nested documents and links commit with the document.
    return relationships::atomically(project, collection, [&](db::Documents& tx) {
        const auto links = relationships::before_write(tx, collection, actor, id, patch.data, true);  // relationships
        auto updated = tx.update_document(actor.auth, collection.documents_table(), id, patch);
        to_api(collection, updated);
        relationships::after_write(tx, collection, actor, updated, links);  // relationships
        return updated;
    });
}

void delete_document(db::Documents& project, const Collection& collection, const Actor& actor, std::string_view id) {
    // relationships: onDelete (restrict, cascade, setNull) in one transaction with the delete.
    relationships::deleting(project, collection, actor, id, [&](db::Documents& tx) {
        tx.delete_document(actor.auth, collection.documents_table(), id);
    });
}

void to_api(const Collection& collection, db::Document& document) { api_values(collection, document.data); }

}  // namespace basalt::databases
