#include "platform/abuse/abuse_key.hpp"

namespace basalt::abuse {

std::string render_abuse_key(std::string_view pattern, std::span<const AbuseKeyParam> params) {
    std::string key;
    key.reserve(pattern.size() + 64);
    std::size_t pos = 0;
    while (pos < pattern.size()) {
        // A placeholder is the innermost "{...}" before the next '}', so "a{b{ip}" still
        // fills {ip}, as Appwrite's plain string replacement does.
        const std::size_t close = pattern.find('}', pos);
        if (close == std::string_view::npos) {
            key.append(pattern.substr(pos));
            break;
        }
        const std::size_t open = pattern.rfind('{', close);
        if (open == std::string_view::npos || open < pos) {
            key.append(pattern.substr(pos, close + 1 - pos));
            pos = close + 1;
            continue;
        }
        key.append(pattern.substr(pos, open - pos));
        const std::string_view name = pattern.substr(open + 1, close - open - 1);
        const AbuseKeyParam* found = nullptr;
        for (const AbuseKeyParam& param : params) {
            if (param.name == name) {
                found = &param;
                break;
            }
        }
        key.append(found != nullptr ? found->value : pattern.substr(open, close + 1 - open));
        pos = close + 1;
    }
    return key;
}

}  // namespace basalt::abuse
