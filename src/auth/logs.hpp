// The audit log kept per user (Appwrite's audits, as far as the account and users logs show
// them): one document per event in the `logs` collection.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "db/document.hpp"
#include "db/query.hpp"
#include "db/store.hpp"

namespace basalt::auth {

struct LogEntry {
    std::string event;      // "session.create"
    std::string resource;   // "user/ID"
    std::string user_type;  // who acted: "user", "guest", "keyProject"
    boost::json::object client;  // client_details of the request (ip, userAgent, osCode...)
};

// Records `entry` in the log of `user` (its id, email and name at the time).
void record_log(db::Database& db, const db::Document& user, const LogEntry& entry);

// The entries whose `attribute` (userId: what a user did; resource: what was done to
// "team/ID") is `value`, newest first; `queries` may hold limit and offset.
db::DocumentList list_logs(db::Database& db, std::string_view attribute, std::string_view value,
                           std::span<const db::Query> queries, bool with_total);

}  // namespace basalt::auth
