#include "auth/credentials/hash_options.hpp"

#include <cmath>
#include <limits>

namespace basalt::auth::detail {

std::optional<std::int64_t> int_option(const boost::json::object& options, std::string_view key,
                                       std::int64_t fallback) {
    const auto* value = options.if_contains(key);
    if (value == nullptr) return fallback;
    if (value->is_int64()) return value->get_int64();
    if (value->is_uint64()) {
        if (value->get_uint64() >
            static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return std::nullopt;
        }
        return static_cast<std::int64_t>(value->get_uint64());
    }
    if (value->is_double()) {
        // A JSON number such as 8.0 may come back from a store as a double.
        const double d = value->get_double();
        if (std::trunc(d) != d || std::abs(d) > 9.0e15) return std::nullopt;
        return static_cast<std::int64_t>(d);
    }
    return std::nullopt;
}

std::optional<std::string_view> string_option(const boost::json::object& options,
                                              std::string_view key, std::string_view fallback) {
    const auto* value = options.if_contains(key);
    if (value == nullptr) return fallback;
    if (!value->is_string()) return std::nullopt;
    return std::string_view(value->get_string());
}

}  // namespace basalt::auth::detail
