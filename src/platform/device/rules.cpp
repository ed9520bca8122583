#include "platform/device/rules.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <iterator>

#include "core/error.hpp"
#include "platform/device/rule_text.hpp"

namespace basalt::device {
namespace {

// Matomo's client parsers in the order it runs them, with the type each one reports.
struct ClientFile {
    std::string_view path;
    std::string_view type;
    bool browser;
};
constexpr ClientFile kClientFiles[] = {
    {"client/feed_readers.yml", "feed reader", false},
    {"client/mobile_apps.yml", "mobile app", false},
    {"client/mediaplayers.yml", "mediaplayer", false},
    {"client/pim.yml", "pim", false},
    {"client/browsers.yml", "browser", true},
    {"client/libraries.yml", "library", false},
};

// Matomo's device parsers after the HbbTV one, in its order.
constexpr std::string_view kDeviceFiles[] = {
    "device/consoles.yml", "device/car_browsers.yml",
    "device/cameras.yml",  "device/portable_media_player.yml",
    "device/mobiles.yml",
};

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& reason) {
    throw Error(ErrorType::kGeneralServerError,
                "device-detector data " + file.string() + ": " + reason);
}

YAML::Node load_file(const std::filesystem::path& file) {
    try {
        return YAML::LoadFile(file.string());
    } catch (const YAML::Exception& e) {
        fail(file, e.what());
    }
}

// A scalar field ("" when absent or null); numbers come back as their text.
std::string text(const YAML::Node& node, const char* key, const std::filesystem::path& file) {
    const YAML::Node value = node[key];
    if (!value || value.IsNull()) {
        return {};
    }
    if (!value.IsScalar()) {
        fail(file, std::string("field '") + key + "' is not a scalar");
    }
    return value.Scalar();
}

Pattern pattern_of(const YAML::Node& node, const std::filesystem::path& file) {
    const std::string source = text(node, "regex", file);
    if (source.empty()) {
        fail(file, "an entry has no regex");
    }
    return Pattern(source, Pattern::Anchor::kToken);
}

YAML::Node sequence_file(const std::filesystem::path& file) {
    YAML::Node root = load_file(file);
    if (!root.IsSequence()) {
        fail(file, "expected a list of rules");
    }
    return root;
}

ClientRule client_rule(const YAML::Node& node, const std::filesystem::path& file) {
    ClientRule rule{
        pattern_of(node, file), text(node, "name", file), text(node, "version", file), {}, {}};
    if (const YAML::Node engine = node["engine"]; engine && engine.IsMap()) {
        rule.engine = text(engine, "default", file);
        if (const YAML::Node versions = engine["versions"]; versions && versions.IsMap()) {
            for (const auto& entry : versions) {
                rule.engine_by_version.emplace_back(entry.first.Scalar(), entry.second.Scalar());
            }
            std::sort(rule.engine_by_version.begin(), rule.engine_by_version.end(),
                      [](const auto& a, const auto& b) {
                          return compare_versions(a.first, b.first) < 0;
                      });
        }
    }
    return rule;
}

std::vector<DeviceRule> device_rules(const std::filesystem::path& file) {
    const YAML::Node root = load_file(file);
    if (!root.IsMap()) {
        fail(file, "expected brands mapped to rules");
    }
    std::vector<DeviceRule> rules;
    rules.reserve(root.size());
    for (const auto& entry : root) {
        const std::string brand = entry.first.Scalar();
        const YAML::Node& node = entry.second;
        DeviceRule rule{pattern_of(node, file),
                        brand == "Unknown" ? std::string() : brand,
                        text(node, "device", file),
                        text(node, "model", file),
                        {}};
        if (const YAML::Node models = node["models"]; models && models.IsSequence()) {
            rule.models.reserve(models.size());
            for (const YAML::Node& model : models) {
                rule.models.push_back(
                    DeviceModelRule{pattern_of(model, file), text(model, "model", file),
                                    text(model, "brand", file), text(model, "device", file)});
            }
        }
        rules.push_back(std::move(rule));
    }
    return rules;
}

// Matomo reads an engine's version after its name ("AppleWebKit/605.1.15"), Blink's after
// "Chrome/", and Gecko's first from "rv:" when the Gecko date token follows.
void add_engine_version(Rules& rules, const std::string& engine) {
    if (engine.empty() || rules.engine_versions.count(engine) != 0) {
        return;
    }
    std::vector<Pattern> patterns;
    if (engine == "Gecko") {
        patterns.emplace_back("[ ](?:rv[: ]([0-9.]+)).*gecko/[0-9]{8,10}", Pattern::Anchor::kNone);
    }
    const std::string token = engine == "Blink" ? "Chrome" : engine;
    patterns.emplace_back("\\Q" + token + "\\E\\s*/?\\s*(\\d+\\.\\d[.\\d]*|\\d{1,7}(?=\\D|$))",
                          Pattern::Anchor::kNone);
    rules.engine_versions.emplace(engine, std::move(patterns));
}

}  // namespace

