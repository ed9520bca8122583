// /v1/project/mock-phones: phone numbers that sign in with a fixed code and never get a text
// message (for tests and app store reviews).
#include <algorithm>

#include "api/params.hpp"
#include "api/project_settings_support.hpp"
#include "core/time.hpp"
#include "platform/directory.hpp"

namespace basalt::api::project_settings {
namespace {

using http::Method;
using platform::ProjectSettings;

std::string mock_otp(Context& ctx) {
    const auto otp = param::string(ctx, "otp", 6, true);
    if (otp.size() != 6 || otp.find_first_not_of("0123456789") != std::string::npos) {
        invalid("otp", "Value must be a valid string and exactly 6 digits");
    }
    return otp;
}

// The mock number `phone` in `numbers` (const or not), or Error(kMockNumberNotFound).
template <typename Numbers>
auto stored_number(Numbers& numbers, std::string_view phone) {
    const auto it = std::find_if(numbers.begin(), numbers.end(),
                                 [&](const auto& n) { return n.phone == phone; });
    if (it == numbers.end()) {
        throw Error(ErrorType::kMockNumberNotFound,
                    fmt::format("No mock number {} in this project.", phone));
    }
    return it;
}

}  // namespace

void add_mock_phone_endpoints(Api& api, const AuthServices& services) {
    api.add({Method::kGet, "/v1/project/mock-phones", "mocks.read", http::Execution::kBlocking,
             [](Context& ctx) {
                 const auto slice = list_slice(ctx);
                 return json(200, list_model("mockNumbers", ctx.require_project().auth.mock_numbers,
                                             slice, mock_number_model));
             }});
    api.add({Method::kPost, "/v1/project/mock-phones", "mocks.write", http::Execution::kBlocking,
             [services](Context& ctx) {
                 const auto phone = param::phone(ctx, "number");
                 const auto otp = mock_otp(ctx);
                 const auto now = time::now_ms();
                 services.directory.update_settings(ctx.require_project(), [&](ProjectSettings& s) {
                     auto& numbers = s.auth.mock_numbers;
                     if (numbers.size() >= static_cast<std::size_t>(kLimitCount)) {
                         throw Error(
                             ErrorType::kMockNumberLimitExceeded,
                             fmt::format("A project holds at most {} mock numbers.", kLimitCount));
                     }
                     if (std::any_of(numbers.begin(), numbers.end(),
                                     [&](const auto& n) { return n.phone == phone; })) {
                         throw Error(
                             ErrorType::kMockNumberAlreadyExists,
                             fmt::format("{} is a mock number already; update its code instead.",
                                         phone));
                     }
                     numbers.push_back(
                         {.phone = phone, .otp = otp, .created_at = now, .updated_at = now});
                 });
                 return json(
                     201, mock_number_model(
                              {.phone = phone, .otp = otp, .created_at = now, .updated_at = now}));
             }});
    api.add({Method::kGet, "/v1/project/mock-phones/{number}", "mocks.read",
             http::Execution::kBlocking, [](Context& ctx) {
                 const auto phone = param::phone(ctx, "number");
                 const auto& numbers = ctx.require_project().auth.mock_numbers;
                 return json(200, mock_number_model(*stored_number(numbers, phone)));
             }});
    api.add({Method::kPut, "/v1/project/mock-phones/{number}", "mocks.write",
             http::Execution::kBlocking, [services](Context& ctx) {
                 const auto phone = param::phone(ctx, "number");
                 const auto otp = mock_otp(ctx);
                 platform::MockNumber updated;
                 services.directory.update_settings(ctx.require_project(), [&](ProjectSettings& s) {
                     const auto number = stored_number(s.auth.mock_numbers, phone);
                     number->otp = otp;
                     number->updated_at = time::now_ms();
                     updated = *number;
                 });
                 return json(200, mock_number_model(updated));
             }});
    api.add({Method::kDelete, "/v1/project/mock-phones/{number}", "mocks.write",
             http::Execution::kBlocking, [services](Context& ctx) {
                 const auto phone = param::phone(ctx, "number");
                 services.directory.update_settings(ctx.require_project(), [&](ProjectSettings& s) {
                     s.auth.mock_numbers.erase(stored_number(s.auth.mock_numbers, phone));
                 });
                 return http::Response::no_content();
             }});
}

}  // namespace basalt::api::project_settings
