#include "auth/mfa/authenticators.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>

#include "auth/credentials/totp.hpp"
#include "auth/mfa/factors.hpp"
#include "auth/mfa/session_factors.hpp"
#include "auth/mfa/user_lock.hpp"
#include "auth/records.hpp"
#include "core/error.hpp"

namespace basalt::auth::mfa {
namespace {

namespace json = boost::json;
const db::Authorization kInternal = db::Authorization::internal();

std::vector<std::string> owner_permissions(std::string_view user_id) {
    const std::string role = "(\"user:" + std::string(user_id) + "\")";
    return {"read" + role, "update" + role, "delete" + role};
}

// The Key URI format forbids colons in the issuer; Appwrite fails there with a 500, Basalt
// writes the project name without them so that such projects can still use TOTP.
std::string issuer_label(std::string_view project_name) {
    std::string out(project_name);
    std::replace(out.begin(), out.end(), ':', ' ');
    return out;
}

std::string account_label(const db::Document& user) {
    for (const char* key : {"email", "phone"}) {
        if (auto value = text_of(user.data, key); !value.empty()) return value;
    }
    return user.id;  // Appwrite writes an empty label for users without an email
}

}  // namespace

std::string authenticator_secret(const db::Document& authenticator) {
    return text_of(object_of(authenticator.data, "data"), "secret");
}

TotpEnrollment create_totp_authenticator(db::Database& db, const db::Document& user, std::string_view issuer) {
    TotpEnrollment enrollment;
    enrollment.secret = generate_totp_secret();
    enrollment.uri = totp_provisioning_uri(enrollment.secret, issuer_label(issuer), account_label(user));
    db.transact([&](db::Documents& docs) {
        lock_user(docs, user.id);
        if (const auto existing = totp_authenticator(docs, user.id)) {
            if (bool_of(existing->data, "verified")) throw Error(ErrorType::kUserAuthenticatorAlreadyVerified);
            docs.delete_document(kInternal, kAuthenticators, existing->id);
        }
        db::Document doc;
        doc.permissions = owner_permissions(user.id);
        doc.data = {{"userId", user.id},
                    {"type", factor_name(Factor::kTotp)},
                    {"verified", false},
                    {"data", json::serialize(json::object{{"secret", enrollment.secret}})}};
        docs.create_document(kInternal, kAuthenticators, std::move(doc));
    });
    return enrollment;
}

void verify_totp_authenticator(db::Database& db, std::string_view user_id, std::string_view session_id,
                               std::string_view otp, std::int64_t now_ms) {
    db.transact([&](db::Documents& docs) {
        lock_user(docs, user_id);
        const auto authenticator = totp_authenticator(docs, user_id);
        if (!authenticator) throw Error(ErrorType::kUserAuthenticatorNotFound);
        if (bool_of(authenticator->data, "verified")) throw Error(ErrorType::kUserAuthenticatorAlreadyVerified);
        if (!verify_totp(authenticator_secret(*authenticator), otp, now_ms / 1000)) {
            throw Error(ErrorType::kUserInvalidToken);
        }
        docs.update_document(kInternal, kAuthenticators, authenticator->id, {.data = {{"verified", true}}});
        const std::string_view added[] = {factor_name(Factor::kTotp)};
        add_session_factors(docs, session_id, added);
    });
}

void delete_totp_authenticator(db::Database& db, std::string_view user_id) {
    db.transact([&](db::Documents& docs) {
        const auto authenticator = totp_authenticator(docs, user_id);
        if (!authenticator) throw Error(ErrorType::kUserAuthenticatorNotFound);
        docs.delete_document(kInternal, kAuthenticators, authenticator->id);
    });
}

}  // namespace basalt::auth::mfa
