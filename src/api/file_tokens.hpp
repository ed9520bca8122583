// File tokens as clients present them: the `token` parameter of a file's download, view and
// preview, a JWT (HS256) that api/tokens.cpp signs into the ResourceToken model's `secret`.
#pragma once

#include <optional>

#include "api/context.hpp"
#include "storage/tokens.hpp"

namespace basalt::api {

// What the request's `token` parameter grants: nullopt when absent, or when it is not a valid
// token of this project (bad signature, expired, deleted): the request then proceeds with the
// caller's own permissions, as in Appwrite. Throws Error(kGeneralArgumentInvalid) when the
// parameter is longer than 512 chars.
std::optional<storage::FileGrant> file_grant(Context& ctx, storage::FileTokens& tokens);

}  // namespace basalt::api
