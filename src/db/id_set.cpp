#include <algorithm>

#include "db/connection.hpp"

namespace basalt::db {
namespace {

// A bitmap may take up to this many bits per id it holds (64 as a sorted vector).
constexpr std::int64_t kMaxBitsPerId = 128;

}  // namespace

IdSet::IdSet(std::vector<std::int64_t> ids) : sorted_(std::move(ids)) {
    if (!std::is_sorted(sorted_.begin(), sorted_.end())) std::sort(sorted_.begin(), sorted_.end());
    sorted_.erase(std::unique(sorted_.begin(), sorted_.end()), sorted_.end());
    size_ = sorted_.size();
    if (sorted_.empty()) return;
    const std::int64_t span = sorted_.back() - sorted_.front() + 1;
    if (span / static_cast<std::int64_t>(sorted_.size()) > kMaxBitsPerId) return;
    base_ = sorted_.front();
    bits_.assign(static_cast<std::size_t>(span / 64 + 1), 0);
    for (auto id : sorted_) {
        const auto i = static_cast<std::uint64_t>(id - base_);
        bits_[i / 64] |= std::uint64_t{1} << (i % 64);
    }
    sorted_ = {};
}

bool IdSet::contains(std::int64_t id) const noexcept {
    if (bits_.empty()) return std::binary_search(sorted_.begin(), sorted_.end(), id);
    if (id < base_) return false;
    const auto i = static_cast<std::uint64_t>(id - base_);
    if (i / 64 >= bits_.size()) return false;
    return (bits_[i / 64] >> (i % 64)) & 1U;
}

}  // namespace basalt::db
