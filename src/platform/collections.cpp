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

const std::vector<CollectionSchema>& platform_schemas() {
    static const std::vector<CollectionSchema> schemas = {
        CollectionSchema{
            .id = "projects",
            .attributes = {text("name", 128, true)},
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
    };
    return schemas;
}

}  // namespace

std::span<const CollectionSchema> platform_collections() { return platform_schemas(); }

std::span<const CollectionSchema> project_collections() { return project_schemas(); }

}  // namespace basalt::platform
