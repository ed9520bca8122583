#include "auth/mfa/user_mfa.hpp"

#include "auth/mfa/factors.hpp"
#include "auth/mfa/session_factors.hpp"
#include "core/error.hpp"

namespace basalt::auth::mfa {

db::Document set_user_mfa(db::Database& db, std::string_view user_id, bool enabled, std::string_view session_id) {
    db::Document updated;
    db.transact([&](db::Documents& docs) {
        const auto auth = db::Authorization::internal();
        if (!docs.get_document(auth, "users", user_id)) throw Error(ErrorType::kUserNotFound);
        updated = docs.update_document(auth, "users", user_id, {.data = {{"mfa", enabled}}});
        if (enabled && !session_id.empty()) {
            add_session_factors(docs, session_id, verified_extra_factors(docs, updated));
        }
    });
    return updated;
}

}  // namespace basalt::auth::mfa
