#include "platform/project.hpp"

#include <array>

namespace basalt::platform {
namespace {

constexpr std::array kPlatformTypes = {
    PlatformTypeInfo{PlatformType::kWeb, "web", "hostname"},
    PlatformTypeInfo{PlatformType::kAndroid, "android", "applicationId"},
    PlatformTypeInfo{PlatformType::kApple, "apple", "bundleIdentifier"},
    PlatformTypeInfo{PlatformType::kLinux, "linux", "packageName"},
    PlatformTypeInfo{PlatformType::kWindows, "windows", "packageIdentifierName"},
};

}  // namespace

const PlatformTypeInfo& platform_type_info(PlatformType type) noexcept {
    return kPlatformTypes[static_cast<std::size_t>(type)];
}

const PlatformTypeInfo* find_platform_type(std::string_view name) noexcept {
    for (const auto& info : kPlatformTypes) {
        if (info.name == name) return &info;
    }
    return nullptr;
}

std::span<const PlatformTypeInfo> platform_types() noexcept { return kPlatformTypes; }

}  // namespace basalt::platform
