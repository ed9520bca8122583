#include "core/ids.hpp"

#include <chrono>
#include <fmt/format.h>
#include <openssl/rand.h>

#include "core/error.hpp"

namespace basalt::ids {

std::string unique() {
    using namespace std::chrono;
    const auto now = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
    unsigned char random[4];
    if (RAND_bytes(random, sizeof random) != 1) throw Error(ErrorType::kGeneralServerError);
    const unsigned tail = (unsigned(random[0]) << 24 | unsigned(random[1]) << 16 |
                           unsigned(random[2]) << 8 | unsigned(random[3])) & 0xfffffffu;
    // Seconds in 8 hex chars and the sub-second part in 5, as Appwrite's uniqid-style IDs.
    return fmt::format("{:08x}{:05x}{:07x}", now / 1000000, (now % 1000000) & 0xfffff, tail);
}

bool is_valid(std::string_view id) noexcept {
    if (id.empty() || id.size() > kMaxLength) return false;
    if (id[0] == '.' || id[0] == '-' || id[0] == '_') return false;
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '.' || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

std::string resolve(std::string_view id, std::string_view param) {
    if (id == "unique()") return unique();
    if (!is_valid(id)) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    fmt::format("Invalid `{}` param: {}", param, kRule));
    }
    return std::string(id);
}

}  // namespace basalt::ids
