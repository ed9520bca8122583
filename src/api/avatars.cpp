// Avatars (Appwrite 1.9.6 src/Appwrite/Platform/Modules/Avatars): parameters, ranges and
// headers of each route; the pictures come from src/avatars.
#include "avatars/avatars.hpp"

#include <fmt/format.h>

#include <optional>
#include <string>

#include "api/params.hpp"
#include "api/services.hpp"
#include "avatars/initials.hpp"
#include "core/error.hpp"
#include "core/json_fields.hpp"
#include "core/net.hpp"

namespace basalt::api {
namespace {

using avatars::IconSet;
using http::Method;

// Cache-Control of Appwrite's avatars: 30 days for icons and remote pictures, 45 days for the
// generated initials and QR codes.
constexpr std::string_view kCache30Days = "private, max-age=2592000";
constexpr std::string_view kCache45Days = "private, max-age=3888000";

http::Response picture(avatars::Picture picture, std::string_view cache_control) {
    http::Response response;
    response.status = 200;
    response.content_type = std::move(picture.content_type);
    response.body = std::move(picture.bytes);
    response.headers.add("Cache-Control", std::string(cache_control));
    return response;
}

// The `code` path param: one of the set's codes in any case (Appwrite's non-strict WhiteList).
std::string code_param(Context& ctx, IconSet set) {
    std::string code(ctx.request.path_param("code"));
    for (auto& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (avatars::find_icon(set, code)) return code;
    std::string codes;
    for (const auto& icon : avatars::icons(set))
        codes += (codes.empty() ? "" : ", ") + std::string(icon.code);
    throw Error(ErrorType::kGeneralArgumentInvalid,
                fmt::format("Invalid `code` param: Value must be one of ({})", codes));
}

avatars::Size size_params(Context& ctx, int fallback) {
    return {static_cast<int>(param::integer(ctx, "width", fallback, 0, 2000)),
            static_cast<int>(param::integer(ctx, "height", fallback, 0, 2000))};
}

// Appwrite's URL validator with the schemes http and https.
std::string url_param(Context& ctx) {
    auto url = param::string(ctx, "url", 2048);
    const auto colon = url.find("://");
    const auto scheme = colon == std::string::npos ? std::string() : url.substr(0, colon);
    if (!net::is_absolute_url(url) || (scheme != "http" && scheme != "https")) {
        throw Error(
            ErrorType::kGeneralArgumentInvalid,
            "Invalid `url` param: Value must be a valid URL with following schemes (http, https)");
    }
    return url;
}

class AvatarEndpoints {
public:
    explicit AvatarEndpoints(const avatars::Avatars& avatars) : avatars_(avatars) {}

    http::Response browser(Context& ctx) { return icon(ctx, IconSet::kBrowsers); }
    http::Response credit_card(Context& ctx) { return icon(ctx, IconSet::kCreditCards); }
    http::Response flag(Context& ctx) { return icon(ctx, IconSet::kFlags); }

    http::Response image(Context& ctx) {
        const auto url = url_param(ctx);
        const auto size = size_params(ctx, 400);
        return picture(avatars_.image(url, size), kCache30Days);
    }

    http::Response favicon(Context& ctx) {
        return picture(avatars_.favicon(url_param(ctx)), kCache30Days);
    }

    http::Response initials(Context& ctx) {
        auto name = param::optional_string(ctx, "name", 128);
        const auto size = size_params(ctx, 500);
        const auto background_text = param::optional_string(ctx, "background", 2048);
        std::optional<avatars::Rgb> background;
        if (!background_text.empty()) {
            background = avatars::parse_hex_colour(background_text);
            if (!background) {
                throw Error(ErrorType::kGeneralArgumentInvalid,
                            "Invalid `background` param: Value must be a valid Hex color code");
            }
        }
        // No name: the signed-in user's name, else email (as Appwrite).
        if (name.empty() && ctx.caller.is_user()) {
            const auto& data = ctx.caller.user->data;
            name = text_of(data, "name");
            if (name.empty()) name = text_of(data, "email");
        }
        return picture(avatars_.initials(name, size, background), kCache45Days);
    }

    http::Response qr(Context& ctx) {
        const auto text = param::string(ctx, "text", 512);
        const auto size = static_cast<int>(param::integer(ctx, "size", 400, 1, 1000));
        const auto margin = static_cast<int>(param::integer(ctx, "margin", 1, 0, 10));
        const bool download = param::boolean(ctx, "download", false);
        auto response = picture(avatars_.qr(text, size, margin), kCache45Days);
        if (download)
            response.headers.add("Content-Disposition", "attachment; filename=\"qr.png\"");
        return response;
    }

private:
    http::Response icon(Context& ctx, IconSet set) {
        const auto code = code_param(ctx, set);
        const auto size = size_params(ctx, 100);
        const auto quality = static_cast<int>(param::integer(ctx, "quality", -1, -1, 100));
        return picture(avatars_.icon(set, code, size, quality), kCache30Days);
    }

    const avatars::Avatars& avatars_;
};

}  // namespace

void add_avatars_endpoints(Api& api, const avatars::Avatars& avatars) {
    using E = AvatarEndpoints;
    Routes<E> route(api, std::make_shared<E>(avatars));
    route(Method::kGet, "/v1/avatars/browsers/{code}", "avatars.read", &E::browser);
    route(Method::kGet, "/v1/avatars/credit-cards/{code}", "avatars.read", &E::credit_card);
    route(Method::kGet, "/v1/avatars/flags/{code}", "avatars.read", &E::flag);
    route(Method::kGet, "/v1/avatars/image", "avatars.read", &E::image);
    route(Method::kGet, "/v1/avatars/favicon", "avatars.read", &E::favicon);
    route(Method::kGet, "/v1/avatars/initials", "avatars.read", &E::initials);
    route(Method::kGet, "/v1/avatars/qr", "avatars.read", &E::qr);
}

}  // namespace basalt::api
