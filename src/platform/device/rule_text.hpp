// How device-detector rules turn a match into text: "$1"-style templates, versions, models.
#pragma once

#include <string>
#include <string_view>

#include "platform/device/pattern.hpp"

namespace basalt::device {

// `text` with "$1".."$9" replaced by the match's groups (absent groups by nothing), trimmed
// of surrounding spaces.
std::string fill_template(std::string_view text, const Match& match);

// A version as Matomo reports it: the filled template with "_" read as ".", cut to
// major.minor ("10_15_7" -> "10.15"), without leading or trailing spaces and dots.
std::string build_version(std::string_view text, const Match& match);

// A device model: the filled template with "_" read as " " and a trailing " TD" dropped;
// "Build" (a build id caught by a loose pattern) is no model and gives "".
std::string build_model(std::string_view text, const Match& match);

// Compares dotted numeric versions ("28" < "28.0.1" < "126.0"); missing or non-numeric
// parts count as 0. Negative, zero or positive like strcmp.
int compare_versions(std::string_view a, std::string_view b) noexcept;

}  // namespace basalt::device
