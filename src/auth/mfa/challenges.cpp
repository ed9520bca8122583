#include "auth/mfa/challenges.hpp"

#include <boost/json/array.hpp>

#include "auth/credentials/codes.hpp"
#include "auth/credentials/totp.hpp"
#include "auth/mfa/authenticators.hpp"
#include "auth/mfa/session_factors.hpp"
#include "auth/mfa/user_lock.hpp"
#include "auth/records.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace basalt::auth::mfa {
namespace {

const db::Authorization kInternal = db::Authorization::internal();

// Email and phone challenges need the address, verified.
void require_verified_address(const db::Document& user, Factor factor) {
    if (factor == Factor::kEmail) {
        if (text_of(user.data, "email").empty()) throw Error(ErrorType::kUserEmailNotFound);
        if (!bool_of(user.data, "emailVerification")) throw Error(ErrorType::kUserEmailNotVerified);
    } else if (factor == Factor::kPhone) {
        if (text_of(user.data, "phone").empty()) throw Error(ErrorType::kUserPhoneNotFound);
        if (!bool_of(user.data, "phoneVerification")) throw Error(ErrorType::kUserPhoneNotVerified);
    }
}

bool sends_code(Factor factor) { return factor == Factor::kEmail || factor == Factor::kPhone; }

// Checks `otp` against the challenge; a recovery code is removed from `user` in `docs`.
bool answer_matches(db::Documents& docs, const db::Document& user, const db::Document& challenge,
                    Factor factor, std::string_view otp, std::int64_t now_ms) {
    switch (factor) {
        case Factor::kEmail:
        case Factor::kPhone: {
            const auto stored = text_of(challenge.data, "codeHash");
            return !stored.empty() && crypto::equal_constant_time(stored, crypto::sha256_hex(otp));
        }
        case Factor::kTotp: {
            // Appwrite also accepts an authenticator that was never verified; Basalt does not.
            const auto authenticator = totp_authenticator(docs, user.id);
            return authenticator && bool_of(authenticator->data, "verified") &&
                   verify_totp(authenticator_secret(*authenticator), otp, now_ms / 1000);
        }
        case Factor::kRecoveryCode: {
            auto codes = strings_of(user.data, "mfaRecoveryCodes");
            if (!consume_recovery_code(codes, otp)) return false;
            boost::json::array left;
            for (const auto& code : codes) left.push_back(boost::json::string(code));
            docs.update_document(kInternal, "users", user.id, {.data = {{"mfaRecoveryCodes", std::move(left)}}});
            return true;
        }
    }
    return false;
}

}  // namespace

db::Document create_challenge(db::Database& db, const db::Document& user, Factor factor, std::int64_t now_ms,
                              const CodeDelivery& deliver) {
    require_verified_address(user, factor);
    const auto code = sends_code(factor) ? generate_numeric_code() : std::string();
    db::Document doc;
    doc.permissions = owner_permissions(user.id);
    doc.data = {{"userId", user.id},
                {"type", factor_name(factor)},
                {"codeHash", code.empty() ? boost::json::value(nullptr) : boost::json::value(crypto::sha256_hex(code))},
                {"expire", time::format_iso(now_ms + kChallengeLifetimeSeconds * 1000)}};
    db::Document created;
    db.transact([&](db::Documents& docs) {
        created = docs.create_document(kInternal, kChallenges, std::move(doc));
        if (!code.empty()) deliver(code);
    });
    return created;
}

db::Document complete_challenge(db::Database& db, std::string_view user_id, std::string_view session_id,
                                std::string_view challenge_id, std::string_view otp, std::int64_t now_ms) {
    db::Document session;
    db.transact([&](db::Documents& docs) {
        const auto user = lock_user(docs, user_id);
        const auto challenge = docs.get_document(kInternal, kChallenges, challenge_id);
        if (!challenge || text_of(challenge->data, "userId") != user_id) throw Error(ErrorType::kUserInvalidToken);
        const auto expire = time_of(challenge->data, "expire");
        if (!expire || *expire < now_ms) throw Error(ErrorType::kUserInvalidToken);
        const auto factor = parse_factor(text_of(challenge->data, "type"));
        if (!factor) throw Error(ErrorType::kUserInvalidToken);
        if (!answer_matches(docs, user, *challenge, *factor, otp, now_ms)) throw Error(ErrorType::kUserInvalidToken);
        docs.delete_document(kInternal, kChallenges, challenge->id);
        const std::string_view added[] = {factor_name(*factor)};
        auto updated = add_session_factors(docs, session_id, added, now_ms);
        if (!updated) throw Error(ErrorType::kUserSessionNotFound);  // undoes the above
        session = std::move(*updated);
    });
    return session;
}

}  // namespace basalt::auth::mfa
