#include "auth/logs.hpp"

#include "auth/records.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace basalt::auth {

void record_log(db::Database& db, const db::Document& user, const LogEntry& entry) {
    db::Document doc;
    doc.data = entry.client;
    doc.data["userId"] = user.id;
    doc.data["userEmail"] = text_of(user.data, "email");
    doc.data["userName"] = text_of(user.data, "name");
    doc.data["userType"] = entry.user_type;
    doc.data["event"] = entry.event;
    doc.data["resource"] = entry.resource;
    doc.data["mode"] = "default";
    doc.data["time"] = time::format_iso(time::now_ms());
    db.create_document(db::Authorization::internal(), "logs", std::move(doc));
}

db::DocumentList list_logs(db::Database& db, std::string_view attribute, std::string_view value,
                           std::span<const db::Query> queries, bool with_total) {
    std::vector<db::Query> all;
    for (const auto& query : queries) {
        if (query.method != db::QueryMethod::kLimit && query.method != db::QueryMethod::kOffset) {
            throw Error(ErrorType::kGeneralQueryInvalid, "Invalid query: Only limit and offset queries are allowed");
        }
        all.push_back(query);
    }
    all.push_back(db::Query::equal(std::string(attribute), boost::json::array{boost::json::string(value)}));
    all.push_back(db::Query::order_desc("time"));
    return db.list_documents(db::Authorization::internal(), "logs", all, {.with_total = with_total});
}

}  // namespace basalt::auth
