// Matomo's short codes, OS families and browser classes: the part of device-detector's data
// that lives in its PHP code rather than in the regex YAML files, so Basalt declares it here.
// Appwrite reports these codes as `osCode` and `clientCode` (its docs/lists/os.json and
// clients.json list them).
#pragma once

#include <span>
#include <string_view>

namespace basalt::device {

struct OsEntry {
    std::string_view code;    // e.g. "MAC"
    std::string_view name;    // Matomo's spelling, e.g. "Mac", "GNU/Linux"
    std::string_view family;  // e.g. "Mac", "GNU/Linux", "Android"
};

// The OS called `name` (compared case-insensitively), or nullptr if the table lacks it.
const OsEntry* find_os(std::string_view name) noexcept;

// The entry for an OS code, or nullptr.
const OsEntry* find_os_by_code(std::string_view code) noexcept;

struct BrowserEntry {
    std::string_view code;  // e.g. "CH"
    std::string_view name;  // Matomo's spelling, e.g. "Chrome"
};

// The browser called `name` (case-insensitively), or nullptr. The table holds the common
// browsers only; Appwrite reports an empty code for a client it has no code for.
const BrowserEntry* find_browser(std::string_view name) noexcept;

// The whole tables, for tests that hold them against the data files.
std::span<const OsEntry> known_operating_systems() noexcept;
std::span<const BrowserEntry> known_browsers() noexcept;

// OS families Matomo counts as desktop when no device rule matched.
bool is_desktop_os_family(std::string_view family) noexcept;

// Browsers that exist on mobile devices only: with one of them a desktop OS is no evidence
// of a desktop.
bool is_mobile_only_browser(std::string_view name) noexcept;

}  // namespace basalt::device
