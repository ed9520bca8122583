// Scopes as data: what each kind of caller may do, and what an API key may be given.
#pragma once

#include <span>
#include <string_view>

namespace basalt::api {

// Scopes of a caller with no session and no key (Appwrite's "guests" role).
std::span<const std::string_view> guest_scopes() noexcept;

// Scopes of a signed-in user (Appwrite's "users" role).
std::span<const std::string_view> user_scopes() noexcept;

// Scopes every project API key has on top of its own ("applications" role).
std::span<const std::string_view> key_base_scopes() noexcept;

// Every scope a project API key may be created with (node-appwrite's ProjectKeyScopes enum).
std::span<const std::string_view> key_scopes() noexcept;

bool is_key_scope(std::string_view scope) noexcept;

}  // namespace basalt::api
