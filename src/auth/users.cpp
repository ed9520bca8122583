#include "auth/users.hpp"

#include <boost/json/serialize.hpp>

#include "auth/records.hpp"
#include "auth/targets.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace basalt::auth {
namespace {

namespace json = boost::json;
const db::Authorization kInternal = db::Authorization::internal();

json::value text_or_null(const std::string& text) { return text.empty() ? json::value(nullptr) : json::value(text); }

std::string search_text(std::string_view id, const json::object& data) {
    std::string out(id);
    for (const char* key : {"email", "name", "phone"}) {
        const auto value = text_of(data, key);
        if (!value.empty()) out += " " + value;
    }
    return out;
}

db::Document target(std::string_view user_id, std::string_view type, std::string_view identifier) {
    db::Document doc;
    doc.data = {{"userId", user_id}, {"providerType", type}, {"identifier", identifier}, {"expired", false}};
    doc.permissions = owner_permissions(user_id);
    return doc;
}

// Keeps a messaging target in step with the user's email or phone.
void sync_target(db::Documents& docs, std::string_view user_id, std::string_view type,
                 const std::string& old_identifier, const std::string& new_identifier) {
    if (old_identifier == new_identifier) return;
    if (!old_identifier.empty()) {
        const std::vector<db::Query> q = {db::Query::equal("identifier", json::array{json::string(old_identifier)}),
                                          db::Query::equal("userId", json::array{json::string(user_id)}),
                                          db::Query::limit(1)};
        const auto found = docs.list_documents(kInternal, "targets", q, {.with_total = false});
        for (const auto& doc : found.documents) {
            if (new_identifier.empty()) {
                delete_target(docs, doc.id);
            } else {
                update_target(docs, doc.id, {.data = {{"identifier", new_identifier}}});
            }
        }
        if (!found.documents.empty()) return;
    }
    if (!new_identifier.empty()) create_target(docs, target(user_id, type, new_identifier));
}

}  // namespace

db::Document create_user(db::Database& db, const platform::AuthSettings& settings, const NewUser& user) {
    if (settings.user_limit > 0 && db.count_documents(kInternal, "users", {}, settings.user_limit) >= settings.user_limit) {
        throw Error(ErrorType::kUserCountExceeded);
    }
    const auto now = time::format_iso(time::now_ms());
    db::Document doc;
    doc.id = user.id;
    doc.permissions = {"read(\"any\")", "update(\"user:" + user.id + "\")", "delete(\"user:" + user.id + "\")"};
    doc.data = {
        {"name", user.name},
        {"email", text_or_null(user.email)},
        {"phone", text_or_null(user.phone)},
        {"status", true},
        {"labels", json::array{}},
        {"passwordHistory", string_array(user.password_history)},
        {"password", user.password ? json::value(user.password->hash) : json::value(nullptr)},
        {"hash", user.password ? json::value(user.password->algorithm) : json::value(nullptr)},
        {"hashOptions", user.password ? json::value(json::serialize(user.password->options)) : json::value(nullptr)},
        {"passwordUpdate", user.password ? json::value(now) : json::value(nullptr)},
        {"prefs", "{}"},
        {"registration", now},
        {"emailVerification", false},
        {"phoneVerification", false},
        {"reset", false},
        {"mfa", false},
        {"mfaRecoveryCodes", json::array{}},
        {"accessedAt", now},
        {"impersonator", false},
    };
    doc.data["search"] = search_text(user.id, doc.data);
    db::Document created;
    try {
        db.transact([&](db::Documents& docs) {
            created = docs.create_document(kInternal, "users", doc);
            if (!user.email.empty()) create_target(docs, target(user.id, "email", user.email));
            if (!user.phone.empty()) create_target(docs, target(user.id, "sms", user.phone));
            created = *docs.get_document(kInternal, "users", user.id);  // with its targets' copy
        });
    } catch (const Error& e) {
        if (e.type() == ErrorType::kDocumentAlreadyExists || e.type() == ErrorType::kDocumentUniqueConstraintViolation) {
            throw Error(ErrorType::kUserAlreadyExists);
        }
        throw;
    }
    return created;
}

