#include "platform/device/detection.hpp"
#include "platform/device/rule_text.hpp"
#include "platform/device/short_codes.hpp"

namespace basalt::device {

OsResult detect_os(const Rules& rules, std::string_view user_agent) {
    for (const OsRule& rule : rules.operating_systems) {
        const std::optional<Match> match = rule.pattern.match(user_agent);
        if (!match) {
            continue;
        }
        OsResult os;
        os.name = fill_template(rule.name, *match);
        os.version = build_version(rule.version, *match);
        // Matomo reports the table's spelling ("YunOS" -> "YunOs") with its code.
        if (const OsEntry* entry = find_os(os.name)) {
            os.code = entry->code;
            os.name = entry->name;
            os.family = entry->family;
        }
        return os;
    }
    return {};
}

}  // namespace basalt::device
