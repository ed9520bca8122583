#include "storage/upload_hashes.hpp"

#include <map>
#include <vector>

#include "storage/codec.hpp"

namespace basalt::storage {

// A part that came before its turn: its bytes, or (over the budget) how many to read back.
struct Early {
    std::string bytes;
    std::size_t read_back = 0;
};

struct UploadHashes::Upload {
    explicit Upload(std::string upload_key) : key(std::move(upload_key)) {}
    const std::string key;
    std::mutex mutex;  // guards everything below but md5
    Md5 md5;           // used only by the holder of the turn (or finish(), once no turn runs)
    std::int64_t next = 1;                          // the first part not yet taken for hashing
    std::map<std::int64_t, Early> early;            // parts from `next` on
    bool hashing = false;                           // a turn is out
    std::condition_variable turn_over;              // signalled when `hashing` ends
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
            found = std::make_shared<Upload>(key);
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
    for (const auto& [part, early] : upload.early) waiting += early.bytes.size();
    upload.early.clear();
    upload.broken = true;
    release(waiting);
}

void UploadHashes::release(std::size_t bytes) {
    std::lock_guard lock(mutex_);
    waiting_ -= bytes;
}

std::optional<UploadHashes::Turn> UploadHashes::add(const std::string& key, std::int64_t part,
                                                    std::string_view data) {
    auto upload = find(key, part == 1);
    if (!upload) return std::nullopt;
    std::lock_guard lock(upload->mutex);
    if (upload->broken) return std::nullopt;
    if (part < upload->next) {  // sent again after it was hashed: its bytes may differ
        upload->broken = true;
        return std::nullopt;
    }
    if (part == upload->next && !upload->hashing) {
        upload->hashing = true;
        ++upload->next;
        return Turn(std::move(upload), data, *this);
    }
    // Twice waiting: which copy the device kept is unknown.
    if (upload->early.contains(part)) {
        upload->broken = true;
        return std::nullopt;
    }
    {
        std::lock_guard budget(mutex_);
        if (waiting_ + data.size() <= limits_.waiting_bytes) {
            waiting_ += data.size();
            upload->early.emplace(part, Early{.bytes = std::string(data)});
            return std::nullopt;
        }
    }
    if (!read_back_ || data.empty()) {
        upload->broken = true;
        return std::nullopt;
    }
    upload->early.emplace(part, Early{.read_back = data.size()});
    return std::nullopt;
}

void UploadHashes::Turn::run() noexcept {
    const auto upload = std::move(upload_);
    if (!upload) return;
    try {
        upload->md5.update(data_);
        for (;;) {
            Early piece;
            std::int64_t part = 0;
            {
                std::lock_guard lock(upload->mutex);
                const auto it = upload->early.find(upload->next);
                if (upload->broken || it == upload->early.end()) {
                    upload->hashing = false;
                    upload->turn_over.notify_all();
                    return;
                }
                part = it->first;
                piece = std::move(it->second);
                upload->early.erase(it);
                ++upload->next;
                owner_->release(piece.bytes.size());
            }
            if (piece.read_back > 0) {
                auto bytes = owner_->read_back_(upload->key, part, piece.read_back);
                if (!bytes || bytes->size() != piece.read_back) {
                    std::lock_guard lock(upload->mutex);
                    upload->broken = true;
                    upload->hashing = false;
                    upload->turn_over.notify_all();
                    return;
                }
                piece.bytes = std::move(*bytes);
            }
            upload->md5.update(piece.bytes);
        }
    } catch (...) {  // (allocation) the chain stops; finish() then reads the file
        std::lock_guard lock(upload->mutex);
        upload->broken = true;
        upload->hashing = false;
        upload->turn_over.notify_all();
    }
}

UploadHashes::Turn::~Turn() {
    if (!upload_) return;
    std::lock_guard lock(upload_->mutex);
    upload_->broken = true;
    upload_->hashing = false;
    upload_->turn_over.notify_all();
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
        std::unique_lock lock(upload->mutex);
        if (upload->turn_over.wait_for(lock, kTurnWait, [&] { return !upload->hashing; }) && !upload->broken &&
            upload->next == total + 1) {
            hex = upload->md5.hex();
        }
        upload->broken = true;
    }
    drop(*upload);
    return hex;
}

void UploadHashes::forget(const std::string& key) {
    if (const auto upload = take(key)) drop(*upload);
}

}  // namespace basalt::storage
