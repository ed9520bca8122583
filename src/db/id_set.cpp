#include <algorithm>

#include "db/connection.hpp"

namespace basalt::db {
namespace {

// A bitmap may take up to this many bits per id it holds (8 bytes per id as a sorted vector).
constexpr std::int64_t kMaxBitsPerId = 512;

}  // namespace

IdSet::IdSet(std::vector<std::int64_t> ids) : ids_(std::move(ids)) {
    if (!std::is_sorted(ids_.begin(), ids_.end())) std::sort(ids_.begin(), ids_.end());
    ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
    if (ids_.empty()) return;
    const std::int64_t span = ids_.back() - ids_.front() + 1;
    if (span / static_cast<std::int64_t>(ids_.size()) > kMaxBitsPerId) return;
    base_ = ids_.front();
    bits_.assign(static_cast<std::size_t>(span / 64 + 1), 0);
    for (auto id : ids_) {
        const auto i = static_cast<std::uint64_t>(id - base_);
        bits_[i / 64] |= std::uint64_t{1} << (i % 64);
    }
}

bool IdSet::contains(std::int64_t id) const noexcept {
    if (bits_.empty()) return std::binary_search(ids_.begin(), ids_.end(), id);
    if (id < base_) return false;
    const auto i = static_cast<std::uint64_t>(id - base_);
    if (i / 64 >= bits_.size()) return false;
    return (bits_[i / 64] >> (i % 64)) & 1U;
}

}  // namespace basalt::db
