// Wall-clock time as Appwrite writes it: ISO-8601 with milliseconds and offset.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace basalt::time {

// Milliseconds since the Unix epoch, UTC.
std::int64_t now_ms() noexcept;

// "2020-10-15T06:38:00.000+00:00"
std::string format_iso(std::int64_t epoch_ms);

// Parses ISO-8601 dates as the SDKs send them ("2020-10-15", "2020-10-15T06:38:00",
// fractional seconds, "Z" or "+hh:mm" offsets). nullopt when the text is not a date.
std::optional<std::int64_t> parse_iso(std::string_view text) noexcept;

}  // namespace basalt::time
