#include "db/collection.hpp"

#include <algorithm>

#include "db/dialect.hpp"

namespace basalt::db {

bool holds_any(const std::vector<std::string>& granted, const Authorization& auth) {
    if (auth.skip) return true;
    return std::any_of(granted.begin(), granted.end(), [&](const std::string& role) {
        return std::find(auth.roles.begin(), auth.roles.end(), role) != auth.roles.end();
    });
}

bool CollectionInfo::allows(PermissionType type, const Authorization& auth) const {
    return holds_any(roles[role_slot(type)], auth);
}

bool resolve_column(const CollectionSchema& schema, std::string_view key, ColumnRef& out) {
    struct Meta {
        std::string_view key;
        std::string_view column;
        AttributeType type;
    };
    static constexpr Meta kMeta[] = {
        {"$id", "\"_uid\"", AttributeType::kString},
        {"$sequence", "\"_id\"", AttributeType::kInteger},
        {"$createdAt", "\"_createdAt\"", AttributeType::kDatetime},
        {"$updatedAt", "\"_updatedAt\"", AttributeType::kDatetime},
    };
    for (const auto& m : kMeta) {
        if (m.key == key) {
            out = ColumnRef{std::string{m.column}, m.type, false, nullptr};
            return true;
        }
    }
    const Attribute* a = schema.attribute(key);
    if (a == nullptr) return false;
    out = ColumnRef{quote(a->key), a->type, a->array, a};
    return true;
}

}  // namespace basalt::db
