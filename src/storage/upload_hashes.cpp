#include "storage/upload_hashes.hpp"

#include <map>
#include <vector>

#include "storage/codec.hpp"

namespace basalt::storage {

struct UploadHashes::Upload {
    std::mutex mutex;  // guards everything below
    Md5 md5;
    std::int64_t next = 1;                          // the part the hash waits for
    std::map<std::int64_t, std::string> early;      // parts after `next`, copied
    bool broken = false;                            // the chain cannot be trusted any more
    std::chrono::steady_clock::time_point touched;  // guarded by UploadHashes::mutex_
};

UploadHashes::~UploadHashes() = default;

// Lock order: an Upload's mutex, then mutex_; never the other way round.
std::shared_ptr<UploadHashes::Upload> UploadHashes::find(const std::string& key, bool start) {
    std::vector<std::shared_ptr<Upload>> dropped;
    std::shared_ptr<Upload> found;
    {
        std::lock_guard lock(mutex_);
        const auto now = std::chrono::steady_clock::now();
        if (start) {
            // Forget idle uploads (abandoned ones would keep their early parts forever).
            for (auto it = uploads_.begin(); it != uploads_.end();) {
                if (now - it->second->touched > limits_.idle) {
                    dropped.push_back(std::move(it->second));
                    it = uploads_.erase(it);
                } else {
                    ++it;
                }
            }
            found = std::make_shared<Upload>();
            found->touched = now;
            auto [it, inserted] = uploads_.try_emplace(key, found);
            if (!inserted) {
                dropped.push_back(std::move(it->second));  // restarted from part 1
                it->second = found;
            } else if (uploads_.size() > limits_.uploads) {
                uploads_.erase(it);
                found = nullptr;
            }
        } else if (const auto it = uploads_.find(key); it != uploads_.end()) {
            it->second->touched = now;
            found = it->second;
        }
    }
    for (const auto& upload : dropped) drop(*upload);
    return found;
}

// Marks `upload` broken (a request still holding it must not feed a newer hash) and frees
// its early parts.
void UploadHashes::drop(Upload& upload) {
    std::lock_guard lock(upload.mutex);
    std::size_t waiting = 0;
    for (const auto& [part, bytes] : upload.early) waiting += bytes.size();
    upload.early.clear();
    upload.broken = true;
    release(waiting);
}

void UploadHashes::release(std::size_t bytes) {
    std::lock_guard lock(mutex_);
    waiting_ -= bytes;
}

void UploadHashes::add(const std::string& key, std::int64_t part, std::string_view data) {
    const auto upload = find(key, part == 1);
    if (!upload) return;
    std::lock_guard lock(upload->mutex);
    if (upload->broken) return;
    if (part < upload->next) {  // sent again after it was hashed: its bytes may differ
        upload->broken = true;
        return;
    }
    if (part > upload->next) {
        // Twice early: which copy the device kept is unknown.
        if (upload->early.contains(part)) {
            upload->broken = true;
            return;
        }
        {
            std::lock_guard budget(mutex_);
            if (waiting_ + data.size() > limits_.waiting_bytes) {
                upload->broken = true;
                return;
            }
            waiting_ += data.size();
        }
        upload->early.emplace(part, std::string(data));
        return;
    }
    upload->md5.update(data);
    ++upload->next;
    for (auto it = upload->early.begin(); it != upload->early.end() && it->first == upload->next;) {
        upload->md5.update(it->second);
        ++upload->next;
        release(it->second.size());
        it = upload->early.erase(it);
    }
}

std::shared_ptr<UploadHashes::Upload> UploadHashes::take(const std::string& key) {
    std::lock_guard lock(mutex_);
    const auto it = uploads_.find(key);
    if (it == uploads_.end()) return nullptr;
    auto upload = std::move(it->second);
    uploads_.erase(it);
    return upload;
}

std::optional<std::string> UploadHashes::finish(const std::string& key, std::int64_t total) {
    const auto upload = take(key);
    if (!upload) return std::nullopt;
    std::optional<std::string> hex;
    {
        std::lock_guard lock(upload->mutex);
        if (!upload->broken && upload->next == total + 1) hex = upload->md5.hex();
    }
    drop(*upload);
    return hex;
}

void UploadHashes::forget(const std::string& key) {
    if (const auto upload = take(key)) drop(*upload);
}

}  // namespace basalt::storage
