// Internal: a collection as the engine caches it (schema plus derived SQL names and roles).
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "db/authorization.hpp"
#include "db/permission.hpp"
#include "db/schema.hpp"

namespace basalt::db {

struct CollectionInfo {
    std::shared_ptr<const CollectionSchema> schema;
    std::string table;        // qualified and quoted, e.g. "p_x"."users"
    std::string perms_table;  // the document-permission side table
    // Collection-level roles per permission type (read, create, update, delete).
    std::array<std::vector<std::string>, 4> roles;
    // Hot-path SQL precomputed once per schema version.
    std::vector<const Attribute*> attributes;  // every attribute, schema order
    std::string columns;                       // t."_id", t."_uid", ..., then attributes
    std::string select_by_uid;                 // SELECT <columns> FROM <table> AS t WHERE _uid = ?
    bool spatial = true;  // the backend evaluates spatial queries (see Backend::supports_spatial)

    // True when the caller may act on the whole collection with `type`.
    bool allows(PermissionType type, const Authorization& auth) const;
};

// True when one of `granted` is among `auth.roles` (or auth.skip).
bool holds_any(const std::vector<std::string>& granted, const Authorization& auth);

// Index of a permission type in CollectionInfo::roles (write is never stored).
constexpr std::size_t role_slot(PermissionType type) noexcept {
    return type == PermissionType::kRead     ? 0
           : type == PermissionType::kCreate ? 1
           : type == PermissionType::kUpdate ? 2
                                             : 3;
}

// How a queryable name maps to a column: attributes and the meta attributes
// $id, $sequence, $createdAt, $updatedAt.
struct ColumnRef {
    std::string column;  // quoted column name
    AttributeType type = AttributeType::kString;
    bool array = false;
    const Attribute* attribute = nullptr;  // nullptr for meta attributes
};

// nullopt-like: returns false when `key` names neither an attribute nor a meta attribute.
bool resolve_column(const CollectionSchema& schema, std::string_view key, ColumnRef& out);

}  // namespace basalt::db
