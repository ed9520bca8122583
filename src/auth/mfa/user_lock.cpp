#include "auth/mfa/user_lock.hpp"

#include "core/error.hpp"

namespace basalt::auth::mfa {

db::Document lock_user(db::Documents& docs, std::string_view user_id) {
    const auto auth = db::Authorization::internal();
    // Checked first: an update of a missing row is the engine's kDocumentNotFound.
    if (!docs.get_document(auth, "users", user_id)) throw Error(ErrorType::kUserNotFound);
    return docs.update_document(auth, "users", user_id, {});
}

}  // namespace basalt::auth::mfa
