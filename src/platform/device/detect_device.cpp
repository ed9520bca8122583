#include <optional>

#include "platform/device/detection.hpp"
#include "platform/device/rule_text.hpp"
#include "platform/device/short_codes.hpp"

namespace basalt::device {
namespace {

// Fixed fragments Matomo's device step looks for besides the data files.
struct Hints {
    Pattern hbbtv{"HbbTV/([1-9]{1}(?:\\.[0-9]{1}){1,2})", Pattern::Anchor::kToken};
    Pattern android_tablet{"Android( [\\.0-9]+)?; Tablet;", Pattern::Anchor::kToken};
    Pattern android_mobile{"Android( [\\.0-9]+)?; Mobile;", Pattern::Anchor::kToken};
    Pattern opera_tablet{"Opera Tablet", Pattern::Anchor::kToken};
    Pattern opera_tv_store{"Opera TV Store", Pattern::Anchor::kToken};
    Pattern touch{"Touch", Pattern::Anchor::kToken};
    Pattern chrome_mobile{"Chrome/[\\.0-9]* Mobile", Pattern::Anchor::kToken};
    Pattern chrome_not_mobile{"Chrome/[\\.0-9]* (?!Mobile)", Pattern::Anchor::kToken};
};

const Hints& hints() {
    static const Hints instance;
    return instance;
}

// The first brand whose pattern matches, refined by the first of its models that matches.
std::optional<DeviceResult> first_device(const std::vector<DeviceRule>& rules,
                                         std::string_view user_agent) {
    for (const DeviceRule& rule : rules) {
        const std::optional<Match> match = rule.pattern.match(user_agent);
        if (!match) {
            continue;
        }
        DeviceResult device{rule.type, rule.brand, build_model(rule.model, *match)};
        for (const DeviceModelRule& model : rule.models) {
            if (const std::optional<Match> model_match = model.pattern.match(user_agent)) {
                device.model = build_model(model.model, *model_match);
                if (!model.brand.empty()) {
                    device.brand = model.brand;
                }
                if (!model.type.empty()) {
                    device.type = model.type;
                }
                break;
            }
        }
        return device;
    }
    return std::nullopt;
}

bool is_desktop(const OsResult& os, const ClientResult& client) {
    if (os.code.empty()) {
        return false;
    }
    if (client.type == "browser" && is_mobile_only_browser(client.name)) {
        return false;
    }
    return is_desktop_os_family(os.family);
}

// Matomo's inferences for user agents no device rule typed.
void infer_type(DeviceResult& device, std::string_view user_agent, const OsResult& os,
                const ClientResult& client) {
    const Hints& hint = hints();
    // Chrome on Android says "Mobile" on phones only.
    if (device.type.empty() && os.family == "Android" &&
        (client.name == "Chrome" || client.name == "Chrome Mobile")) {
        if (hint.chrome_mobile.matches(user_agent)) {
            device.type = "smartphone";
        } else if (hint.chrome_not_mobile.matches(user_agent)) {
            device.type = "tablet";
        }
    }
    if (device.type.empty() &&
        (hint.android_tablet.matches(user_agent) || hint.opera_tablet.matches(user_agent))) {
        device.type = "tablet";
    }
    if (device.type.empty() && hint.android_mobile.matches(user_agent)) {
        device.type = "smartphone";
    }
    // Android before 2.0 ran on phones only, 3.x on tablets only.
    if (device.type.empty() && os.code == "AND" && !os.version.empty()) {
        if (compare_versions(os.version, "2.0") < 0) {
            device.type = "smartphone";
        } else if (compare_versions(os.version, "3.0") >= 0 &&
                   compare_versions(os.version, "4.0") < 0) {
            device.type = "tablet";
        }
    }
    if (device.type == "feature phone" && os.family == "Android") {
        device.type = "smartphone";
    }
    // Touch-enabled Windows 8 and later is most often a tablet.
    if (device.type.empty() &&
        (os.code == "WRT" || (os.code == "WIN" && compare_versions(os.version, "8") >= 0)) &&
        hint.touch.matches(user_agent)) {
        device.type = "tablet";
    }
    if (hint.opera_tv_store.matches(user_agent)) {
        device.type = "tv";
    }
    if (device.type.empty() && (client.name == "Kylo" || client.name == "Espial TV Browser")) {
        device.type = "tv";
    }
    if (device.type.empty() && is_desktop(os, client)) {
        device.type = "desktop";
    }
}

}  // namespace

DeviceResult detect_device(const Rules& rules, std::string_view user_agent, const OsResult& os,
                           const ClientResult& client) {
    DeviceResult device;
    if (hints().hbbtv.matches(user_agent)) {
        device = first_device(rules.televisions, user_agent).value_or(DeviceResult{});
        device.type = "tv";
    } else if (std::optional<DeviceResult> found = first_device(rules.devices, user_agent)) {
        device = std::move(*found);
    }
    if (device.brand.empty()) {
        for (const VendorFragment& fragment : rules.vendor_fragments) {
            if (fragment.pattern.matches(user_agent)) {
                device.brand = fragment.brand;
                break;
            }
        }
    }
    // Whatever runs Apple's systems is an Apple device.
    if (device.brand.empty() && (os.code == "ATV" || os.code == "IOS" || os.code == "MAC")) {
        device.brand = "Apple";
    }
    infer_type(device, user_agent, os, client);
    return device;
}

}  // namespace basalt::device
