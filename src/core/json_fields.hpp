// Typed reads of JSON object fields (document data, stored JSON): the fallback when a field
// is absent or of another type, so callers do not repeat JSON plumbing.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace basalt {

std::string text_of(const boost::json::object& data, std::string_view key);
bool bool_of(const boost::json::object& data, std::string_view key);
std::int64_t int_of(const boost::json::object& data, std::string_view key);
std::vector<std::string> strings_of(const boost::json::object& data, std::string_view key);

// `items` as a JSON array of strings.
boost::json::array string_array(const std::vector<std::string>& items);

}  // namespace basalt
