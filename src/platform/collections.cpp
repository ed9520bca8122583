#include "platform/collections.hpp"

#include <vector>

namespace basalt::platform {
namespace {

using db::Attribute;
using db::AttributeType;
using db::CollectionSchema;
using db::Index;
using db::IndexType;

Attribute text(const char* key, std::int64_t size, bool required = false) {
    return Attribute{.key = key, .type = AttributeType::kString, .size = size, .required = required};
}

Attribute text_array(const char* key, std::int64_t size) {
    return Attribute{.key = key, .type = AttributeType::kString, .size = size, .array = true};
}

Attribute datetime(const char* key) { return Attribute{.key = key, .type = AttributeType::kDatetime}; }

Attribute boolean(const char* key, bool required = false) {
    return Attribute{.key = key, .type = AttributeType::kBoolean, .required = required};
}

Attribute integer(const char* key, bool required = false) {
    return Attribute{.key = key, .type = AttributeType::kInteger, .required = required};
}

Index key_index(const char* key, std::vector<std::string> attributes) {
    return Index{.key = key, .type = IndexType::kKey, .attributes = std::move(attributes)};
}

Index unique_index(const char* key, std::vector<std::string> attributes) {
    return Index{.key = key, .type = IndexType::kUnique, .attributes = std::move(attributes)};
}

// What Appwrite's detector and GeoIP lookup record about the client of a session or log entry.
std::vector<Attribute> client_attributes() {
    std::vector<Attribute> out;
    for (const char* key : {"osCode", "osName", "osVersion", "clientType", "clientCode", "clientName",
                            "clientVersion", "clientEngine", "clientEngineVersion", "deviceName",
                            "deviceBrand", "deviceModel"}) {
        out.push_back(text(key, 256));
    }
    out.push_back(text("userAgent", 16384));
    out.push_back(text("ip", 45));
    out.push_back(text("countryCode", 2));
    return out;
}

std::vector<Attribute> with(std::vector<Attribute> head, const std::vector<Attribute>& tail) {
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
}

const std::vector<CollectionSchema>& platform_schemas() {
    static const std::vector<CollectionSchema> schemas = {
        CollectionSchema{
            .id = "projects",
            // auths, smtp, templates and oauth2 hold JSON (platform/project.hpp); templates
            // may carry messages of up to 10 MB each, as Appwrite allows.
            .attributes = {text("name", 128, true), text("auths", 65535), text("jwtSecret", 128),
                           text("smtp", 65535), text("templates", 1'073'741'824),
                           text("oauth2", 1'048'576)},
            .indexes = {Index{.key = "name", .type = IndexType::kKey, .attributes = {"name"}}},
        },
    };
    return schemas;
}

const std::vector<CollectionSchema>& project_schemas() {
    static const std::vector<CollectionSchema> schemas = {
        CollectionSchema{
            .id = "keys",
            .attributes = {text("name", 128, true), text_array("scopes", 128), datetime("expire"),
                           datetime("accessedAt"), text_array("sdks", 256),
                           // SHA-256 of the secret: keys are found by it, never stored in clear.
                           text("secretHash", 64, true)},
            .indexes = {Index{.key = "secretHash", .type = IndexType::kUnique, .attributes = {"secretHash"}},
                        Index{.key = "name", .type = IndexType::kKey, .attributes = {"name"}}},
        },
        CollectionSchema{
            .id = "platforms",
            // One identifier attribute per platform type, named as Appwrite's models and queries.
            .attributes = {text("type", 16, true), text("name", 128, true), text("hostname", 256),
                           text("applicationId", 256), text("bundleIdentifier", 256),
                           text("packageName", 256), text("packageIdentifierName", 256)},
            .indexes = {Index{.key = "type", .type = IndexType::kKey, .attributes = {"type"}}},
        },
        // Users' databases (src/databases/catalog.hpp): their collections live in `database_<$sequence>`.
        CollectionSchema{
            .id = "databases",
            .attributes = {text("name", 128, true), boolean("enabled"), text("type", 16, true), text("search", 16384)},
            .indexes = {key_index("name", {"name"}),
                        Index{.key = "search", .type = IndexType::kFulltext, .attributes = {"search"}}},
        },
        // Staged transactions of the data API (src/databases/transactions.hpp): the transaction
        // (its creator's document permissions) and one log record per staged operation, its
        // `data` as JSON text (a bulk operation holds up to 100 documents).
        CollectionSchema{
            .id = "transactions",
            .attributes = {text("status", 16, true), integer("operations"), datetime("expiresAt")},
            .indexes = {key_index("status", {"status"}), key_index("expiresAt", {"expiresAt"})},
            .document_security = true,
        },
        CollectionSchema{
            .id = "transactionLogs",
            .attributes = {text("transactionId", 36, true), text("action", 16, true), text("databaseId", 36),
                           text("collectionId", 36), text("documentId", 36), text("data", 1'073'741'824)},
            .indexes = {key_index("transactionId", {"transactionId"})},
        },
        // Storage buckets (src/storage/storage.hpp): their files live in `bucket_<$sequence>`.
        // `permissions` is JSON: bucket permissions may hold create(...), which the engine
        // refuses as a record's own permissions.
        CollectionSchema{
            .id = "buckets",
            .attributes = {text("name", 128, true), text("permissions", 262144), boolean("fileSecurity"),
                           boolean("enabled"), integer("maximumFileSize"), text_array("allowedFileExtensions", 64),
                           text("compression", 10), boolean("encryption"), boolean("antivirus"),
                           boolean("transformations"), integer("totalSize"), text("search", 16384)},
            .indexes = {key_index("name", {"name"}), key_index("enabled", {"enabled"}),
                        key_index("fileSecurity", {"fileSecurity"}), key_index("maximumFileSize", {"maximumFileSize"}),
                        key_index("encryption", {"encryption"}), key_index("antivirus", {"antivirus"}),
                        Index{.key = "search", .type = IndexType::kFulltext, .attributes = {"search"}}},
        },
        // File tokens (src/storage/tokens.hpp), as Appwrite's `resourceTokens`; no secret is
        // stored (the token a client presents is a JWT signed from the record).
        CollectionSchema{
            .id = "resourceTokens",
            .attributes = {text("resourceId", 255, true), text("resourceInternalId", 255, true),
                           text("resourceType", 100, true), text("bucketInternalId", 255), datetime("expire"),
                           datetime("accessedAt")},
            .indexes = {key_index("expire", {"expire"}), key_index("accessedAt", {"accessedAt"}),
                        key_index("resourceInternalId_resourceType", {"resourceInternalId", "resourceType"}),
                        key_index("bucketInternalId", {"bucketInternalId"})},
        },
        // Auth. Secrets (sessions, tokens, challenges) are stored as SHA-256 digests; JSON objects
        // (prefs, hashOptions, authenticator data) as JSON text.
        CollectionSchema{
            .id = "users",
            .attributes = {text("name", 128), text("email", 320), text("phone", 16), boolean("status", true),
                           text_array("labels", 128), text_array("passwordHistory", 16384),
                           text("password", 16384), text("hash", 256), text("hashOptions", 65535),
                           datetime("passwordUpdate"), text("prefs", 65535), datetime("registration"),
                           boolean("emailVerification"), boolean("phoneVerification"), boolean("reset"),
                           boolean("mfa"), text_array("mfaRecoveryCodes", 256), text("search", 16384),
                           datetime("accessedAt"), boolean("impersonator"),
                           // A copy of the user's targets (auth/targets.hpp), never shown as such.
                           text("targetsCopy", 1'000'000)},
            .indexes = {unique_index("email", {"email"}), unique_index("phone", {"phone"}),
                        key_index("name", {"name"}), key_index("status", {"status"}),
                        key_index("passwordUpdate", {"passwordUpdate"}),
                        key_index("registration", {"registration"}),
                        key_index("emailVerification", {"emailVerification"}),
                        key_index("phoneVerification", {"phoneVerification"}),
                        key_index("accessedAt", {"accessedAt"}),
                        Index{.key = "search", .type = IndexType::kFulltext, .attributes = {"search"}}},
        },
        CollectionSchema{
            .id = "sessions",
            .attributes = with({text("userId", 36, true), text("provider", 128), text("providerUid", 2048),
                                text("providerAccessToken", 16384), datetime("providerAccessTokenExpiry"),
                                text("providerRefreshToken", 16384), text("secretHash", 64, true),
                                text_array("factors", 32), datetime("expire"), datetime("mfaUpdatedAt")},
                               client_attributes()),
            .indexes = {unique_index("secretHash", {"secretHash"}), key_index("userId", {"userId"}),
                        key_index("provider", {"provider", "providerUid"})},
        },
        CollectionSchema{
            .id = "tokens",
            .attributes = with({text("userId", 36, true), integer("type", true), text("secretHash", 64, true),
                                datetime("expire"), text("phrase", 128)},
                               client_attributes()),
            .indexes = {key_index("userId", {"userId"}), key_index("secretHash", {"secretHash"})},
        },
        CollectionSchema{
            .id = "identities",
            .attributes = {text("userId", 36, true), text("provider", 128, true), text("providerUid", 2048),
                           text("providerEmail", 320), text("providerAccessToken", 16384),
                           datetime("providerAccessTokenExpiry"), text("providerRefreshToken", 16384),
                           text_array("scopes", 128), datetime("expire"), text("search", 16384)},
            // `search` ($id, userId, provider, providerUid, providerEmail) serves GET
            // /v1/users/identities?search= (Appwrite declares the param, but its identities have no
            // search attribute, so a search there ends in an error).
            .indexes = {unique_index("provider_providerUid", {"provider", "providerUid"}),
                        key_index("userId", {"userId"}), key_index("providerEmail", {"providerEmail"}),
                        Index{.key = "search", .type = IndexType::kFulltext, .attributes = {"search"}}},
        },
        CollectionSchema{
            .id = "teams",
            .attributes = {text("name", 128, true), integer("total"), text("prefs", 65535), text("search", 16384)},
            .indexes = {key_index("name", {"name"}), key_index("total", {"total"}),
                        Index{.key = "search", .type = IndexType::kFulltext, .attributes = {"search"}}},
            // Users read and change teams through the team's own permissions (team:T, team:T/owner).
            .document_security = true,
        },
        CollectionSchema{
            .id = "memberships",
            .attributes = {text("userId", 36, true), text("teamId", 36, true), text_array("roles", 128),
                           datetime("invited"), datetime("joined"), boolean("confirm"),
                           text("secretHash", 64), text("search", 16384)},
            .indexes = {unique_index("teamId_userId", {"teamId", "userId"}), key_index("userId", {"userId"}),
                        key_index("teamId", {"teamId"}),
                        Index{.key = "search", .type = IndexType::kFulltext, .attributes = {"search"}}},
            // A member may leave (delete its own membership), an owner may remove anyone.
            .document_security = true,
        },
        CollectionSchema{
            .id = "targets",
            .attributes = {text("userId", 36, true), text("providerType", 16, true), text("identifier", 2048, true),
                           text("providerId", 36), text("name", 128), boolean("expired")},
            .indexes = {unique_index("identifier", {"identifier"}), key_index("userId", {"userId"})},
        },
        CollectionSchema{
            .id = "authenticators",
            .attributes = {text("userId", 36, true), text("type", 16, true), boolean("verified"),
                           text("data", 65535)},
            .indexes = {unique_index("userId_type", {"userId", "type"})},
        },
        CollectionSchema{
            .id = "challenges",
            .attributes = {text("userId", 36, true), text("type", 16, true), text("codeHash", 64),
                           datetime("expire")},
            .indexes = {key_index("userId", {"userId"})},
        },
        // Appwrite's audit log, as far as the account and users logs show it.
        CollectionSchema{
            .id = "logs",
            .attributes = with({text("userId", 36), text("userEmail", 320), text("userName", 128),
                                text("userType", 32), text("event", 128, true), text("resource", 256),
                                text("mode", 16), datetime("time")},
                               client_attributes()),
            .indexes = {key_index("userId_time", {"userId", "time"}), key_index("resource_time", {"resource", "time"})},
        },
    };
    return schemas;
}

}  // namespace

std::span<const CollectionSchema> platform_collections() { return platform_schemas(); }

std::span<const CollectionSchema> project_collections() { return project_schemas(); }

}  // namespace basalt::platform
