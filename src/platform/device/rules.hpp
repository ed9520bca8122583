// Matomo device-detector's regex files, loaded into tables (yaml-cpp) in Matomo's order.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/device/pattern.hpp"

namespace basalt::device {

struct ClientRule {
    Pattern pattern;
    std::string name;     // template, e.g. "Chrome" or "$1"
    std::string version;  // template, e.g. "$1"
    std::string engine;   // browsers: the engine, or "" to detect it from the user agent
    // Browsers: from which browser version another engine applies, ascending.
    std::vector<std::pair<std::string, std::string>> engine_by_version;
};

// One client file; the first matching rule of the first file with a match wins.
struct ClientRuleFile {
    std::string type;  // Appwrite's clientType, e.g. "browser", "library", "mobile app"
    bool browser = false;
    std::vector<ClientRule> rules;
};

struct OsRule {
    Pattern pattern;
    std::string name;     // template
    std::string version;  // template
};

struct EngineRule {
    Pattern pattern;
    std::string name;
};

struct DeviceModelRule {
    Pattern pattern;
    std::string model;  // template
    std::string brand;  // overrides the brand when set
    std::string type;   // overrides the device type when set
};

// One brand of a device file: its pattern, defaults and its models (first match wins).
struct DeviceRule {
    Pattern pattern;
    std::string brand;  // "" for Matomo's "Unknown"
    std::string type;   // "smartphone", "tv", ... or ""
    std::string model;  // template, used when there are no model rules
    std::vector<DeviceModelRule> models;
};

struct VendorFragment {
    Pattern pattern;
    std::string brand;
};

struct Rules {
    std::vector<ClientRuleFile> clients;
    std::vector<EngineRule> engines;
    // Per engine name, the patterns that read its version (group 1) from the user agent,
    // tried in order.
    std::map<std::string, std::vector<Pattern>, std::less<>> engine_versions;
    std::vector<OsRule> operating_systems;
    std::vector<DeviceRule> televisions;  // only for HbbTV user agents
    std::vector<DeviceRule> devices;      // consoles, car browsers, cameras, players, mobiles
    std::vector<VendorFragment> vendor_fragments;

    // Compiles every pattern (warm-up, and validation of a data directory).
    void compile_all() const;
};

// Reads the regex files under `dir` (client/*.yml, device/*.yml, oss.yml,
// vendorfragments.yml) and adds Basalt's few rules for newer user agents (add_newer_rules).
// Patterns are not compiled yet. Throws basalt::Error(kGeneralServerError) naming the file
// when one is missing or malformed.
Rules load_rules(const std::filesystem::path& dir);

// Inserts the rules for user agents newer than the bundled data (newer_rules.cpp).
void add_newer_rules(Rules& rules);

}  // namespace basalt::device
