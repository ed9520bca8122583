// User records: creation with the project's limits, lookups, updates and deletion with
// everything that belongs to the user.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/credentials/password_hash.hpp"
#include "db/document.hpp"
#include "db/query.hpp"
#include "db/store.hpp"
#include "platform/project.hpp"

namespace basalt::auth {

struct NewUser {
    std::string id;     // resolved already (no "unique()")
    std::string email;  // "" = none; stored lower-cased
    std::string phone;  // "" = none
    std::string name;
    std::optional<PasswordHash> password;  // none for anonymous, OTP, phone and OAuth2 users
    std::vector<std::string> password_history;
};

// Creates the user and its email/phone messaging targets in one transaction. Throws
// kUserCountExceeded (project user limit), kUserAlreadyExists (id, email or phone taken).
db::Document create_user(db::Database& db, const platform::AuthSettings& settings, const NewUser& user);

std::optional<db::Document> get_user(db::Documents& db, std::string_view id);
// Throws kUserNotFound.
db::Document require_user(db::Database& db, std::string_view id);
// The user whose `attribute` (email, phone) equals `value`, if any.
std::optional<db::Document> find_user_by(db::Database& db, std::string_view attribute, std::string_view value);

// Applies `changes` (attribute -> value) and keeps the search text current. Throws
// kUserNotFound, kUserEmailAlreadyExists / kUserPhoneAlreadyExists for a taken email/phone.
db::Document update_user(db::Database& db, std::string_view id, boost::json::object changes);

// Deletes the user with its sessions, tokens, identities, memberships (updating team totals),
// targets, authenticators and challenges. Throws kUserNotFound.
void delete_user(db::Database& db, std::string_view id);

// Every document of `collection` whose userId is `user_id` (internal read, up to `limit`).
std::vector<db::Document> documents_of_user(db::Database& db, std::string_view collection,
                                            std::string_view user_id, std::int64_t limit = 5000);

}  // namespace basalt::auth
