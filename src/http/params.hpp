// Request parameters as Appwrite reads them.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace basalt::http {

// Decodes %XX escapes (and '+' as a space when asked); nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space);

// Parses a query string (or an x-www-form-urlencoded body) into an object, PHP-style:
// "a=1&list[0]=x&list[1]=y&list[]=z&map[k]=v" -> {"a":"1","list":["x","y","z"],"map":{"k":"v"}}.
// Values stay strings; keys and values are percent-decoded ('+' is a space). Never throws on
// malformed input: undecodable pairs are skipped.
boost::json::object parse_query_string(std::string_view query);

}  // namespace basalt::http
