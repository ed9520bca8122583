#include "auth/mfa/recovery_codes.hpp"

#include <boost/json/array.hpp>

#include "auth/credentials/codes.hpp"
#include "auth/mfa/user_lock.hpp"
#include "auth/records.hpp"
#include "core/error.hpp"

namespace basalt::auth::mfa {
namespace {

enum class Existing { kMustBeAbsent, kMustBePresent };

std::vector<std::string> replace_codes(db::Database& db, std::string_view user_id, Existing rule) {
    auto codes = generate_recovery_codes();
    const auto stored = string_array(codes);
    db.transact([&](db::Documents& docs) {
        const auto user = lock_user(docs, user_id);
        const bool present = !strings_of(user.data, "mfaRecoveryCodes").empty();
        if (rule == Existing::kMustBeAbsent && present) throw Error(ErrorType::kUserRecoveryCodesAlreadyExists);
        if (rule == Existing::kMustBePresent && !present) throw Error(ErrorType::kUserRecoveryCodesNotFound);
        docs.update_document(db::Authorization::internal(), "users", user_id, {.data = {{"mfaRecoveryCodes", stored}}});
    });
    return codes;
}

}  // namespace

std::vector<std::string> create_recovery_codes(db::Database& db, std::string_view user_id) {
    return replace_codes(db, user_id, Existing::kMustBeAbsent);
}

std::vector<std::string> regenerate_recovery_codes(db::Database& db, std::string_view user_id) {
    return replace_codes(db, user_id, Existing::kMustBePresent);
}

std::vector<std::string> recovery_codes(const db::Document& user) {
    auto codes = strings_of(user.data, "mfaRecoveryCodes");
    if (codes.empty()) throw Error(ErrorType::kUserRecoveryCodesNotFound);
    return codes;
}

}  // namespace basalt::auth::mfa
