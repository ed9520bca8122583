// Reading the auth module's internal documents (users, sessions, tokens...): typed accessors
// over db::Document data, so the rest of the module does not repeat JSON plumbing.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_fields.hpp"
#include "db/document.hpp"

namespace basalt::auth {

using basalt::bool_of;
using basalt::int_of;
using basalt::string_array;
using basalt::strings_of;
using basalt::text_of;
// An ISO datetime attribute as ms since epoch; nullopt when null or unparsable.
std::optional<std::int64_t> time_of(const boost::json::object& data, std::string_view key);
// A JSON-text attribute (prefs, hashOptions) as an object; {} when null or not an object.
boost::json::object object_of(const boost::json::object& data, std::string_view key);

// A user whose email or phone is verified.
bool is_verified(const db::Document& user);

// read, update and delete for "user:ID": what a user's own records (sessions, tokens,
// targets, challenges) carry.
std::vector<std::string> owner_permissions(std::string_view user_id);

// The user's password history with `hash` added, the oldest dropped beyond `keep` entries.
boost::json::array password_history_with(const db::Document& user, std::string_view hash, std::int64_t keep);

}  // namespace basalt::auth
