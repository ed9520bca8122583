// The preview cache's disk files and LRU index.
#include "storage/preview_cache.hpp"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <spdlog/spdlog.h>
#include <vector>

namespace basalt::storage {
namespace fs = std::filesystem;

PreviewCache::PreviewCache(PreviewCacheOptions options) : options_(std::move(options)) {
    std::error_code ec;
    fs::create_directories(options_.root, ec);
    // Entries of an earlier run, oldest first, so that they are evicted first.
    std::vector<std::pair<fs::file_time_type, std::pair<std::string, std::uint64_t>>> found;
    for (auto it = fs::recursive_directory_iterator(options_.root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const auto name = it->path().filename().string();
        if (name.starts_with(".tmp")) {
            fs::remove(it->path(), ec);
            continue;
        }
        found.push_back({it->last_write_time(ec),
                         {fs::relative(it->path(), options_.root, ec).generic_string(), it->file_size(ec)}});
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::lock_guard lock(mutex_);
    for (auto& [time, entry] : found) index(std::move(entry.first), entry.second);
    evict();
}

std::optional<std::string> PreviewCache::get(std::string_view folder, std::string_view name) {
    if (options_.max_bytes == 0) return std::nullopt;
    auto key = std::string(folder) + "/" + std::string(name);
    {
        std::lock_guard lock(mutex_);
        const auto it = by_key_.find(key);
        if (it == by_key_.end()) return std::nullopt;
        lru_.splice(lru_.begin(), lru_, it->second);
    }
    std::ifstream in(options_.root / key, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::nullopt;
    return bytes;
}

void PreviewCache::put(std::string_view folder, std::string_view name, std::string_view bytes) {
    if (options_.max_bytes == 0 || bytes.size() > options_.max_bytes) return;
    static std::atomic<std::uint64_t> counter{0};
    auto key = std::string(folder) + "/" + std::string(name);
    const auto path = options_.root / key;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    const auto tmp = path.parent_path() / (".tmp" + std::to_string(counter++));
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) {
            spdlog::warn("preview cache: cannot write {}", tmp.string());
            fs::remove(tmp, ec);
            return;
        }
    }
    fs::rename(tmp, path, ec);
    if (ec) {
        spdlog::warn("preview cache: cannot store {}: {}", path.string(), ec.message());
        fs::remove(tmp, ec);
        return;
    }
    std::lock_guard lock(mutex_);
    index(std::move(key), bytes.size());
    evict();
}

void PreviewCache::forget(std::string_view folder) {
    const auto prefix = std::string(folder) + "/";
    {
        std::lock_guard lock(mutex_);
        for (auto it = lru_.begin(); it != lru_.end();) {
            if (it->key.starts_with(prefix)) {
                bytes_ -= it->size;
                by_key_.erase(it->key);
                it = lru_.erase(it);
            } else {
                ++it;
            }
        }
    }
    std::error_code ec;
    fs::remove_all(options_.root / std::string(folder), ec);
}

std::uint64_t PreviewCache::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

std::size_t PreviewCache::entries() const {
    std::lock_guard lock(mutex_);
    return lru_.size();
}

void PreviewCache::index(std::string key, std::uint64_t size) {
    if (const auto it = by_key_.find(key); it != by_key_.end()) {
        bytes_ -= it->second->size;
        lru_.erase(it->second);
        by_key_.erase(it);
    }
    lru_.push_front(Entry{key, size});
    by_key_.emplace(std::move(key), lru_.begin());
    bytes_ += size;
}

void PreviewCache::evict() {
    std::error_code ec;
    while (bytes_ > options_.max_bytes && !lru_.empty()) {
        const auto& last = lru_.back();
        // Removing under the lock keeps the index and the disk in step; one unlink is cheap.
        fs::remove(options_.root / last.key, ec);
        bytes_ -= last.size;
        by_key_.erase(last.key);
        lru_.pop_back();
    }
}

}  // namespace basalt::storage
