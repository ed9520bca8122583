// Private to the /v1/project/* settings endpoints (project_auth.cpp and the project_*.cpp files
// beside it): Appwrite's nullable params, the limit/offset lists over settings, the project
// model every settings write answers with, and each file's registration function.
//
// None of it keeps state: each function works on the request's Context or on values.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/services.hpp"
#include "core/error.hpp"
#include "platform/project.hpp"

namespace basalt::api::project_settings {

// Appwrite's APP_LIMIT_COUNT: the most mock numbers per project, and the top of the limit policies.
inline constexpr std::int64_t kLimitCount = 5000;

// Registration, one function per file (project_auth.cpp calls them all).
void add_auth_method_endpoints(Api& api, const AuthServices& services);      // project_auth_methods
void add_policy_endpoints(Api& api, const AuthServices& services);           // project_auth_methods
void add_mock_phone_endpoints(Api& api, const AuthServices& services);       // project_mock_phones
void add_smtp_endpoints(Api& api, const AuthServices& services);             // project_smtp
void add_template_endpoints(Api& api, const AuthServices& services);         // project_templates
void add_oauth2_settings_endpoints(Api& api, const AuthServices& services);  // project_oauth2

// ---------------------------------------------------------------------------------------------
// Parameters: Appwrite's nullable params (null or absent = keep the stored value). Each throws
// Error(kGeneralArgumentInvalid) for a value of the wrong shape.

// The param `name` when it is present and not null, else nullptr.
const boost::json::value* given(Context& ctx, std::string_view name);

// Throw Error(kGeneralArgumentInvalid) with Appwrite's wording.
[[noreturn]] void not_optional(std::string_view name);
[[noreturn]] void invalid(std::string_view name, std::string_view rule);

std::optional<std::string> nullable_text(Context& ctx, std::string_view name,
                                         std::size_t max_length, bool allow_empty = true);
std::optional<bool> nullable_bool(Context& ctx, std::string_view name);
bool required_bool(Context& ctx, std::string_view name);
// A required param that may be null (Appwrite's Nullable validator without a default).
std::optional<std::int64_t> required_nullable_integer(Context& ctx, std::string_view name,
                                                      std::int64_t min, std::int64_t max);
// An email address, or "" to clear the stored one.
std::optional<std::string> nullable_email(Context& ctx, std::string_view name);

// A light syntax check for host names and IP addresses (letters, digits, '-', '.').
bool is_hostname(std::string_view host);

// `value` of param `name` when it is one of `allowed` (Appwrite's WhiteList validator); throws
// Error(kGeneralArgumentInvalid) listing the allowed values otherwise.
template <typename Names>
std::string one_of(std::string_view name, const Names& allowed, std::string_view value) {
    for (const auto& candidate : allowed) {
        if (candidate == value) return std::string(value);
    }
    std::string list;
    for (const auto& candidate : allowed)
        list += (list.empty() ? "" : ", ") + std::string(candidate);
    invalid(name, fmt::format("Value must be one of ({})", list));
}

// ---------------------------------------------------------------------------------------------
// Lists over settings.

// limit/offset of the list endpoints over settings (Appwrite allows no other query there).
struct Slice {
    std::size_t offset = 0;
    std::optional<std::size_t> limit;  // none: everything
    bool with_total = true;
};

// The request's `queries` and `total`; throws Error(kGeneralQueryInvalid) for other queries.
Slice list_slice(Context& ctx);

// {"total": n, field: [render(item) for the items in the slice]}.
template <typename Item, typename Render>
boost::json::object list_model(std::string_view field, const std::vector<Item>& items,
                               const Slice& slice, Render render) {
    boost::json::array out;
    const auto end =
        slice.limit ? std::min(items.size(), slice.offset + *slice.limit) : items.size();
    for (auto i = slice.offset; i < end; ++i) out.push_back(render(items[i]));
    return boost::json::object{
        {"total", slice.with_total ? static_cast<std::int64_t>(items.size()) : 0},
        {field, std::move(out)}};
}

// ---------------------------------------------------------------------------------------------
// Models (project_model.cpp).

// The response format (X-Appwrite-Response-Format as a number) from which Appwrite answers
// with its 1.9.5 Project model.
inline constexpr int kFormatProjectModel = 10905;

boost::json::object mock_number_model(const platform::MockNumber& number);

// The project model for the caller's response format (see project_auth.cpp).
boost::json::object project_model(const Context& ctx, const platform::Project& project);

// Applies `change` to the stored settings in one step and answers with the project model.
http::Response update_project(Context& ctx, const AuthServices& services,
                              const std::function<void(platform::ProjectSettings&)>& change);

}  // namespace basalt::api::project_settings
