// GET /v1/storage/buckets/{bucketId}/files/{fileId}/preview: Appwrite's parameters and their
// validation errors; the rendering and the cache are storage::Previews.
#include <fmt/format.h>

#include <cmath>

#include "api/file_tokens.hpp"
#include "api/params.hpp"
#include "api/services.hpp"
#include "storage/previews.hpp"

namespace basalt::api {
namespace {

using http::Method;

// Appwrite's Cache-Control for a rendered preview (30 days), and for one served from its
// cache (the cache's 180-day TTL).
constexpr std::string_view kRenderedCacheControl = "private, max-age=2592000";
constexpr std::string_view kCachedCacheControl = "private, max-age=15552000";

[[noreturn]] void invalid(std::string_view name, std::string_view rule) {
    throw Error(ErrorType::kGeneralArgumentInvalid,
                fmt::format("Invalid `{}` param: {}", name, rule));
}

std::string one_of(Context& ctx, std::string_view name, std::span<const std::string_view> allowed,
                   std::string_view fallback) {
    // An empty value is the default, as Appwrite's router treats it.
    auto value = param::optional_string(ctx, name, 64, fallback);
    if (value.empty()) return std::string(fallback);
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
        std::string list;
        for (const auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        invalid(name, fmt::format("Value must be one of ({})", list));
    }
    return value;
}

std::string hex_color(Context& ctx, std::string_view name) {
    auto value = param::optional_string(ctx, name, 64);
    if (!value.empty() && !storage::is_hex_color(value))
        invalid(name, "Value must be a valid Hex color code");
    return value;
}

// A number in [0, 1] (Appwrite's float Range); query strings carry it as text.
double opacity(Context& ctx) {
    const auto* value = ctx.params().if_contains("opacity");
    if (!value || value->is_null()) return 1;
    double number = NAN;
    if (value->is_number()) {
        number = value->to_number<double>();
    } else if (value->is_string() && !value->get_string().empty()) {
        const std::string text(value->get_string());
        char* end = nullptr;
        number = std::strtod(text.c_str(), &end);
        if (end != text.c_str() + text.size()) number = NAN;
    }
    if (!(number >= 0 && number <= 1))
        invalid("opacity", "Value must be a valid range between 0 and 1");
    return number;
}

storage::PreviewParams params_of(Context& ctx) {
    static const auto kOutputs = [] {
        std::vector<std::string_view> names;
        for (const auto& f : media::output_formats()) names.push_back(f.name);
        return names;
    }();
    storage::PreviewParams p;
    p.width = static_cast<int>(param::integer(ctx, "width", 0, 0, 4000));
    p.height = static_cast<int>(param::integer(ctx, "height", 0, 0, 4000));
    p.gravity = one_of(ctx, "gravity", storage::preview_gravities(), "center");
    p.quality = static_cast<int>(param::integer(ctx, "quality", -1, -1, 100));
    p.border_width = static_cast<int>(param::integer(ctx, "borderWidth", 0, 0, 100));
    p.border_color = hex_color(ctx, "borderColor");
    p.border_radius = static_cast<int>(param::integer(ctx, "borderRadius", 0, 0, 4000));
    p.opacity = opacity(ctx);
    p.rotation = static_cast<int>(param::integer(ctx, "rotation", 0, -360, 360));
    p.background = hex_color(ctx, "background");
    p.output = one_of(ctx, "output", kOutputs, "");
    return p;
}

class PreviewEndpoints {
public:
    PreviewEndpoints(storage::Previews& previews, std::shared_ptr<storage::FileTokens> tokens)
        : previews_(previews), tokens_(std::move(tokens)) {}

    http::Response preview(Context& ctx) {
        auto params = params_of(ctx);
        const auto grant = file_grant(ctx, *tokens_);
        const auto& project = ctx.require_project().id;
        const storage::Actor actor{
            .auth = ctx.caller.authorization(),
            .user_id = ctx.caller.is_user() ? ctx.caller.user->id : std::string()};
        // On an I/O thread (SQLite) only a cached preview is served; a render goes to the workers.
        auto result = previews_.preview(project, param::path_id(ctx, "bucketId"), actor,
                                        param::path_id(ctx, "fileId"), std::move(params),
                                        !ctx.request.on_io_thread, grant ? &*grant : nullptr);
        http::Response response;
        if (!result) {
            response.to_worker = true;
            return response;
        }
        response.content_type = std::string(result->mime);
        response.headers.add("Cache-Control", std::string(result->cached ? kCachedCacheControl
                                                                         : kRenderedCacheControl));
        response.headers.add("X-Appwrite-Cache", result->cached ? "hit" : "miss");
        response.body = std::move(result->bytes);
        return response;
    }

private:
    storage::Previews& previews_;
    std::shared_ptr<storage::FileTokens> tokens_;
};

}  // namespace

void add_preview_endpoints(Api& api, storage::Previews& previews, std::shared_ptr<storage::FileTokens> tokens) {
    // kInlineFirst: a cached preview is answered on the I/O thread like a document get; a
    // render (tens of milliseconds) moves to the worker pool.
    api.add({.method = Method::kGet,
             .path = "/v1/storage/buckets/{bucketId}/files/{fileId}/preview",
             .scope = "files.read",
             .execution = http::Execution::kInlineFirst,
             .handler = [endpoints = std::make_shared<PreviewEndpoints>(previews, std::move(tokens))](
                            Context& ctx) { return endpoints->preview(ctx); },
             .local_read = false,
             .any_origin = false});
}

}  // namespace basalt::api
