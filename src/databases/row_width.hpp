// A collection's row width as Appwrite's MariaDB adapter counts it (the `bytesUsed` of the
// collection model, and the 65535-byte row limit). Our backends store long values out of
// line, but apps see Appwrite's numbers.
#pragma once

#include <cstdint>

#include "databases/catalog.hpp"

namespace basalt::databases {

inline constexpr std::int64_t kRowWidthLimit = 65'535;

std::int64_t row_width(const Collection& collection);

}  // namespace basalt::databases
