// A user's messaging targets (email, sms, push). Every write also refreshes a copy of the
// user's targets kept on the user record, in the same transaction, so the user model (which
// lists them) is one read: GET /v1/account is the request every app makes most.
#pragma once

#include <string_view>
#include <vector>

#include "db/document.hpp"
#include "db/store.hpp"

namespace basalt::auth {

// Each throws what the engine throws (kDocumentAlreadyExists, kDocumentUniqueConstraintViolation,
// kDocumentNotFound); the target's userId names the user whose copy is refreshed.
db::Document create_target(db::Documents& docs, db::Document target);
db::Document update_target(db::Documents& docs, std::string_view id, const db::DocumentPatch& patch);
void delete_target(db::Documents& docs, std::string_view id);

// create_target in its own transaction, for the endpoints that add one target: a taken id or
// identifier is Error(kUserTargetAlreadyExists).
db::Document add_target(db::Database& db, db::Document target);

// The user's targets, oldest first: from the copy on the user record, or read from the targets
// collection for a user stored before the copy existed.
std::vector<db::Document> user_targets(db::Documents& docs, const db::Document& user);

}  // namespace basalt::auth
