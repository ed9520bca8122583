#include <algorithm>
#include <string_view>

#include "platform/device/rules.hpp"

namespace basalt::device {
namespace {

// Rules for user agents newer than the bundled 2018 data, each placed before the first rule
// of the data that reports the same name, so that the data's more specific rules above it
// still win. Matomo's current data has equivalents; keep this list short.
struct NewerRule {
    std::string_view regex;
    std::string_view name;
    std::string_view version;
    std::string_view engine;  // browsers only
};

// Edge on Chromium (since 2020) says "Edg/", which the data's "Edge/" rule misses.
constexpr NewerRule kNewerBrowsers[] = {
    {"Edg/(\\d+[\\.\\d]*)", "Microsoft Edge", "$1", "Blink"},
};

// The data wants two characters of version ("Android 4.4", "Android 13") and so reads
// "Android 9" as Android without version.
constexpr NewerRule kNewerOperatingSystems[] = {
    {"(?:(?:Orca-)?Android|Adr)[ /](?:[a-z]+ )?(\\d+[\\.\\d]*)", "Android", "$1", ""},
};

template <typename Rule>
auto position_for(std::vector<Rule>& rules, std::string_view name) {
    return std::find_if(rules.begin(), rules.end(),
                        [name](const Rule& rule) { return rule.name == name; });
}

}  // namespace

void add_newer_rules(Rules& rules) {
    for (ClientRuleFile& file : rules.clients) {
        if (!file.browser) {
            continue;
        }
        for (const NewerRule& newer : kNewerBrowsers) {
            file.rules.insert(position_for(file.rules, newer.name),
                              ClientRule{Pattern(newer.regex, Pattern::Anchor::kToken),
                                         std::string(newer.name),
                                         std::string(newer.version),
                                         std::string(newer.engine),
                                         {}});
        }
    }
    for (const NewerRule& newer : kNewerOperatingSystems) {
        rules.operating_systems.insert(position_for(rules.operating_systems, newer.name),
                                       OsRule{Pattern(newer.regex, Pattern::Anchor::kToken),
                                              std::string(newer.name), std::string(newer.version)});
    }
}

}  // namespace basalt::device
