#include "auth/sessions.hpp"

#include "auth/credentials/codes.hpp"
#include "auth/records.hpp"
#include "core/crypto.hpp"
#include "core/time.hpp"

namespace basalt::auth {
namespace {

namespace json = boost::json;
const db::Authorization kInternal = db::Authorization::internal();

std::vector<db::Query> by_user(std::string_view user_id, std::int64_t limit) {
    return {db::Query::equal("userId", json::array{json::string(user_id)}), db::Query::order_desc("$sequence"),
            db::Query::limit(limit)};
}

}  // namespace

std::string secret_digest(std::string_view secret) { return crypto::sha256_hex(secret); }

std::string session_id_of(std::string_view digest) { return std::string(digest.substr(0, kSessionIdLength)); }

std::string new_secret() { return generate_token_secret(kSessionSecretLength); }

CreatedSession create_session(db::Database& db, const platform::AuthSettings& settings, std::string_view user_id,
                              NewSession input) {
    const auto now = time::now_ms();
    CreatedSession out{.session = {}, .secret = new_secret()};
    db::Document doc;
    doc.id = session_id_of(secret_digest(out.secret));
    doc.permissions = owner_permissions(user_id);
    doc.data = std::move(input.client);
    doc.data["userId"] = user_id;
    doc.data["provider"] = input.provider;
    doc.data["providerUid"] = input.provider_uid;
    doc.data["providerAccessToken"] = input.provider_access_token;
    doc.data["providerRefreshToken"] = input.provider_refresh_token;
    doc.data["providerAccessTokenExpiry"] =
        input.provider_access_token_expiry ? json::value(time::format_iso(*input.provider_access_token_expiry)) : json::value(nullptr);
    doc.data["secretHash"] = secret_digest(out.secret);
    doc.data["factors"] = string_array(input.factors);
    doc.data["expire"] = time::format_iso(now + settings.session_duration * 1000);
    doc.data["mfaUpdatedAt"] = nullptr;
    db.transact([&](db::Documents& docs) {
        out.session = docs.create_document(kInternal, "sessions", std::move(doc));
        if (settings.max_sessions <= 0) return;
        // Newest first: everything past the limit goes, oldest last in line.
        const auto all = docs.list_documents(kInternal, "sessions", by_user(user_id, db::kMaxCount), {.with_total = false});
        for (std::size_t i = static_cast<std::size_t>(settings.max_sessions); i < all.documents.size(); ++i) {
            if (all.documents[i].id != out.session.id) docs.delete_document(kInternal, "sessions", all.documents[i].id);
        }
    });
    return out;
}

std::optional<db::Document> find_session(db::Documents& db, std::string_view user_id, std::string_view secret,
                                         std::int64_t now_ms) {
    // The lookup every signed-in request makes: by the id the digest names, reading only what a
    // request needs of its session (the full record is read where a session is shown).
    static const std::vector<db::Query> select = {db::Query::select(
        {"userId", "expire", "provider", "factors", "mfaUpdatedAt", "secretHash"})};
    const auto digest = secret_digest(secret);
    auto session = db.get_document(kInternal, "sessions", session_id_of(digest), select);
    if (!session || !crypto::equal_constant_time(text_of(session->data, "secretHash"), digest)) return std::nullopt;
    // It binds the cookie's user too.
    if (text_of(session->data, "userId") != user_id) return std::nullopt;
    const auto expire = time_of(session->data, "expire");
    if (!expire || *expire < now_ms) return std::nullopt;
    session->data.erase("secretHash");
    return session;
}

std::optional<db::Document> active_session(db::Database& db, std::string_view user_id, std::string_view session_id,
                                           std::int64_t now_ms) {
    auto session = db.get_document(kInternal, "sessions", session_id);
    if (!session || text_of(session->data, "userId") != user_id) return std::nullopt;
    const auto expire = time_of(session->data, "expire");
    if (!expire || *expire < now_ms) return std::nullopt;
    return session;
}

std::vector<db::Document> list_sessions(db::Database& db, std::string_view user_id) {
    return db.list_documents(kInternal, "sessions", by_user(user_id, db::kMaxCount), {.with_total = false}).documents;
}

std::vector<db::Document> delete_sessions(db::Database& db, std::string_view user_id, std::string_view keep_id) {
    std::vector<db::Document> deleted;
    db.transact([&](db::Documents& docs) {
        for (auto& session : docs.list_documents(kInternal, "sessions", by_user(user_id, db::kMaxCount), {.with_total = false}).documents) {
            if (session.id == keep_id) continue;
            docs.delete_document(kInternal, "sessions", session.id);
            deleted.push_back(std::move(session));
        }
    });
    return deleted;
}

}  // namespace basalt::auth
