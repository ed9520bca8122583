// The preview cache's disk files and LRU index.
#include "storage/preview_cache.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <vector>

namespace basalt::storage {
namespace fs = std::filesystem;
namespace {

// The whole file in one read (an entry is small); nullopt when it cannot be read.
std::optional<std::string> read_file(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    std::optional<std::string> out;
    if (::fstat(fd, &st) == 0) {
        std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
        std::size_t done = 0;
        while (done < bytes.size()) {
            const auto n = ::read(fd, bytes.data() + done, bytes.size() - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        if (done == bytes.size()) out = std::move(bytes);
    }
    ::close(fd);
    return out;
}

}  // namespace

PreviewCache::PreviewCache(PreviewCacheOptions options) : options_(std::move(options)) {
    std::error_code ec;
    fs::create_directories(options_.root, ec);
    // Entries of an earlier run, oldest first, so that they are evicted first.
    std::vector<std::pair<fs::file_time_type, std::pair<std::string, std::uint64_t>>> found;
    for (auto it = fs::recursive_directory_iterator(options_.root, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const auto name = it->path().filename().string();
        if (name.starts_with(".tmp")) {
            fs::remove(it->path(), ec);
            continue;
        }
        found.push_back(
            {it->last_write_time(ec),
             {fs::relative(it->path(), options_.root, ec).generic_string(), it->file_size(ec)}});
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::lock_guard lock(mutex_);
    for (auto& [time, entry] : found) index(std::move(entry.first), entry.second, nullptr);
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
        if (it->second->bytes) return *it->second->bytes;
    }
    auto bytes = read_file(options_.root / key);
    if (!bytes) return std::nullopt;
    std::lock_guard lock(mutex_);
    if (const auto it = by_key_.find(key);
        it != by_key_.end() && !it->second->bytes && it->second->size == bytes->size()) {
        it->second->bytes = std::make_shared<const std::string>(*bytes);
        memory_ += bytes->size();
        evict();
    }
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
    index(std::move(key), bytes.size(), std::make_shared<const std::string>(bytes));
    evict();
}

void PreviewCache::forget(std::string_view folder) {
    const auto prefix = std::string(folder) + "/";
    {
        std::lock_guard lock(mutex_);
        for (auto it = lru_.begin(); it != lru_.end();) {
            if (it->key.starts_with(prefix)) {
                bytes_ -= it->size;
                if (it->bytes) memory_ -= it->size;
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

void PreviewCache::index(std::string key, std::uint64_t size,
                         std::shared_ptr<const std::string> bytes) {
    if (const auto it = by_key_.find(key); it != by_key_.end()) {
        bytes_ -= it->second->size;
        if (it->second->bytes) memory_ -= it->second->size;
        lru_.erase(it->second);
        by_key_.erase(it);
    }
    if (bytes) memory_ += size;
    lru_.push_front(Entry{key, size, std::move(bytes)});
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
        if (last.bytes) memory_ -= last.size;
        by_key_.erase(last.key);
        lru_.pop_back();
    }
    // Memory: the least recently used copies go first; their files stay.
    for (auto it = lru_.rbegin(); memory_ > options_.memory_bytes && it != lru_.rend(); ++it) {
        if (!it->bytes) continue;
        memory_ -= it->size;
        it->bytes.reset();
    }
}

}  // namespace basalt::storage
