// Appwrite's error body: {"message","code","type","version"}.
#pragma once

#include "core/error.hpp"
#include "http/message.hpp"

namespace basalt::api {

http::Response error_response(const Error& error);

}  // namespace basalt::api
