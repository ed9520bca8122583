// Private to the MFA module: recording on a session the factors it has proved.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "db/document.hpp"
#include "db/store.hpp"

namespace basalt::auth::mfa {

// Adds `factors` to the session's `factors` (each once) and, with `challenged_at_ms`, sets its
// `mfaUpdatedAt`. Returns the updated session; nullopt when there is no such session.
std::optional<db::Document> add_session_factors(db::Documents& docs, std::string_view session_id,
                                                std::span<const std::string_view> factors,
                                                std::optional<std::int64_t> challenged_at_ms = std::nullopt);

}  // namespace basalt::auth::mfa
