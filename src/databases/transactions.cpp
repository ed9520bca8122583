#include "databases/transactions.hpp"

#include <fmt/format.h>

#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <utility>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/json_fields.hpp"
#include "core/time.hpp"
#include "databases/transaction_apply.hpp"
#include "db/permission.hpp"

namespace basalt::databases {
namespace {

namespace bj = boost::json;
using enum ErrorType;

constexpr std::array<std::pair<Action, std::string_view>, 10> kActions = {{
    {Action::kCreate, "create"},
    {Action::kUpdate, "update"},
    {Action::kUpsert, "upsert"},
    {Action::kDelete, "delete"},
    {Action::kIncrement, "increment"},
    {Action::kDecrement, "decrement"},
    {Action::kBulkCreate, "bulkCreate"},
    {Action::kBulkUpdate, "bulkUpdate"},
    {Action::kBulkUpsert, "bulkUpsert"},
    {Action::kBulkDelete, "bulkDelete"},
}};

// Appwrite's message, with its non-breaking hyphen (U+2011) in "non‑pending".
constexpr std::string_view kNotPendingMessage = "Invalid or non\u2011pending transaction";

const db::Authorization kInternal = db::Authorization::internal();

[[noreturn]] void transaction_not_found(std::string_view id) {
    throw Error(kTransactionNotFound, fmt::format("Transaction with the requested ID '{}' could not be found.", id));
}

[[noreturn]] void not_ready() {
    throw Error(kTransactionNotReady, "The transaction is not ready yet. Please try again later.");
}

[[noreturn]] void expired() {
    throw Error(kTransactionExpired, "The transaction has expired. Please create a new transaction and try again.");
}

bool is_expired(const db::Document& transaction) {
    const auto expires = time::parse_iso(text_of(transaction.data, "expiresAt"));
    return !expires || *expires < time::now_ms();
}

bool is_pending(const db::Document& transaction) { return text_of(transaction.data, "status") == kStatusPending; }

// The checks a route makes before staging, each route as Appwrite 1.9.6 makes them.
void check_stageable(const std::optional<db::Document>& transaction, std::string_view id, StagingRoute route) {
    const bool loose = route == StagingRoute::kIncrement || route == StagingRoute::kBulk;
    if (!transaction) {
        if (loose) throw Error(kGeneralBadRequest, std::string(kNotPendingMessage));
        transaction_not_found(id);
    }
    if (!is_pending(*transaction)) {
        if (route == StagingRoute::kDocument) not_ready();
        throw Error(kGeneralBadRequest, std::string(kNotPendingMessage));
    }
    if (route != StagingRoute::kBulk && is_expired(*transaction)) expired();
}

void check_room(std::int64_t existing, std::int64_t adding) {
    if (existing + adding > static_cast<std::int64_t>(kMaxTransactionOperations)) {
        throw Error(kTransactionLimitExceeded,
                    fmt::format("Transaction already has {} operations, adding {} would exceed the maximum of {}",
                                existing, adding, kMaxTransactionOperations));
    }
}

// Updates nothing but $updatedAt, inside an engine transaction: on PostgreSQL this waits for
// (and then sees) any other writer of the transaction record, so the state returned is the
// one this engine transaction decides on. nullopt when the record is gone.
std::optional<db::Document> lock_record(db::Documents& documents, std::string_view id) {
    try {
        return documents.update_document(kInternal, kTransactionsCollection, id, {});
    } catch (const Error& e) {
        if (e.type() == kDocumentNotFound) return std::nullopt;
        throw;
    }
}

struct StagedOperation {
    Operation operation;
    std::int64_t staged_at = 0;
};

StagedOperation operation_from(const db::Document& log) {
    StagedOperation out;
    out.operation.action = action_from(text_of(log.data, "action")).value_or(Action::kCreate);
    out.operation.database_id = text_of(log.data, "databaseId");
    out.operation.collection_id = text_of(log.data, "collectionId");
    out.operation.document_id = text_of(log.data, "documentId");
    boost::system::error_code ec;
    out.operation.data = bj::parse(text_of(log.data, "data"), ec);
    if (ec) out.operation.data = bj::object();
    out.staged_at = log.created_at;
    return out;
}

// The staged operations of a transaction, in staging order.
std::vector<StagedOperation> staged_operations(db::Documents& documents, std::string_view id) {
    std::vector<StagedOperation> out;
    const std::vector<db::Query> queries = {db::Query::equal("transactionId", bj::array{bj::string(id)}),
                                            db::Query::order_asc("$sequence"),
                                            db::Query::limit(db::kMaxLimit)};
    for (const auto& log : documents.list_documents(kInternal, kTransactionLogsCollection, queries, {.with_total = false}).documents) {
        out.push_back(operation_from(log));
    }
    return out;
}

void delete_logs(db::Documents& documents, std::string_view id) {
    const std::vector<db::Query> queries = {db::Query::equal("transactionId", bj::array{bj::string(id)}),
                                            db::Query::limit(db::kMaxLimit)};
    for (const auto& log : documents.list_documents(kInternal, kTransactionLogsCollection, queries, {.with_total = false}).documents) {
        documents.delete_document(kInternal, kTransactionLogsCollection, log.id);
    }
}

db::Document set_status(db::Documents& documents, std::string_view id, std::string_view status) {
    return documents.update_document(kInternal, kTransactionsCollection, id, {.data = {{"status", status}}, .permissions = std::nullopt});
}

// The transaction for a commit or rollback: visible to `actor`, pending, not expired.
void check_finishable(db::Documents& documents, const Actor& actor, std::string_view id) {
    const auto transaction = documents.get_document(actor.auth, kTransactionsCollection, id);
    if (!transaction) transaction_not_found(id);
    if (!is_pending(*transaction)) not_ready();
    if (is_expired(*transaction)) expired();
}

// Commit errors as Appwrite reports them (the type stays the Databases one in both vocabularies).
Error commit_error(const Error& e) {
    switch (e.type()) {
        case kDocumentAlreadyExists:
        case kDocumentUniqueConstraintViolation:
            return Error(kTransactionConflict, "The transaction has a conflict. Please resolve the conflict and try again.");
        case kAttributeValueInvalid:
            return Error(kDocumentInvalidStructure, e.what());
        default:
            return e;
    }
}

bool grants(const std::vector<std::string>& permissions, db::PermissionScope scope, db::PermissionType type,
            const Actor& actor) {
    for (const auto& permission : db::parse_permissions(permissions, scope)) {
        if (permission.type != type) continue;
        for (const auto& role : actor.auth.roles) {
            if (role == permission.role) return true;
        }
    }
    return false;
}

// What the engine would check when the operation is applied, checked at staging as Appwrite
// does: create needs the collection's create; update and delete the collection's, or (with
// document security) the document's.
void check_write_permission(const Collection& collection, const std::optional<db::Document>& document, Action action,
                            const Actor& actor) {
    using db::PermissionType;
    const auto type = action == Action::kCreate || (action == Action::kUpsert && !document) ? PermissionType::kCreate
                      : action == Action::kDelete                                            ? PermissionType::kDelete
                                                                                             : PermissionType::kUpdate;
    bool allowed = grants(collection.record.permissions, db::PermissionScope::kCollection, type, actor);
    if (!allowed && type != PermissionType::kCreate && document && collection.document_security()) {
        allowed = grants(document->permissions, db::PermissionScope::kDocument, type, actor);
    }
    if (!allowed) throw Error(kUserUnauthorized, "The current user is not authorized to perform the requested action.");
}

}  // namespace

std::string_view to_string(Action action) noexcept {
    for (const auto& [value, name] : kActions) {
        if (value == action) return name;
    }
    return {};
}

std::optional<Action> action_from(std::string_view name) noexcept {
    for (const auto& [value, text] : kActions) {
        if (text == name) return value;
    }
    return std::nullopt;
}

bool is_bulk(Action action) noexcept {
    return action == Action::kBulkCreate || action == Action::kBulkUpdate || action == Action::kBulkUpsert ||
           action == Action::kBulkDelete;
}

bool names_document(Action action) noexcept { return !is_bulk(action); }

db::Document create_transaction(db::Database& project, const Actor& actor, std::int64_t ttl_seconds) {
    remove_expired_transactions(project);
    std::vector<std::string> permissions;
    if (!actor.user_id.empty()) {
        const auto role = fmt::format("(\"user:{}\")", actor.user_id);
        permissions = {"read" + role, "update" + role, "delete" + role};
    }
    const auto expires_at = time::now_ms() + ttl_seconds * 1000;
    return project.create_document(kInternal, kTransactionsCollection,
                                   {.id = ids::unique(),
                                    .permissions = std::move(permissions),
                                    .data = {{"status", kStatusPending},
                                             {"operations", 0},
                                             {"expiresAt", time::format_iso(expires_at)}}});
}

db::Document get_transaction(db::Documents& project, const Actor& actor, std::string_view id) {
    auto transaction = project.get_document(actor.auth, kTransactionsCollection, id);
    if (!transaction) transaction_not_found(id);
    return std::move(*transaction);
}

db::DocumentList list_transactions(db::Database& project, const Actor& actor, std::span<const db::Query> queries) {
    return project.list_documents(actor.auth, kTransactionsCollection, queries, {.with_total = true});
}

void delete_transaction(db::Database& project, const Actor& actor, std::string_view id) {
    get_transaction(project, actor, id);
    project.transact([&](db::Documents& documents) {
        delete_logs(documents, id);
        if (lock_record(documents, id)) documents.delete_document(kInternal, kTransactionsCollection, id);
    });
}

db::Document stage_operations(db::Database& project, const Actor& actor, std::string_view transaction_id,
                              std::span<const Operation> operations, StagingRoute route) {
    require_stageable(project, actor, transaction_id, route, operations.size());
    db::Document out;
    project.transact([&](db::Documents& documents) {
        const auto current = lock_record(documents, transaction_id);
        check_stageable(current, transaction_id, route);
        const auto existing = int_of(current->data, "operations");
        // Each route call counts one operation; createOperations counts each listed one.
        const auto adding = static_cast<std::int64_t>(operations.size());
        check_room(existing, adding);
        for (const auto& operation : operations) {
            documents.create_document(kInternal, kTransactionLogsCollection,
                                      {.id = ids::unique(),
                                       .data = {{"transactionId", transaction_id},
                                                {"action", to_string(operation.action)},
                                                {"databaseId", operation.database_id},
                                                {"collectionId", operation.collection_id},
                                                {"documentId", operation.document_id},
                                                {"data", bj::serialize(operation.data)}}});
        }
        out = documents.update_document(kInternal, kTransactionsCollection, transaction_id,
                                        {.data = {{"operations", existing + adding}}, .permissions = std::nullopt});
    });
    return out;
}

void require_stageable(db::Documents& project, const Actor& actor, std::string_view transaction_id,
                       StagingRoute route, std::size_t adding) {
    const auto transaction = project.get_document(actor.auth, kTransactionsCollection, transaction_id);
    check_stageable(transaction, transaction_id, route);
    check_room(int_of(transaction->data, "operations"), static_cast<std::int64_t>(adding));
}

void check_operations(db::Documents& project, const Actor& actor, std::string_view transaction_id,
                      std::span<const Operation> operations) {
    // Whether a document exists in the transaction's view, as far as its operations say.
    std::map<std::pair<std::string, std::string>, bool> staged;
    auto note = [&](const Operation& operation) {
        const auto key = [&](std::string id) { return std::pair{operation.collection_id + "/" + operation.database_id, std::move(id)}; };
        switch (operation.action) {
            case Action::kCreate:
            case Action::kUpsert: staged[key(operation.document_id)] = true; break;
            case Action::kDelete: staged[key(operation.document_id)] = false; break;
            case Action::kBulkCreate:
            case Action::kBulkUpsert:
                if (!operation.data.is_array()) break;
                for (const auto& item : operation.data.get_array()) {
                    const auto* id = item.is_object() ? item.get_object().if_contains("$id") : nullptr;
                    if (id && id->is_string()) staged[key(std::string(id->get_string()))] = true;
                }
                break;
            default: break;
        }
    };
    for (const auto& earlier : staged_operations(project, transaction_id)) note(earlier.operation);

    for (const auto& operation : operations) {
        if (is_bulk(operation.action) && !actor.privileged()) {
            throw Error(kUserUnauthorized, "The current user is not authorized to perform the requested action.");
        }
        const auto collection = require_collection(project, operation.database_id, operation.collection_id, actor);
        std::optional<db::Document> document;
        if (names_document(operation.action) && operation.action != Action::kCreate) {
            document = project.get_document(kInternal, collection.documents_table(), operation.document_id);
            const auto found = staged.find({operation.collection_id + "/" + operation.database_id, operation.document_id});
            const bool exists = found != staged.end() ? found->second : document.has_value();
            if (!exists && operation.action != Action::kUpsert) {
                throw Error(kDocumentNotFound, fmt::format("Document with the requested ID '{}' could not be found.",
                                                           operation.document_id));
            }
        }
        if (!is_bulk(operation.action) && !actor.privileged()) {
            check_write_permission(collection, document, operation.action, actor);
            if (operation.data.is_object()) {
                const auto* granted = operation.data.get_object().if_contains("$permissions");
                if (granted && granted->is_array()) {
                    std::vector<std::string> texts;
                    for (const auto& item : granted->get_array()) {
                        if (item.is_string()) texts.emplace_back(item.get_string());
                    }
                    check_grantable(db::normalize_permissions(texts, db::PermissionScope::kDocument), actor);
                }
            }
        }
        note(operation);
    }
}

db::Document commit_transaction(db::Database& project, const Actor& actor, std::string_view id) {
    check_finishable(project, actor, id);
    db::Document out;
    try {
        project.transact([&](db::Documents& documents) {
            const auto current = lock_record(documents, id);
            if (!current) transaction_not_found(id);
            if (!is_pending(*current)) not_ready();
            ApplyState state;
            for (const auto& staged : staged_operations(documents, id)) {
                apply_operation(documents, actor, staged.operation, staged.staged_at, state);
            }
            delete_logs(documents, id);
            out = set_status(documents, id, kStatusCommitted);
        });
    } catch (const Error& e) {
        if (e.type() == kTransactionNotReady || e.type() == kTransactionNotFound) throw;
        // Nothing of the operations was kept; the transaction cannot be committed again.
        try {
            set_status(project, id, kStatusFailed);
        } catch (const Error&) {
            // The transaction was deleted meanwhile: the commit error is what the caller needs.
        }
        throw commit_error(e);
    }
    return out;
}

db::Document rollback_transaction(db::Database& project, const Actor& actor, std::string_view id) {
    check_finishable(project, actor, id);
    db::Document out;
    project.transact([&](db::Documents& documents) {
        const auto current = lock_record(documents, id);
        if (!current) transaction_not_found(id);
        if (!is_pending(*current)) not_ready();
        delete_logs(documents, id);
        out = set_status(documents, id, kStatusFailed);
    });
    return out;
}

void read_in_transaction(db::Database& project, const Actor& actor, std::string_view id,
                         const std::function<void(db::Documents&)>& read) {
    get_transaction(project, actor, id);
    // Thrown to roll the preview back once `read` is done; never leaves this function.
    struct Preview {};
    struct Unappliable {};
    try {
        project.transact([&](db::Documents& documents) {
            ApplyState state;
            try {
                for (const auto& staged : staged_operations(documents, id)) {
                    apply_operation(documents, actor, staged.operation, staged.staged_at, state);
                }
            } catch (const Error&) {
                throw Unappliable{};
            }
            read(documents);
            throw Preview{};
        });
    } catch (const Preview&) {
        return;
    } catch (const Unappliable&) {
        read(project);
    }
}

void remove_expired_transactions(db::Database& project, std::int64_t limit) {
    const std::vector<db::Query> queries = {db::Query::less_than("expiresAt", bj::string(time::format_iso(time::now_ms()))),
                                            db::Query::limit(limit)};
    const auto page = project.list_documents(kInternal, kTransactionsCollection, queries, {.with_total = false});
    for (const auto& transaction : page.documents) {
        project.transact([&](db::Documents& documents) {
            delete_logs(documents, transaction.id);
            if (lock_record(documents, transaction.id)) documents.delete_document(kInternal, kTransactionsCollection, transaction.id);
        });
    }
}

}  // namespace basalt::databases
