#include "auth/mfa/session_factors.hpp"

#include <boost/json/array.hpp>

#include "auth/mfa/factors.hpp"
#include "auth/records.hpp"
#include "core/time.hpp"

namespace basalt::auth::mfa {

std::optional<db::Document> add_session_factors(db::Documents& docs, std::string_view session_id,
                                                std::span<const std::string_view> factors,
                                                std::optional<std::int64_t> challenged_at_ms) {
    const auto auth = db::Authorization::internal();
    if (session_id.empty()) return std::nullopt;
    const auto session = docs.get_document(auth, "sessions", session_id);
    if (!session) return std::nullopt;
    boost::json::array merged;
    for (auto& name : with_factors(strings_of(session->data, "factors"), factors)) {
        merged.push_back(boost::json::string(name));
    }
    db::DocumentPatch patch{.data = {{"factors", std::move(merged)}}};
    if (challenged_at_ms) patch.data["mfaUpdatedAt"] = time::format_iso(*challenged_at_ms);
    return docs.update_document(auth, "sessions", session_id, patch);
}

}  // namespace basalt::auth::mfa
