// Appwrite's error body: {"message","code","type","version"}.
#pragma once

#include "core/error.hpp"
#include "http/message.hpp"

namespace basalt::api {

// `status` overrides the type's own status (for the 413 of an oversized body, which no
// Appwrite error type carries).
http::Response error_response(const Error& error, int status = 0);

}  // namespace basalt::api
