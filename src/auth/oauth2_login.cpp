#include "auth/oauth2_login.hpp"

#include <algorithm>
#include <cctype>

#include "auth/credentials/codes.hpp"
#include "auth/credentials/jwt.hpp"
#include "auth/records.hpp"
#include "auth/tokens/tokens.hpp"
#include "auth/users.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"

namespace basalt::auth {
namespace {

namespace json = boost::json;
const db::Authorization kInternal = db::Authorization::internal();

db::Query equal(std::string attribute, std::string_view value) {
    return db::Query::equal(std::move(attribute), json::array{json::string(value)});
}

db::Query not_equal(std::string attribute, std::string_view value) {
    return db::Query::not_equal(std::move(attribute), json::array{json::string(value)});
}

std::optional<db::Document> first(db::Database& db, std::string_view collection,
                                  std::vector<db::Query> queries) {
    queries.push_back(db::Query::limit(1));
    auto found = db.list_documents(kInternal, collection, queries, {.with_total = false});
    if (found.documents.empty()) return std::nullopt;
    return std::move(found.documents.front());
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// What Appwrite's email parser accepts at the least: one local part and a dotted domain.
bool plausible_email(std::string_view email) {
    const auto at = email.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= email.size()) return false;
    const auto domain = email.substr(at + 1);
    return domain.find('.') != std::string_view::npos && domain.front() != '.' &&
           domain.back() != '.' &&
           email.find_first_of(" \t\r\n<>()[],;:\\\"") == std::string_view::npos;
}

// An expiry `seconds` from now, as Appwrite stores it even when the provider gave none (0).
std::string expiry_after(std::int64_t seconds) {
    return time::format_iso(time::now_ms() + seconds * 1000);
}

// As Appwrite: anyone may read an identity, its user may change or delete it.
std::vector<std::string> identity_permissions(std::string_view user_id) {
    const std::string owner = "\"user:" + std::string(user_id) + "\"";
    return {"read(\"any\")", "update(" + owner + ")", "delete(" + owner + ")"};
}

// Links to the signed-in user are refused when the provider's email is someone else's.
void check_link(db::Database& db, const db::Document& user, std::string_view email,
                std::string_view provider_email) {
    if (provider_email.empty()) return;
    if (first(db, "identities",
              {equal("providerEmail", provider_email), not_equal("userId", user.id)})) {
        throw Error(ErrorType::kUserAlreadyExists);
    }
    if (first(db, "users", {equal("email", email), not_equal("$id", user.id)})) {
        throw Error(ErrorType::kUserAlreadyExists);
    }
}

// The user an earlier sign-in with this provider account belongs to.
std::optional<db::Document> known_user(db::Database& db, const OAuth2SignIn& sign_in) {
    for (const char* collection : {"sessions", "identities"}) {
        const auto found =
            first(db, collection,
                  {equal("provider", sign_in.provider), equal("providerUid", sign_in.user.id)});
        if (!found) continue;
        if (auto user = get_user(db, text_of(found->data, "userId"))) return user;
    }
    return std::nullopt;
}

// The user who has the provider's email, or an identity with it; only for a verified email.
std::optional<db::Document> user_by_email(db::Database& db, const OAuth2SignIn& sign_in,
                                          std::string_view email) {
    const bool verified = sign_in.user.email_verified;
    if (auto user = find_user_by(db, "email", email)) {
        if (!verified) throw Error(ErrorType::kGeneralBadRequest);
        return user;
    }
    if (const auto identity =
            first(db, "identities", {equal("providerEmail", sign_in.user.email)})) {
        if (!verified) throw Error(ErrorType::kGeneralBadRequest);
        return get_user(db, text_of(identity->data, "userId"));
    }
    return std::nullopt;
}

db::Document new_user(db::Database& db, const platform::AuthSettings& settings,
                      const OAuth2SignIn& sign_in, std::string_view email) {
    NewUser input{.id = ids::unique(),
                  .email = std::string(email),
                  .phone = {},
                  .name = sign_in.user.name.empty() ? sign_in.fallback_name : sign_in.user.name,
                  .password = {},
                  .password_history = {}};
    const auto created = create_user(db, settings, input);
    if (!sign_in.user.email_verified) return created;
    return update_user(db, created.id, {{"emailVerification", true}});
}

// Creates the identity of this provider account for `user`, or stores its new tokens.
void store_identity(db::Database& db, const db::Document& user, const OAuth2SignIn& sign_in) {
    const auto& tokens = sign_in.tokens;
    json::object token_fields{{"providerAccessToken", tokens.access_token},
                              {"providerRefreshToken", tokens.refresh_token},
                              {"providerAccessTokenExpiry", expiry_after(tokens.expires_in)}};
    const auto existing =
        first(db, "identities",
              {equal("provider", sign_in.provider), equal("providerUid", sign_in.user.id)});
    if (existing && text_of(existing->data, "userId") == user.id) {
        db.update_document(kInternal, "identities", existing->id,
                           {.data = std::move(token_fields)});
        return;
    }
    // The account is another user's identity already (a signed-in user linking it).
    if (existing) throw Error(ErrorType::kUserAlreadyExists);
    const auto& email = sign_in.user.email;
    // A generic refusal, so that the answer does not reveal which accounts exist.
    if (!email.empty() &&
        first(db, "identities", {equal("providerEmail", email), not_equal("userId", user.id)})) {
        throw Error(ErrorType::kGeneralBadRequest);
    }
    db::Document doc;
    doc.id = ids::unique();
    doc.permissions = identity_permissions(user.id);
    doc.data = std::move(token_fields);
    doc.data["userId"] = user.id;
    doc.data["provider"] = sign_in.provider;
    doc.data["providerUid"] = sign_in.user.id;
    doc.data["providerEmail"] = email;
    doc.data["search"] = doc.id + " " + user.id + " " + sign_in.provider + " " + sign_in.user.id +
                         (email.empty() ? "" : " " + email);
    db.create_document(kInternal, "identities", std::move(doc));
}

// The provider's email for a user who has none yet (a phone or anonymous account linking it).
json::object email_changes(db::Database& db, const db::Document& user,
                           const OAuth2SignIn& sign_in) {
    if (!text_of(user.data, "email").empty()) return {};
    if (!plausible_email(sign_in.user.email)) throw Error(ErrorType::kGeneralInvalidEmail);
    const auto email = lower(sign_in.user.email);
    if (first(db, "users", {equal("email", email), not_equal("$id", user.id)}))
        throw Error(ErrorType::kUserAlreadyExists);
    // Never downgrade a verified user.
    return {{"email", email},
            {"emailVerification",
             bool_of(user.data, "emailVerification") || sign_in.user.email_verified}};
}

}  // namespace

db::Document sign_in_user(db::Database& db, const platform::AuthSettings& settings,
                          const OAuth2SignIn& sign_in, const db::Document* signed_in) {
    const auto email = lower(sign_in.user.email);
    std::optional<db::Document> user;
    if (signed_in) {
        check_link(db, *signed_in, email, sign_in.user.email);
        user = *signed_in;
    } else {
        user = known_user(db, sign_in);
    }
    if (!user) {
        if (email.empty())
            throw Error(ErrorType::kUserUnauthorized, "OAuth provider failed to return email.");
        if (!plausible_email(email)) throw Error(ErrorType::kGeneralInvalidEmail);
        user = user_by_email(db, sign_in, email);
        if (!user) user = new_user(db, settings, sign_in, email);
    }
    if (!bool_of(user->data, "status")) throw Error(ErrorType::kUserBlocked);
    auto changes = email_changes(db, *user, sign_in);
    store_identity(db, *user, sign_in);
    if (text_of(user->data, "name").empty() && !sign_in.user.name.empty())
        changes["name"] = sign_in.user.name;
    if (changes.empty()) return std::move(*user);
    return update_user(db, user->id, std::move(changes));
}

NewSession oauth2_session(const OAuth2SignIn& sign_in, json::object client) {
    return NewSession{
        .provider = sign_in.provider,
        .provider_uid = sign_in.user.id,
        .factors = {"email", "oauth2"},
        .client = std::move(client),
        .provider_access_token = sign_in.tokens.access_token,
        .provider_refresh_token = sign_in.tokens.refresh_token,
        .provider_access_token_expiry = time::now_ms() + sign_in.tokens.expires_in * 1000};
}

std::string create_oauth2_token(db::Database& db, const platform::AuthSettings& settings,
                                std::string_view user_id, const json::object& client) {
    auto secret = generate_token_secret(kOAuth2SecretLength);
    create_token(db, {.user_id = std::string(user_id),
                      .type = TokenType::kOAuth2,
                      .secret = secret,
                      .lifetime_seconds = settings.session_duration,
                      .client = client,
                      .phrase = {}});
    return secret;
}

std::string seal_token_secret(std::string_view secret, std::string_view provider,
                              std::string_view key, std::int64_t now_seconds) {
    return encode_jwt(
        {{"secret", secret}, {"provider", provider}, {"exp", now_seconds + kOAuth2TokenJwtSeconds}},
        key);
}

std::optional<OAuth2TokenSecret> open_token_secret(std::string_view text, std::string_view key,
                                                   std::int64_t now_seconds) {
    const auto claims = decode_jwt(text, key, now_seconds);
    if (!claims) return std::nullopt;
    OAuth2TokenSecret out{.secret = text_of(*claims, "secret"),
                          .provider = text_of(*claims, "provider")};
    if (out.provider.empty() || out.secret.empty()) throw Error(ErrorType::kUserInvalidToken);
    return out;
}

NewSession oauth2_token_session(db::Database& db, std::string_view user_id,
                                std::string_view provider, json::object client) {
    const auto identity =
        first(db, "identities", {equal("userId", user_id), equal("provider", provider)});
    if (!identity) throw Error(ErrorType::kUserInvalidToken);
    const auto& data = identity->data;
    return NewSession{.provider = std::string(provider),
                      .provider_uid = text_of(data, "providerUid"),
                      .factors = {"email", "oauth2"},
                      .client = std::move(client),
                      .provider_access_token = text_of(data, "providerAccessToken"),
                      .provider_refresh_token = text_of(data, "providerRefreshToken"),
                      .provider_access_token_expiry = time_of(data, "providerAccessTokenExpiry")};
}

platform::OAuth2ProviderSettings project_provider(const platform::Project& project,
                                                  std::string_view provider) {
    const auto found = project.oauth2.find(provider);
    return found == project.oauth2.end() ? platform::OAuth2ProviderSettings{} : found->second;
}

json::object refresh_provider_tokens(const platform::Project& project,
                                     const db::Document& session) {
    const auto provider = text_of(session.data, "provider");
    const auto refresh_token = text_of(session.data, "providerRefreshToken");
    if (!oauth2::is_provider(provider)) {
        if (!refresh_token.empty()) throw Error(ErrorType::kProjectProviderUnsupported);
        return {};
    }
    // As Appwrite, the provider is asked even without a refresh token; its refusal is the answer.
    const auto settings = project_provider(project, provider);
    const auto tokens =
        oauth2::refresh_tokens(provider, {settings.app_id, settings.secret}, refresh_token);
    return {{"providerAccessToken", tokens.access_token},
            {"providerRefreshToken", tokens.refresh_token},
            {"providerAccessTokenExpiry", expiry_after(tokens.expires_in)}};
}

std::optional<db::Document> find_identity(db::Database& db, std::string_view identity_id,
                                          std::string_view user_id) {
    auto identity = db.get_document(kInternal, "identities", identity_id);
    if (!identity || (!user_id.empty() && text_of(identity->data, "userId") != user_id))
        return std::nullopt;
    return identity;
}

}  // namespace basalt::auth
