// Reading providers' JSON answers by the paths of the provider table (see UserFields in
// provider.hpp for the syntax).
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace basalt::auth::oauth2 {

// The value at `path` ("" is `root` itself), or null when any step is missing.
const boost::json::value* find_path(const boost::json::value& root, std::string_view path);

// A string value as is, a number in decimal ("123", as ids are often numbers); "" for anything
// else or nothing.
std::string scalar_text(const boost::json::value& value);
std::string text_at(const boost::json::value& root, std::string_view path);

// Truth as providers spell it: true, a number above 0, a string other than "", "0" and "false"
// (GitLab's confirmed_at date, Apple's "true"). Null, objects and arrays are false.
bool is_true(const boost::json::value& value);
bool flag_at(const boost::json::value& root, std::string_view path);

// A name by a spec of '|'-separated alternatives of '+'-joined paths: the first alternative
// whose parts are not all empty, its non-empty parts joined by one space.
std::string name_at(const boost::json::value& root, std::string_view spec);

}  // namespace basalt::auth::oauth2
