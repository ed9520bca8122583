// Typed access to request parameters with Appwrite's validation errors
// (Error(kGeneralArgumentInvalid) naming the parameter).
#pragma once

#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/context.hpp"
#include "core/error.hpp"

namespace basalt::api::param {

// A string of 1..max_length chars (0..max_length when allow_empty).
std::string string(Context& ctx, std::string_view name, std::size_t max_length = 2048,
                   bool allow_empty = false);

// An optional string of 0..max_length chars: `fallback` when absent or null.
std::string optional_string(Context& ctx, std::string_view name, std::size_t max_length = 2048,
                            std::string_view fallback = {});

// A custom ID ("unique()" generates one).
std::string id(Context& ctx, std::string_view name);

bool boolean(Context& ctx, std::string_view name, bool fallback);

// An integer within [min, max] (query-string digits are accepted).
std::int64_t integer(Context& ctx, std::string_view name, std::int64_t fallback,
                     std::int64_t min = INT64_MIN, std::int64_t max = INT64_MAX);

// An array of strings (GET: name[0]=...), at most max_items items of at most item_length chars.
std::vector<std::string> strings(Context& ctx, std::string_view name, bool required,
                                 std::size_t max_items = 100, std::size_t item_length = 4096);

// An ISO-8601 datetime or null; returns ms since epoch.
std::optional<std::int64_t> optional_datetime(Context& ctx, std::string_view name);

// The `queries` array of list endpoints (at most 100 entries of 4096 chars).
std::vector<std::string> queries(Context& ctx);

// An ID taken from the path: Error(kGeneralArgumentInvalid) unless it is a valid ID.
std::string_view path_id(Context& ctx, std::string_view name);

// Runs `list` (which parses and validates the `queries` param) and reports query errors as
// errors of that param, as Appwrite's validators do.
template <typename List>
auto with_queries(List&& list) -> decltype(list()) {
    try {
        return list();
    } catch (const Error& e) {
        if (e.type() != ErrorType::kGeneralQueryInvalid) throw;
        throw Error(ErrorType::kGeneralArgumentInvalid, std::string("Invalid `queries` param: ") + e.what());
    }
}

}  // namespace basalt::api::param
