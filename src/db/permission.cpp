#include "db/permission.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "core/error.hpp"
#include "core/ids.hpp"

namespace basalt::db {
namespace {

constexpr std::array<std::pair<std::string_view, PermissionType>, 5> kTypes{{
    {"read", PermissionType::kRead},
    {"create", PermissionType::kCreate},
    {"update", PermissionType::kUpdate},
    {"delete", PermissionType::kDelete},
    {"write", PermissionType::kWrite},
}};

bool is_label(std::string_view text) noexcept {
    return !text.empty() && text.size() <= ids::kMaxLength &&
           std::all_of(text.begin(), text.end(),
                       [](unsigned char c) { return std::isalnum(c) != 0; });
}

bool is_verification(std::string_view text) noexcept {
    return text == "verified" || text == "unverified";
}

// "name:ID" or "name:ID/DIMENSION"; checks the ID and hands the dimension to `dimension_ok`.
template <typename DimensionCheck>
bool is_identified(std::string_view rest, DimensionCheck dimension_ok) noexcept {
    auto slash = rest.find('/');
    if (slash == std::string_view::npos) {
        return ids::is_valid(rest);
    }
    return ids::is_valid(rest.substr(0, slash)) && dimension_ok(rest.substr(slash + 1));
}

bool allowed_in(PermissionType type, PermissionScope scope) noexcept {
    return scope == PermissionScope::kCollection || type != PermissionType::kCreate;
}

}  // namespace

std::string_view to_string(PermissionType type) noexcept {
    for (const auto& [name, value] : kTypes) {
        if (value == type) {
            return name;
        }
    }
    return "read";
}

std::string Permission::to_string() const {
    std::string out{db::to_string(type)};
    out += "(\"";
    out += role;
    out += "\")";
    return out;
}

bool is_valid_role(std::string_view role) noexcept {
    if (role == "any" || role == "guests" || role == "users" || role == "users/verified" ||
        role == "users/unverified") {
        return true;
    }
    auto colon = role.find(':');
    if (colon == std::string_view::npos) {
        return false;
    }
    auto name = role.substr(0, colon);
    auto rest = role.substr(colon + 1);
    if (name == "user") {
        return is_identified(rest, is_verification);
    }
    if (name == "team") {
        return is_identified(rest, [](std::string_view d) { return ids::is_valid(d); });
    }
    if (name == "member") {
        return ids::is_valid(rest);
    }
    if (name == "label") {
        return is_label(rest);
    }
    return false;
}

std::optional<Permission> parse_permission(std::string_view text) {
    auto open = text.find("(\"");
    if (open == std::string_view::npos || text.size() < open + 4 || !text.ends_with("\")")) {
        return std::nullopt;
    }
    auto name = text.substr(0, open);
    auto role = text.substr(open + 2, text.size() - open - 4);
    auto it = std::find_if(kTypes.begin(), kTypes.end(),
                           [&](const auto& entry) { return entry.first == name; });
    if (it == kTypes.end() || !is_valid_role(role)) {
        return std::nullopt;
    }
    return Permission{it->second, std::string{role}};
}

std::vector<Permission> parse_permissions(const std::vector<std::string>& permissions,
                                          PermissionScope scope) {
    std::vector<Permission> out;
    auto add = [&out](PermissionType type, const std::string& role) {
        auto same = [&](const Permission& p) { return p.type == type && p.role == role; };
        if (std::none_of(out.begin(), out.end(), same)) {
            out.push_back(Permission{type, role});
        }
    };
    for (const auto& text : permissions) {
        auto parsed = parse_permission(text);
        if (!parsed) {
            throw Error(ErrorType::kGeneralArgumentInvalid,
                        "Invalid permissions param: Permission \"" + text + "\" is not valid.");
        }
        if (!allowed_in(parsed->type, scope)) {
            throw Error(ErrorType::kGeneralArgumentInvalid,
                        "Invalid permissions param: Permission \"" + text +
                            "\" is not allowed. Must be one of: read, update, delete, write.");
        }
        if (parsed->type != PermissionType::kWrite) {
            add(parsed->type, parsed->role);
            continue;
        }
        if (scope == PermissionScope::kCollection) {
            add(PermissionType::kCreate, parsed->role);
        }
        add(PermissionType::kUpdate, parsed->role);
        add(PermissionType::kDelete, parsed->role);
    }
    return out;
}

std::vector<std::string> normalize_permissions(const std::vector<std::string>& permissions,
                                               PermissionScope scope) {
    std::vector<std::string> out;
    for (const auto& p : parse_permissions(permissions, scope)) {
        out.push_back(p.to_string());
    }
    return out;
}

}  // namespace basalt::db
