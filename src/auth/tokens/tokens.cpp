#include "auth/tokens/tokens.hpp"

#include <algorithm>
#include <array>

#include "auth/records.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/time.hpp"

namespace basalt::auth {
namespace {

namespace json = boost::json;
const db::Authorization kInternal = db::Authorization::internal();

// Appwrite's createSession: the factor and provider of each token type that signs in, and the
// verification the sign-in proves.
constexpr std::array<TokenSignIn, 4> kSignIns = {{
    {TokenType::kMagicUrl, "magic-url", "email", "emailVerification"},
    {TokenType::kEmail, "token", "email", "emailVerification"},
    {TokenType::kPhone, "phone", "phone", "phoneVerification"},
    {TokenType::kGeneric, "token", "token", ""},
}};

// The client fields the tokens collection keeps (see platform/collections.cpp).
constexpr std::array<std::string_view, 15> kClientFields = {
    "userAgent",     "ip",           "countryCode",
    "osCode",        "osName",       "osVersion",
    "clientType",    "clientCode",   "clientName",
    "clientVersion", "clientEngine", "clientEngineVersion",
    "deviceName",    "deviceBrand",  "deviceModel"};

std::string string_of(const json::object& data, std::string_view key) {
    const auto* v = data.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

std::optional<TokenSignIn> sign_in_of(TokenType type) noexcept {
    const auto* found = std::find_if(kSignIns.begin(), kSignIns.end(),
                                     [&](const TokenSignIn& s) { return s.type == type; });
    if (found == kSignIns.end()) return std::nullopt;
    return *found;
}

db::Document create_token(db::Documents& docs, const NewToken& token) {
    db::Document doc;
    doc.permissions = owner_permissions(token.user_id);
    for (const auto key : kClientFields) {
        if (const auto* value = token.client.if_contains(key); value && value->is_string()) {
            doc.data[key] = *value;
        }
    }
    doc.data["userId"] = token.user_id;
    doc.data["type"] = static_cast<std::int64_t>(token.type);
    doc.data["secretHash"] = crypto::sha256_hex(token.secret);
    doc.data["expire"] = time::format_iso(time::now_ms() + token.lifetime_seconds * 1000);
    doc.data["phrase"] = token.phrase.empty() ? json::value(nullptr) : json::value(token.phrase);
    return docs.create_document(kInternal, "tokens", std::move(doc));
}

std::optional<db::Document> find_token(db::Documents& docs, std::string_view user_id,
                                       std::string_view secret, std::span<const TokenType> types,
                                       std::int64_t now_ms) {
    // Several tokens may share a digest (six-digit codes, a mock number's fixed code), so the
    // user is part of the lookup rather than a check afterwards.
    const std::vector<db::Query> q = {
        db::Query::equal("secretHash", json::array{json::string(crypto::sha256_hex(secret))}),
        db::Query::equal("userId", json::array{json::string(user_id)}), db::Query::limit(100)};
    auto found = docs.list_documents(kInternal, "tokens", q, {.with_total = false});
    for (auto& token : found.documents) {
        const bool type_matches =
            types.empty() || std::find(types.begin(), types.end(), type_of(token)) != types.end();
        if (type_matches && expire_of(token) >= now_ms) return std::move(token);
    }
    return std::nullopt;
}

TokenType type_of(const db::Document& token) noexcept {
    const auto* v = token.data.if_contains("type");
    return v && v->is_int64() ? static_cast<TokenType>(v->as_int64()) : TokenType::kLogin;
}

std::int64_t expire_of(const db::Document& token) noexcept {
    return time::parse_iso(string_of(token.data, "expire")).value_or(0);
}

void consume_token(db::Database& db, const db::Document& token, const json::object& user_changes,
                   bool end_sessions) {
    const auto user_id = string_of(token.data, "userId");
    db.transact([&](db::Documents& docs) {
        if (!docs.get_document(kInternal, "users", user_id)) throw Error(ErrorType::kUserNotFound);
        // Writing the user first (even with no changes: it bumps $updatedAt) locks its row, so two
        // requests using the user's tokens take turns; the token is read after that, so the
        // second of two racing with the same secret finds it gone, also on PostgreSQL at READ
        // COMMITTED, where each statement sees what committed before it.
        docs.update_document(kInternal, "users", user_id, {.data = user_changes});
        if (!docs.get_document(kInternal, "tokens", token.id))
            throw Error(ErrorType::kUserInvalidToken);
        docs.delete_document(kInternal, "tokens", token.id);
        if (!end_sessions) return;
        // auth::delete_sessions would run its own transaction; the sessions must go in this one.
        const std::vector<db::Query> q = {
            db::Query::equal("userId", json::array{json::string(user_id)}),
            db::Query::limit(db::kMaxCount)};
        for (const auto& session :
             docs.list_documents(kInternal, "sessions", q, {.with_total = false}).documents) {
            docs.delete_document(kInternal, "sessions", session.id);
        }
    });
}

}  // namespace basalt::auth
