// The three detection steps over loaded rules, in the order DeviceDetector runs them: the
// device step reads the OS and client found before it, as Matomo's does.
#pragma once

#include <string>
#include <string_view>

#include "platform/device/rules.hpp"

namespace basalt::device {

struct OsResult {
    std::string code;  // "" when unknown
    std::string name;
    std::string version;
    std::string family;  // Matomo's OS family, "" when unknown
};

struct ClientResult {
    std::string type;  // "browser", "library", ... or ""
    std::string code;  // browsers in the short-code table only
    std::string name;
    std::string version;
    std::string engine;
    std::string engine_version;
};

struct DeviceResult {
    std::string type;  // "desktop", "smartphone", ... or ""
    std::string brand;
    std::string model;
};

// Each may throw basalt::Error(kGeneralServerError) when a pattern of the data does not
// compile; nothing in the user agent makes them throw.
OsResult detect_os(const Rules& rules, std::string_view user_agent);
ClientResult detect_client(const Rules& rules, std::string_view user_agent);
DeviceResult detect_device(const Rules& rules, std::string_view user_agent, const OsResult& os,
                           const ClientResult& client);

}  // namespace basalt::device
