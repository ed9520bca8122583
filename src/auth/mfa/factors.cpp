#include "auth/mfa/factors.hpp"

#include <algorithm>
#include <array>
#include <boost/json/array.hpp>

#include "auth/records.hpp"

namespace basalt::auth::mfa {
namespace {

namespace json = boost::json;

struct FactorName {
    Factor factor;
    std::string_view name;
};

constexpr std::array kFactorNames = {
    FactorName{Factor::kTotp, "totp"},
    FactorName{Factor::kPhone, "phone"},
    FactorName{Factor::kEmail, "email"},
    FactorName{Factor::kRecoveryCode, "recoveryCode"},
};

bool equal_ignoring_case(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

// A session proves one factor at sign-in; Appwrite asks for a second one only when the user has
// one to give.
constexpr std::size_t kFactorsWithMfa = 2;

}  // namespace

std::string_view factor_name(Factor factor) noexcept {
    for (const auto& entry : kFactorNames) {
        if (entry.factor == factor) return entry.name;
    }
    return {};
}

std::optional<Factor> parse_factor(std::string_view text) noexcept {
    for (const auto& entry : kFactorNames) {
        if (equal_ignoring_case(entry.name, text)) return entry.factor;
    }
    return std::nullopt;
}

std::optional<db::Document> totp_authenticator(db::Documents& docs, std::string_view user_id) {
    const std::vector<db::Query> queries = {
        db::Query::equal("userId", json::array{json::string(user_id)}),
        db::Query::equal("type", json::array{json::string(factor_name(Factor::kTotp))}),
        db::Query::limit(1),
    };
    auto found = docs.list_documents(db::Authorization::internal(), kAuthenticators, queries, {.with_total = false});
    if (found.documents.empty()) return std::nullopt;
    return std::move(found.documents.front());
}

bool has_verified_totp(db::Documents& docs, std::string_view user_id) {
    const auto authenticator = totp_authenticator(docs, user_id);
    return authenticator && bool_of(authenticator->data, "verified");
}

AvailableFactors available_factors(db::Documents& docs, const db::Document& user) {
    const auto& d = user.data;
    return AvailableFactors{
        .totp = has_verified_totp(docs, user.id),
        .phone = !text_of(d, "phone").empty() && bool_of(d, "phoneVerification"),
        .email = !text_of(d, "email").empty() && bool_of(d, "emailVerification"),
        .recovery_code = !strings_of(d, "mfaRecoveryCodes").empty(),
    };
}

std::vector<std::string_view> verified_extra_factors(db::Documents& docs, const db::Document& user) {
    const auto available = available_factors(docs, user);
    std::vector<std::string_view> out;
    if (available.totp) out.push_back(factor_name(Factor::kTotp));
    if (available.email) out.push_back(factor_name(Factor::kEmail));
    if (available.phone) out.push_back(factor_name(Factor::kPhone));
    return out;
}

bool needs_more_factors(db::Documents& docs, const db::Document& user, const db::Document& session) {
    if (strings_of(session.data, "factors").size() >= kFactorsWithMfa) return false;
    if (!bool_of(user.data, "mfa")) return false;
    // As Appwrite: the verification flags alone count, whether or not the address is still set.
    if (bool_of(user.data, "emailVerification") || bool_of(user.data, "phoneVerification")) return true;
    return has_verified_totp(docs, user.id);
}

bool recently_challenged(const db::Document& session, std::int64_t now_ms) {
    const auto updated = time_of(session.data, "mfaUpdatedAt");
    return updated && *updated + kRecentChallengeSeconds * 1000 >= now_ms;
}

std::vector<std::string> with_factors(std::vector<std::string> factors, std::span<const std::string_view> added) {
    for (const auto factor : added) {
        if (std::find(factors.begin(), factors.end(), factor) == factors.end()) factors.emplace_back(factor);
    }
    return factors;
}

}  // namespace basalt::auth::mfa
