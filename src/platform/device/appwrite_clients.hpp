// Clients that Matomo's data does not know but Appwrite's own tools send.
#pragma once

#include <optional>
#include <string_view>

#include "platform/device/detection.hpp"

namespace basalt::device {

// The Appwrite CLI, reported as Appwrite reports it (type "desktop", code "cli", name
// "Appwrite CLI", version from the first word: "AppwriteCLI/2.0.0 (linux; x64) ..."), or an
// Appwrite SDK ("AppwriteNodeJSSDK/27.1.0 (linux; x64) Node.js/v20.20.2" gives type
// "library", name "Appwrite NodeJS SDK", version "27.1.0"; Appwrite itself leaves these
// unknown). nullopt for anything else. Thread-safe.
std::optional<ClientResult> detect_appwrite_client(std::string_view user_agent);

}  // namespace basalt::device
