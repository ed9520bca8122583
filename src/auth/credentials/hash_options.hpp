// Reading values out of a stored `hashOptions` object (private to credentials).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string_view>

namespace basalt::auth::detail {

// An integer option: `fallback` when the key is absent, nullopt when present but not an integer
// (an integral JSON number; Appwrite's options are PHP ints).
std::optional<std::int64_t> int_option(const boost::json::object& options, std::string_view key,
                                       std::int64_t fallback);

// A string option: `fallback` when the key is absent, nullopt when present but not a string.
std::optional<std::string_view> string_option(const boost::json::object& options,
                                              std::string_view key, std::string_view fallback);

}  // namespace basalt::auth::detail
