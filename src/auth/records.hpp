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

#include "db/document.hpp"

namespace basalt::auth {

std::string text_of(const boost::json::object& data, std::string_view key);
bool bool_of(const boost::json::object& data, std::string_view key);
std::int64_t int_of(const boost::json::object& data, std::string_view key);
std::vector<std::string> strings_of(const boost::json::object& data, std::string_view key);
// An ISO datetime attribute as ms since epoch; nullopt when null or unparsable.
std::optional<std::int64_t> time_of(const boost::json::object& data, std::string_view key);
// A JSON-text attribute (prefs, hashOptions) as an object; {} when null or not an object.
boost::json::object object_of(const boost::json::object& data, std::string_view key);

// A user whose email or phone is verified.
bool is_verified(const db::Document& user);

// `items` as a JSON array of strings (for array attributes).
boost::json::array string_array(const std::vector<std::string>& items);

// read, update and delete for "user:ID": what a user's own records (sessions, tokens,
// targets, challenges) carry.
std::vector<std::string> owner_permissions(std::string_view user_id);

// The user's password history with `hash` added, the oldest dropped beyond `keep` entries.
boost::json::array password_history_with(const db::Document& user, std::string_view hash, std::int64_t keep);

}  // namespace basalt::auth
