// Permission strings: read("any"), create("users"), update("user:ID"), delete("team:T/owner"),
// write("...") (shorthand for create+update+delete, expanded on save).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace basalt::db {

enum class PermissionType { kRead, kCreate, kUpdate, kDelete, kWrite };

struct Permission {
    PermissionType type = PermissionType::kRead;
    std::string role;  // canonical role text, e.g. "team:T/owner"

    std::string to_string() const;  // read("any")
};

std::string_view to_string(PermissionType type) noexcept;

// Parses `read("role")`. nullopt when the text is not a well-formed permission with a valid role.
std::optional<Permission> parse_permission(std::string_view text);

// True for any, guests, users, users/verified, users/unverified, user:ID, user:ID/verified,
// user:ID/unverified, team:ID, team:ID/ROLE, member:ID, label:NAME.
bool is_valid_role(std::string_view role) noexcept;

// Which permission types a list may hold once normalised.
enum class PermissionScope {
    kCollection,  // read, create, update, delete (write -> create, update, delete)
    kDocument,    // read, update, delete (write -> update, delete)
};

// Parses, validates, expands write and removes duplicates, keeping first-seen order.
// Throws Error(kGeneralArgumentInvalid) naming the offending string on a bad permission or
// a type not allowed in `scope`.
std::vector<std::string> normalize_permissions(const std::vector<std::string>& permissions,
                                               PermissionScope scope);

// Same, returning parsed entries.
std::vector<Permission> parse_permissions(const std::vector<std::string>& permissions,
                                          PermissionScope scope);

}  // namespace basalt::db
