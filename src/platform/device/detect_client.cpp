#include "platform/device/detection.hpp"
#include "platform/device/rule_text.hpp"
#include "platform/device/short_codes.hpp"

namespace basalt::device {
namespace {

// The rule's engine, or the one its version table names for this browser version; else the
// first engine whose pattern matches the user agent.
std::string browser_engine(const Rules& rules, const ClientRule& rule, std::string_view version,
                           std::string_view user_agent) {
    std::string engine = rule.engine;
    for (const auto& [from_version, later_engine] : rule.engine_by_version) {
        if (compare_versions(version, from_version) >= 0) {
            engine = later_engine;
        }
    }
    if (!engine.empty()) {
        return engine;
    }
    for (const EngineRule& candidate : rules.engines) {
        if (candidate.pattern.matches(user_agent)) {
            return candidate.name;
        }
    }
    return {};
}

std::string engine_version(const Rules& rules, std::string_view engine,
                           std::string_view user_agent) {
    const auto found = rules.engine_versions.find(engine);
    if (found == rules.engine_versions.end()) {
        return {};
    }
    for (const Pattern& pattern : found->second) {
        if (const std::optional<Match> match = pattern.match(user_agent)) {
            return std::string(match->group(1));
        }
    }
    return {};
}

ClientResult browser(const Rules& rules, const ClientRule& rule, const Match& match,
                     std::string_view user_agent) {
    ClientResult client;
    client.type = "browser";
    client.name = fill_template(rule.name, match);
    client.version = build_version(rule.version, match);
    if (const BrowserEntry* entry = find_browser(client.name)) {
        client.code = entry->code;
        client.name = entry->name;
    }
    client.engine = browser_engine(rules, rule, client.version, user_agent);
    client.engine_version = engine_version(rules, client.engine, user_agent);
    return client;
}

}  // namespace

ClientResult detect_client(const Rules& rules, std::string_view user_agent) {
    for (const ClientRuleFile& file : rules.clients) {
        for (const ClientRule& rule : file.rules) {
            const std::optional<Match> match = rule.pattern.match(user_agent);
            if (!match) {
                continue;
            }
            if (file.browser) {
                return browser(rules, rule, *match, user_agent);
            }
            ClientResult client;
            client.type = file.type;
            client.name = fill_template(rule.name, *match);
            client.version = build_version(rule.version, *match);
            return client;
        }
    }
    return {};
}

}  // namespace basalt::device
