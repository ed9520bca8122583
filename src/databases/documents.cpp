#include "databases/documents.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/json_fields.hpp"
#include "core/time.hpp"
#include "databases/document_values.hpp"
#include "databases/relationships.hpp"
#include "db/permission.hpp"

namespace basalt::databases {
namespace json = boost::json;
namespace {

// Keys of `data` nobody may write ($id and $permissions come from their own params).
constexpr std::array<std::string_view, 7> kReadonlyKeys = {"$id",          "$permissions", "$sequence", "$databaseId",
                                                           "$collectionId", "$tableId",     "$collection"};

[[noreturn]] void document_not_found(std::string_view id) {
    throw Error(ErrorType::kDocumentNotFound, fmt::format("Document with the requested ID '{}' could not be found.", id));
}

[[noreturn]] void already_exists(std::string_view id) {
    throw Error(ErrorType::kDocumentAlreadyExists,
                fmt::format("Document with the requested ID '{}' already exists. Try again with a different ID or "
                            "use ID.unique() to generate a unique ID.",
                            id));
}

// Runs an engine write, reporting a taken id or a unique-index violation as Appwrite 1.9 does.
template <typename Write>
auto unique_as_exists(std::string_view id, Write&& write) {
    try {
        return write();
    } catch (const Error& e) {
        if (e.type() == ErrorType::kDocumentUniqueConstraintViolation || e.type() == ErrorType::kDocumentAlreadyExists) {
            already_exists(id);
        }
        throw;
    }
}

bool holds(const Actor& actor, std::string_view role) {
    return std::find(actor.auth.roles.begin(), actor.auth.roles.end(), role) != actor.auth.roles.end();
}

// Validated, normalised (write expanded) and grantable permissions.
// A date meta key of `data`: honoured for privileged callers (Appwrite's preserve-dates mode).
std::int64_t take_date(json::object& data, std::string_view key, const Actor& actor) {
    const auto* v = data.if_contains(key);
    std::int64_t ms = 0;
    if (v && actor.privileged() && v->is_string()) {
        const auto parsed = time::parse_iso(v->get_string());
        if (!parsed) {
            throw Error(ErrorType::kDocumentInvalidStructure,
                        fmt::format("Invalid document structure: Attribute \"{}\" has invalid type. Value must be "
                                    "valid date between 0000-01-01 00:00:00 and 9999-12-31 23:59:59.",
                                    key));
        }
        ms = *parsed;
    }
    data.erase(key);
    return ms;
}

// `data` without read-only keys, with the dates a privileged caller may set.
json::object writable(json::object data, const Actor& actor, std::int64_t& created, std::int64_t& updated) {
    for (auto key : kReadonlyKeys) data.erase(key);
    created = take_date(data, "$createdAt", actor);
    updated = take_date(data, "$updatedAt", actor);
    return data;
}

// Engine writes report a document the caller cannot read as not found; Appwrite looks the
// document up with authorization skipped, so an existing one is a permission failure instead.
template <typename Write>
auto visible_or_unauthorized(db::Documents& project, const Collection& collection, std::string_view id, Write&& write) {
    try {
        return write();
    } catch (const Error& e) {
        if (e.type() == ErrorType::kDocumentNotFound &&
            project.get_document(db::Authorization::internal(), collection.documents_table(), id)) {
            throw Error(ErrorType::kUserUnauthorized, "The current user is not authorized to perform the requested action.");
        }
        throw;
    }
}

db::DocumentPatch prepare_patch(const Collection& collection, const Actor& actor, const json::object& data,
                                const std::optional<std::vector<std::string>>& permissions) {
    std::int64_t created = 0, updated = 0;
    db::DocumentPatch patch{.data = stored_values(collection, writable(data, actor, created, updated)),
                            .permissions = std::nullopt};
    if (permissions) patch.permissions = granted(*permissions, actor);
    return patch;
}

}  // namespace

std::vector<std::string> creator_permissions(std::string_view user_id) {
    const std::string role = fmt::format("(\"user:{}\")", user_id);
    return {"read" + role, "update" + role, "delete" + role};
}

std::vector<std::string> granted(const std::vector<std::string>& permissions, const Actor& actor) {
    if (auto problem = permissions_problem(permissions)) throw Error(ErrorType::kGeneralArgumentInvalid, *problem);
    auto normal = db::normalize_permissions(permissions, db::PermissionScope::kDocument);
    check_grantable(normal, actor);
    return normal;
}

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

std::optional<std::string> permissions_problem(std::span<const std::string> permissions) {
    if (permissions.size() > kMaxPermissions) {
        return fmt::format("You can only provide up to {} permissions.", kMaxPermissions);
    }
    for (const auto& text : permissions) {
        if (text == "*") return "Wildcard permission \"*\" has been replaced. Use \"any\" instead.";
        if (text.find("role:") != std::string::npos) {
            return "Permissions using the \"role:\" prefix have been replaced. Use \"users\", \"guests\", or \"any\" "
                   "instead.";
        }
        const auto open = text.find("(\"");
        if (open == std::string::npos || text.find("(\"", open + 2) != std::string::npos) {
            return fmt::format("Invalid permission string format: \"{}\".", text);
        }
        const std::string_view type(text.data(), open);
        if (type != "read" && type != "create" && type != "update" && type != "delete" && type != "write") {
            return fmt::format("Invalid permission type: \"{}\".", type);
        }
        const auto permission = db::parse_permission(text);
        if (!permission) {
            return fmt::format("Role \"{}\" is not allowed. Must be one of: any, users, guests, user, team, member, label.",
                               std::string_view(text).substr(open + 2, text.size() - open - 4));
        }
        if (permission->type == db::PermissionType::kCreate) {
            return fmt::format("Permission \"{}\" is not allowed. Must be one of: read, update, delete, write.", text);
        }
    }
    return std::nullopt;
}

void check_grantable(const std::vector<std::string>& permissions, const Actor& actor) {
    if (actor.privileged()) return;
    for (const auto& text : permissions) {
        const auto permission = db::parse_permission(text);
        if (permission && !holds(actor, permission->role)) {
            std::string held;
            for (const auto& role : actor.auth.roles) held += (held.empty() ? "" : ", ") + role;
            throw Error(ErrorType::kUserUnauthorized, fmt::format("Permissions must be one of: ({})", held));
        }
    }
}

NewDocument bulk_item(json::object item) {
    NewDocument document;
    if (const auto* id = item.if_contains("$id"); id && !id->is_null()) {
        if (!id->is_string() || (id->get_string() != "unique()" && !ids::is_valid(id->get_string()))) {
            throw Error(ErrorType::kGeneralBadRequest, std::string(ids::kRule));
        }
        if (id->get_string() != "unique()") document.id = id->get_string();
    }
    if (const auto* p = item.if_contains("$permissions"); p && !p->is_null()) {
        std::vector<std::string> permissions;
        const bool strings = p->is_array() && std::all_of(p->get_array().begin(), p->get_array().end(),
                                                         [](const json::value& v) { return v.is_string(); });
        if (!strings) throw Error(ErrorType::kGeneralBadRequest, "Permissions must be an array of strings.");
        for (const auto& v : p->get_array()) permissions.emplace_back(v.get_string());
        if (auto problem = permissions_problem(permissions)) throw Error(ErrorType::kGeneralBadRequest, *problem);
        document.permissions = std::move(permissions);
    }
    item.erase("$id");
    item.erase("$permissions");
    document.data = std::move(item);
    return document;
}

db::Document prepare_create(const Collection& collection, const Actor& actor, NewDocument document) {
    db::Document out;
    out.data = stored_values(collection, writable(std::move(document.data), actor, out.created_at, out.updated_at));
    out.id = document.id.empty() ? ids::unique() : std::move(document.id);
    if (document.permissions) {
        out.permissions = granted(*document.permissions, actor);
    } else if (!actor.privileged() && !actor.user_id.empty()) {
        out.permissions = creator_permissions(actor.user_id);
    }
    return out;
}

db::Document create_document(db::Documents& project, const Collection& collection, const Actor& actor,
                             NewDocument document) {
    if (document.data.empty()) {
        throw Error(ErrorType::kDocumentMissingData, "The document data is missing. Try again with document data populated");
    }
    auto prepared = prepare_create(collection, actor, std::move(document));
    const std::string id = prepared.id;
    // relationships: nested documents and links commit with the document.
    return relationships::atomically(project, collection, [&](db::Documents& tx) {
        const auto links = relationships::before_write(tx, collection, actor, id, prepared.data, false);  // relationships
        auto created = unique_as_exists(
            id, [&] { return tx.create_document(actor.auth, collection.documents_table(), std::move(prepared)); });
        to_api(collection, created);
        relationships::after_write(tx, collection, actor, created, links);  // relationships
        return created;
    });
}

db::Document get_document(db::Documents& project, const Collection& collection, const Actor& actor,
                          std::string_view id, std::span<const db::Query> queries) {
    const auto reading = relationships::plan_read(project, collection, queries);  // relationships
    auto document = project.get_document(actor.auth, collection.documents_table(), id, reading.queries);
    if (!document) document_not_found(id);
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
                             std::string_view id, const json::object& data,
                             std::optional<std::vector<std::string>> permissions) {
    if (data.empty() && !permissions) {
        throw Error(ErrorType::kDocumentMissingPayload,
                    "The document data and permissions are missing. You must provide either document data or "
                    "permissions to be updated.");
    }
    auto patch = prepare_patch(collection, actor, data, permissions);
    // relationships: nested documents and links commit with the document.
    return relationships::atomically(project, collection, [&](db::Documents& tx) {
        const auto links = relationships::before_write(tx, collection, actor, id, patch.data, true);  // relationships
        auto updated = visible_or_unauthorized(tx, collection, id, [&] {
            return unique_as_exists(id, [&] { return tx.update_document(actor.auth, collection.documents_table(), id, patch); });
        });
        to_api(collection, updated);
        relationships::after_write(tx, collection, actor, updated, links);  // relationships
        return updated;
    });
}

void delete_document(db::Documents& project, const Collection& collection, const Actor& actor, std::string_view id) {
    visible_or_unauthorized(project, collection, id, [&] {
        // relationships: onDelete (restrict, cascade, setNull) in one transaction with the delete.
        relationships::deleting(project, collection, actor, id, [&](db::Documents& tx) {
            tx.delete_document(actor.auth, collection.documents_table(), id);
        });
    });
}

db::Document upsert_document(db::Documents& tx, const Collection& collection, const Actor& actor, NewDocument document) {
    if (document.data.empty() && !document.permissions) {
        throw Error(ErrorType::kDocumentMissingPayload,
                    "The document data and permissions are missing. You must provide either document data or "
                    "permissions to be updated.");
    }
    const auto existing = tx.get_document(db::Authorization::internal(), collection.documents_table(), document.id);
    if (!existing) return create_document(tx, collection, actor, std::move(document));
    return update_document(tx, collection, actor, document.id, document.data, std::move(document.permissions));
}

void to_api(const Collection& collection, db::Document& document) { api_values(collection, document.data); }

}  // namespace basalt::databases
