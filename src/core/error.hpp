// The one error type of Basalt: what ends a request, carrying Appwrite's error `type` and status.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "core/error_types.hpp"

namespace basalt {

enum class ErrorType {
#define BASALT_ERROR_ENUM(name, type, status, message) name,
    BASALT_ERROR_TYPES(BASALT_ERROR_ENUM)
#undef BASALT_ERROR_ENUM
};

struct ErrorInfo {
    std::string_view type;  // Appwrite's `type` string, e.g. "general_route_not_found"
    int status;             // HTTP status (or realtime close code for realtime_* types)
    std::string_view message;
};

// Table lookup; never fails for a valid enumerator.
const ErrorInfo& error_info(ErrorType type) noexcept;

// Thrown once where a request cannot go on; rendered by the HTTP layer as
// {"message","code","type","version"}.
class Error : public std::runtime_error {
public:
    explicit Error(ErrorType type);
    Error(ErrorType type, std::string message);

    ErrorType type() const noexcept { return type_; }
    const ErrorInfo& info() const noexcept { return error_info(type_); }
    int status() const noexcept { return info().status; }

private:
    ErrorType type_;
};

}  // namespace basalt
