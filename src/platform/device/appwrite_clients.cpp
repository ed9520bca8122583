#include "platform/device/appwrite_clients.hpp"

#include <string>

#include "platform/device/pattern.hpp"

namespace basalt::device {
namespace {

// The SDKs' user agents start with "Appwrite<Language>SDK/<version>".
const Pattern& sdk_pattern() {
    static const Pattern pattern("Appwrite([A-Za-z0-9]+?)SDK/([^\\s;()]+)", Pattern::Anchor::kNone);
    return pattern;
}

ClientResult cli(std::string_view user_agent) {
    // As Appwrite does: the text between the first and second '/' of the first word.
    const std::string_view first_word = user_agent.substr(0, user_agent.find(' '));
    std::string_view version;
    if (const std::size_t slash = first_word.find('/'); slash != std::string_view::npos) {
        version = first_word.substr(slash + 1);
        version = version.substr(0, version.find('/'));
    }
    return ClientResult{"desktop", "cli", "Appwrite CLI", std::string(version), "", ""};
}

}  // namespace

std::optional<ClientResult> detect_appwrite_client(std::string_view user_agent) {
    if (user_agent.find("AppwriteCLI") != std::string_view::npos) {
        return cli(user_agent);
    }
    if (user_agent.find("Appwrite") == std::string_view::npos) {
        return std::nullopt;  // the common case, without running the pattern
    }
    const std::optional<Match> match = sdk_pattern().match(user_agent);
    if (!match) {
        return std::nullopt;
    }
    return ClientResult{"library",
                        "",
                        "Appwrite " + std::string(match->group(1)) + " SDK",
                        std::string(match->group(2)),
                        "",
                        ""};
}

}  // namespace basalt::device
