#include "api/params.hpp"

#include <charconv>
#include <fmt/format.h>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"

namespace basalt::api::param {
namespace {

const boost::json::value* find(Context& ctx, std::string_view name) {
    const auto& params = ctx.params();
    const auto it = params.find(name);
    if (it == params.end() || it->value().is_null()) return nullptr;
    return &it->value();
}

[[noreturn]] void missing(std::string_view name) {
    throw Error(ErrorType::kGeneralArgumentInvalid, fmt::format("Param \"{}\" is not optional.", name));
}

[[noreturn]] void invalid(std::string_view name, std::string_view rule) {
    throw Error(ErrorType::kGeneralArgumentInvalid, fmt::format("Invalid `{}` param: {}", name, rule));
}

std::string text_rule(std::size_t max_length, bool allow_empty) {
    return fmt::format("Value must be a valid string and at least {} chars and no longer than {} chars",
                       allow_empty ? 0 : 1, max_length);
}

std::string check_text(const boost::json::value& value, std::string_view name,
                       std::size_t max_length, bool allow_empty) {
    if (!value.is_string()) invalid(name, text_rule(max_length, allow_empty));
    const auto& s = value.get_string();
    if (s.size() > max_length || (!allow_empty && s.empty())) invalid(name, text_rule(max_length, allow_empty));
    return std::string(s);
}

}  // namespace

std::string string(Context& ctx, std::string_view name, std::size_t max_length, bool allow_empty) {
    const auto* value = find(ctx, name);
    if (!value) missing(name);
    return check_text(*value, name, max_length, allow_empty);
}

std::string optional_string(Context& ctx, std::string_view name, std::size_t max_length, std::string_view fallback) {
    const auto* value = find(ctx, name);
    if (!value || value->is_null()) return std::string(fallback);
    return check_text(*value, name, max_length, true);
}

std::string id(Context& ctx, std::string_view name) {
    const auto* value = find(ctx, name);
    if (!value) missing(name);
    if (!value->is_string()) {
        invalid(name, ids::kRule);
    }
    return ids::resolve(value->get_string(), name);
}

bool boolean(Context& ctx, std::string_view name, bool fallback) {
    const auto* value = find(ctx, name);
    if (!value) return fallback;
    if (value->is_bool()) return value->get_bool();
    if (value->is_string()) {
        const auto& s = value->get_string();
        if (s == "true" || s == "1") return true;
        if (s == "false" || s == "0") return false;
    }
    if (value->is_int64()) {
        if (value->get_int64() == 1) return true;
        if (value->get_int64() == 0) return false;
    }
    invalid(name, "Value must be a valid boolean");
}

std::int64_t integer(Context& ctx, std::string_view name, std::int64_t fallback, std::int64_t min,
                     std::int64_t max) {
    const auto* value = find(ctx, name);
    if (!value) return fallback;
    std::int64_t number = 0;
    bool ok = false;
    if (value->is_int64()) {
        number = value->get_int64();
        ok = true;
    } else if (value->is_uint64() && value->get_uint64() <= INT64_MAX) {
        number = static_cast<std::int64_t>(value->get_uint64());
        ok = true;
    } else if (value->is_string()) {
        const auto& s = value->get_string();
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), number);
        ok = ec == std::errc{} && end == s.data() + s.size() && !s.empty();
    }
    if (!ok || number < min || number > max) {
        invalid(name, min == INT64_MIN ? std::string("Value must be a valid integer")
                                       : fmt::format("Value must be a valid range between {} and {}", min, max));
    }
    return number;
}

std::vector<std::string> strings(Context& ctx, std::string_view name, bool required,
                                 std::size_t max_items, std::size_t item_length) {
    const auto* value = find(ctx, name);
    if (!value) {
        if (required) missing(name);
        return {};
    }
    const auto rule = fmt::format("Value must a valid array no longer than {} items and {}",
                                  max_items, text_rule(item_length, false));
    if (!value->is_array() || value->get_array().size() > max_items) invalid(name, rule);
    std::vector<std::string> out;
    out.reserve(value->get_array().size());
    for (const auto& item : value->get_array()) {
        if (!item.is_string() || item.get_string().empty() || item.get_string().size() > item_length) {
            invalid(name, rule);
        }
        out.emplace_back(item.get_string());
    }
    return out;
}

std::optional<std::int64_t> optional_datetime(Context& ctx, std::string_view name) {
    const auto* value = find(ctx, name);
    if (!value) return std::nullopt;
    if (value->is_string()) {
        if (value->get_string().empty()) return std::nullopt;
        if (auto ms = time::parse_iso(value->get_string())) return ms;
    }
    invalid(name, "Value must be valid date in ISO 8601 format.");
}

std::vector<std::string> queries(Context& ctx) { return strings(ctx, "queries", false, 100, 4096); }

}  // namespace basalt::api::param

namespace basalt::api::param {

std::string_view path_id(Context& ctx, std::string_view name) {
    const auto id = ctx.request.path_param(name);
    if (!ids::is_valid(id)) {
        invalid(name, "UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, "
                      "hyphen, and underscore. Can't start with a special char");
    }
    return id;
}

}  // namespace basalt::api::param
