#include "api/project_settings_support.hpp"

#include <algorithm>

#include "api/params.hpp"
#include "db/query.hpp"

namespace basalt::api::project_settings {

namespace bj = boost::json;

const bj::value* given(Context& ctx, std::string_view name) {
    const auto* value = ctx.params().if_contains(name);
    return value && !value->is_null() ? value : nullptr;
}

void not_optional(std::string_view name) {
    throw Error(ErrorType::kGeneralArgumentInvalid,
                fmt::format("Param \"{}\" is not optional.", name));
}

void invalid(std::string_view name, std::string_view rule) {
    throw Error(ErrorType::kGeneralArgumentInvalid,
                fmt::format("Invalid `{}` param: {}", name, rule));
}

std::optional<std::string> nullable_text(Context& ctx, std::string_view name,
                                         std::size_t max_length, bool allow_empty) {
    if (!given(ctx, name)) return std::nullopt;
    return param::string(ctx, name, max_length, allow_empty);
}

std::optional<bool> nullable_bool(Context& ctx, std::string_view name) {
    if (!given(ctx, name)) return std::nullopt;
    return param::boolean(ctx, name, false);
}

bool required_bool(Context& ctx, std::string_view name) {
    if (!given(ctx, name)) not_optional(name);
    return param::boolean(ctx, name, false);
}

std::optional<std::int64_t> required_nullable_integer(Context& ctx, std::string_view name,
                                                      std::int64_t min, std::int64_t max) {
    const auto* value = ctx.params().if_contains(name);
    if (!value) not_optional(name);
    if (value->is_null()) return std::nullopt;
    return param::integer(ctx, name, 0, min, max);
}

std::optional<std::string> nullable_email(Context& ctx, std::string_view name) {
    const auto* value = given(ctx, name);
    if (!value) return std::nullopt;
    if (value->is_string() && value->get_string().empty()) return std::string();
    return param::email(ctx, name);
}

// Basalt does not resolve host names here, and no library at hand validates the bare hostname
// form: a syntax check is what is left.
bool is_hostname(std::string_view host) {
    if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-')
        return false;
    return std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '.';
    });
}

Slice list_slice(Context& ctx) {
    const auto texts = param::queries(ctx);
    Slice slice;
    slice.with_total = param::boolean(ctx, "total", true);
    param::with_queries([&] {
        for (const auto& query : db::parse_queries(texts)) {
            if (query.method != db::QueryMethod::kLimit &&
                query.method != db::QueryMethod::kOffset) {
                throw Error(ErrorType::kGeneralQueryInvalid,
                            fmt::format("Invalid query: Query method not valid: {}",
                                        db::method_name(query.method)));
            }
            // parse_queries checked that limit and offset carry one non-negative integer.
            const auto n = static_cast<std::size_t>(query.values.at(0).to_number<std::int64_t>());
            if (query.method == db::QueryMethod::kLimit) {
                slice.limit = n;
            } else {
                slice.offset = n;
            }
        }
        return 0;
    });
    return slice;
}

}  // namespace basalt::api::project_settings
