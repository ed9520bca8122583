#include "auth/targets.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "auth/records.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace basalt::auth {
namespace {

namespace json = boost::json;
const db::Authorization kInternal = db::Authorization::internal();
constexpr std::string_view kCopy = "targetsCopy";

std::vector<db::Document> stored_targets(db::Documents& docs, std::string_view user_id) {
    const std::vector<db::Query> q = {db::Query::equal("userId", json::array{json::string(user_id)}),
                                      db::Query::order_asc("$sequence"), db::Query::limit(db::kMaxCount)};
    return docs.list_documents(kInternal, "targets", q, {.with_total = false}).documents;
}

void refresh_copy(db::Documents& docs, std::string_view user_id) {
    if (!docs.get_document(kInternal, "users", user_id)) return;
    json::array copy;
    for (const auto& target : stored_targets(docs, user_id)) {
        copy.push_back(json::object{{"$id", target.id},
                                    {"$createdAt", target.created_at},
                                    {"$updatedAt", target.updated_at},
                                    {"data", target.data}});
    }
    docs.update_document(kInternal, "users", user_id, {.data = {{std::string(kCopy), json::serialize(copy)}}});
}

}  // namespace

db::Document create_target(db::Documents& docs, db::Document target) {
    auto created = docs.create_document(kInternal, "targets", std::move(target));
    refresh_copy(docs, text_of(created.data, "userId"));
    return created;
}

db::Document add_target(db::Database& db, db::Document target) {
    db::Document created;
    try {
        db.transact([&](db::Documents& docs) { created = create_target(docs, std::move(target)); });
    } catch (const Error& e) {
        if (e.type() == ErrorType::kDocumentAlreadyExists || e.type() == ErrorType::kDocumentUniqueConstraintViolation) {
            throw Error(ErrorType::kUserTargetAlreadyExists);
        }
        throw;
    }
    return created;
}

db::Document update_target(db::Documents& docs, std::string_view id, const db::DocumentPatch& patch) {
    auto updated = docs.update_document(kInternal, "targets", id, patch);
    refresh_copy(docs, text_of(updated.data, "userId"));
    return updated;
}

void delete_target(db::Documents& docs, std::string_view id) {
    const auto target = docs.get_document(kInternal, "targets", id);
    docs.delete_document(kInternal, "targets", id);
    if (target) refresh_copy(docs, text_of(target->data, "userId"));
}

std::vector<db::Document> user_targets(db::Documents& docs, const db::Document& user) {
    const auto text = text_of(user.data, kCopy);
    if (text.empty()) return stored_targets(docs, user.id);
    boost::system::error_code ec;
    // Read on every GET /v1/account: parsed on the stack, the targets' data copied out.
    unsigned char buffer[4096];
    json::monotonic_resource scratch(buffer);
    const auto copy = json::parse(text, ec, &scratch);
    if (ec || !copy.is_array()) return stored_targets(docs, user.id);
    std::vector<db::Document> out;
    for (const auto& item : copy.as_array()) {
        const auto& entry = item.as_object();
        db::Document target;
        target.id = text_of(entry, "$id");
        target.created_at = int_of(entry, "$createdAt");
        target.updated_at = int_of(entry, "$updatedAt");
        if (const auto* data = entry.if_contains("data"); data && data->is_object()) target.data = data->as_object();
        out.push_back(std::move(target));
    }
    return out;
}

}  // namespace basalt::auth
