#include "core/error.hpp"

#include <array>

namespace basalt {
namespace {

constexpr std::array kErrorTable = {
#define BASALT_ERROR_ROW(name, type, status, message) ErrorInfo{type, status, message},
    BASALT_ERROR_TYPES(BASALT_ERROR_ROW)
#undef BASALT_ERROR_ROW
};

}  // namespace

const ErrorInfo& error_info(ErrorType type) noexcept {
    return kErrorTable[static_cast<std::size_t>(type)];
}

Error::Error(ErrorType type) : Error(type, std::string(error_info(type).message)) {}

Error::Error(ErrorType type, std::string message) : std::runtime_error(std::move(message)), type_(type) {}

}  // namespace basalt