std::optional<db::Document> get_user(db::Documents& db, std::string_view id) {
    return db.get_document(kInternal, "users", id);
}

db::Document require_user(db::Database& db, std::string_view id) {
    auto user = get_user(db, id);
    if (!user) throw Error(ErrorType::kUserNotFound);
    return std::move(*user);
}

std::optional<db::Document> find_user_by(db::Database& db, std::string_view attribute, std::string_view value) {
    const std::vector<db::Query> q = {db::Query::equal(std::string(attribute), json::array{json::string(value)}),
                                      db::Query::limit(1)};
    auto found = db.list_documents(kInternal, "users", q, {.with_total = false});
    if (found.documents.empty()) return std::nullopt;
    return std::move(found.documents.front());
}

db::Document update_user(db::Database& db, std::string_view id, json::object changes) {
    db::Document updated;
    try {
        db.transact([&](db::Documents& docs) {
            const auto current = docs.get_document(kInternal, "users", id);
            if (!current) throw Error(ErrorType::kUserNotFound);
            auto merged = current->data;
            for (const auto& [key, value] : changes) merged[key] = value;
            changes["search"] = search_text(id, merged);
            updated = docs.update_document(kInternal, "users", id, {.data = changes});
            if (changes.contains("email")) {
                sync_target(docs, id, "email", text_of(current->data, "email"), text_of(merged, "email"));
            }
            if (changes.contains("phone")) {
                sync_target(docs, id, "sms", text_of(current->data, "phone"), text_of(merged, "phone"));
            }
            if (changes.contains("email") || changes.contains("phone")) {
                updated = *docs.get_document(kInternal, "users", id);  // with its targets' copy
            }
        });
    } catch (const Error& e) {
        if (e.type() != ErrorType::kDocumentUniqueConstraintViolation) throw;
        throw Error(changes.contains("email") ? ErrorType::kUserEmailAlreadyExists : ErrorType::kUserPhoneAlreadyExists);
    }
    return updated;
}

std::vector<db::Document> documents_of_user(db::Database& db, std::string_view collection, std::string_view user_id,
                                            std::int64_t limit) {
    const std::vector<db::Query> q = {db::Query::equal("userId", json::array{json::string(user_id)}),
                                      db::Query::limit(limit)};
    return db.list_documents(kInternal, collection, q, {.with_total = false}).documents;
}

void delete_user(db::Database& db, std::string_view id) {
    db.transact([&](db::Documents& docs) {
        if (!docs.get_document(kInternal, "users", id)) throw Error(ErrorType::kUserNotFound);
        const std::vector<db::Query> mine = {db::Query::equal("userId", json::array{json::string(id)}),
                                             db::Query::limit(db::kMaxCount)};
        for (const char* collection : {"sessions", "tokens", "identities", "targets", "authenticators", "challenges"}) {
            for (const auto& doc : docs.list_documents(kInternal, collection, mine, {.with_total = false}).documents) {
                docs.delete_document(kInternal, collection, doc.id);
            }
        }
        for (const auto& membership : docs.list_documents(kInternal, "memberships", mine, {.with_total = false}).documents) {
            docs.delete_document(kInternal, "memberships", membership.id);
            if (!bool_of(membership.data, "confirm")) continue;
            const auto team_id = text_of(membership.data, "teamId");
            if (const auto team = docs.get_document(kInternal, "teams", team_id)) {
                const auto total = std::max<std::int64_t>(0, int_of(team->data, "total") - 1);
                docs.update_document(kInternal, "teams", team_id, {.data = {{"total", total}}});
            }
        }
        docs.delete_document(kInternal, "users", id);
    });
}

}  // namespace basalt::auth
