#include "core/time.hpp"

#include <chrono>
#include <fmt/format.h>

namespace basalt::time {
namespace {

using namespace std::chrono;

bool read_digits(std::string_view text, std::size_t& pos, std::size_t count, int& out) noexcept {
    if (pos + count > text.size()) return false;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    pos += count;
    out = value;
    return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) noexcept {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

}  // namespace

std::int64_t now_ms() noexcept {
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string format_iso(std::int64_t epoch_ms) {
    const sys_time<milliseconds> tp{milliseconds{epoch_ms}};
    const auto day = floor<days>(tp);
    const year_month_day ymd{day};
    const hh_mm_ss hms{tp - day};
    const int y = int(ymd.year());
    if (y < 0 || y > 9999) {
        return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}+00:00", y, unsigned(ymd.month()),
                           unsigned(ymd.day()), hms.hours().count(), hms.minutes().count(),
                           hms.seconds().count(), hms.subseconds().count());
    }
    // Every stored datetime is written out on every read: digits by hand rather than through a
    // format string (several times faster on the hot path of signed-in requests).
    std::string out = "0000-00-00T00:00:00.000+00:00";
    const auto put = [&out](std::size_t at, std::uint64_t value, std::size_t width) {
        for (std::size_t i = width; i-- > 0;) {
            out[at + i] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
    };
    put(0, static_cast<std::uint64_t>(y), 4);
    put(5, unsigned(ymd.month()), 2);
    put(8, unsigned(ymd.day()), 2);
    put(11, static_cast<std::uint64_t>(hms.hours().count()), 2);
    put(14, static_cast<std::uint64_t>(hms.minutes().count()), 2);
    put(17, static_cast<std::uint64_t>(hms.seconds().count()), 2);
    put(20, static_cast<std::uint64_t>(hms.subseconds().count()), 3);
    return out;
}

std::optional<std::int64_t> parse_iso(std::string_view text) noexcept {
    std::size_t pos = 0;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
    if (!read_digits(text, pos, 4, y) || !expect(text, pos, '-') || !read_digits(text, pos, 2, mo) ||
        !expect(text, pos, '-') || !read_digits(text, pos, 2, d)) {
        return std::nullopt;
    }
    const year_month_day ymd{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
    if (!ymd.ok()) return std::nullopt;
    int offset_minutes = 0;
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != ' ') return std::nullopt;
        ++pos;
        if (!read_digits(text, pos, 2, h) || !expect(text, pos, ':') || !read_digits(text, pos, 2, mi))
            return std::nullopt;
        if (pos < text.size() && text[pos] == ':' && !(++pos, read_digits(text, pos, 2, s)))
            return std::nullopt;
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            std::size_t digits = 0;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                if (digits < 3) ms = ms * 10 + (text[pos] - '0');
                ++digits;
                ++pos;
            }
            if (digits == 0) return std::nullopt;
            for (; digits < 3; ++digits) ms *= 10;
        }
        if (pos < text.size()) {
            if (text[pos] == 'Z') {
                ++pos;
            } else if (text[pos] == '+' || text[pos] == '-') {
                const int sign = text[pos] == '-' ? -1 : 1;
                ++pos;
                int oh = 0, om = 0;
                if (!read_digits(text, pos, 2, oh)) return std::nullopt;
                if (pos < text.size() && text[pos] == ':') ++pos;
                if (!read_digits(text, pos, 2, om)) return std::nullopt;
                offset_minutes = sign * (oh * 60 + om);
            } else {
                return std::nullopt;
            }
        }
        if (pos != text.size() || h > 23 || mi > 59 || s > 60) return std::nullopt;
    }
    const auto tp = sys_days{ymd} + hours{h} + minutes{mi} + seconds{s} + milliseconds{ms} -
                    minutes{offset_minutes};
    return tp.time_since_epoch().count();
}

}  // namespace basalt::time