void Rules::compile_all() const {
    for (const ClientRuleFile& file : clients) {
        for (const ClientRule& rule : file.rules) {
            rule.pattern.compile();
        }
    }
    for (const EngineRule& rule : engines) {
        rule.pattern.compile();
    }
    for (const auto& [name, patterns] : engine_versions) {
        for (const Pattern& pattern : patterns) {
            pattern.compile();
        }
    }
    for (const OsRule& rule : operating_systems) {
        rule.pattern.compile();
    }
    for (const auto* list : {&televisions, &devices}) {
        for (const DeviceRule& rule : *list) {
            rule.pattern.compile();
            for (const DeviceModelRule& model : rule.models) {
                model.pattern.compile();
            }
        }
    }
    for (const VendorFragment& fragment : vendor_fragments) {
        fragment.pattern.compile();
    }
}

Rules load_rules(const std::filesystem::path& dir) {
    Rules rules;
    for (const ClientFile& spec : kClientFiles) {
        const std::filesystem::path file = dir / spec.path;
        ClientRuleFile parsed{std::string(spec.type), spec.browser, {}};
        for (const YAML::Node& node : sequence_file(file)) {
            parsed.rules.push_back(client_rule(node, file));
            if (spec.browser) {
                add_engine_version(rules, parsed.rules.back().engine);
                for (const auto& [version, engine] : parsed.rules.back().engine_by_version) {
                    add_engine_version(rules, engine);
                }
            }
        }
        rules.clients.push_back(std::move(parsed));
    }

    const std::filesystem::path engine_file = dir / "client/browser_engine.yml";
    for (const YAML::Node& node : sequence_file(engine_file)) {
        rules.engines.push_back(
            EngineRule{pattern_of(node, engine_file), text(node, "name", engine_file)});
        add_engine_version(rules, rules.engines.back().name);
    }

    const std::filesystem::path os_file = dir / "oss.yml";
    for (const YAML::Node& node : sequence_file(os_file)) {
        rules.operating_systems.push_back(OsRule{pattern_of(node, os_file),
                                                 text(node, "name", os_file),
                                                 text(node, "version", os_file)});
    }

    rules.televisions = device_rules(dir / "device/televisions.yml");
    for (const std::string_view name : kDeviceFiles) {
        std::vector<DeviceRule> more = device_rules(dir / name);
        std::move(more.begin(), more.end(), std::back_inserter(rules.devices));
    }

    // Fragments of model names that betray the vendor: "MDDRJS" is a Dell.
    const std::filesystem::path vendor_file = dir / "vendorfragments.yml";
    const YAML::Node vendors = load_file(vendor_file);
    if (!vendors.IsMap()) {
        fail(vendor_file, "expected brands mapped to fragments");
    }
    for (const auto& entry : vendors) {
        if (!entry.second.IsSequence()) {
            fail(vendor_file, "fragments of " + entry.first.Scalar() + " are not a list");
        }
        for (const YAML::Node& fragment : entry.second) {
            rules.vendor_fragments.push_back(
                VendorFragment{Pattern(fragment.Scalar() + "[^a-z0-9]+", Pattern::Anchor::kToken),
                               entry.first.Scalar()});
        }
    }
    add_newer_rules(rules);
    return rules;
}

}  // namespace basalt::device
