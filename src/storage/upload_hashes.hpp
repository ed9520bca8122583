// The MD5 of chunked uploads, computed while their parts arrive instead of by reading the whole
// file again when the last one does (Appwrite's `signature`). Parts are hashed in order from the
// request bodies; a part that arrives before its predecessor, or while another request is
// hashing, waits as a copy within a memory budget, and the request hashing picks it up. Past the
// budget (a client sending faster than one core hashes) a part waits as a note, and is read back
// from the device when its turn comes. Whatever breaks the chain (a part sent again after it was
// hashed, a part the device cannot read back, a restart, an upload idle for long) only makes
// finish() answer nullopt: the caller then hashes the assembled file as before, so the signature
// is always right.
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace basalt::storage {

class UploadHashes {
public:
    struct Limits {
        std::size_t waiting_bytes = 64u << 20;  // copies of early parts, over all uploads
        std::size_t uploads = 1024;              // uploads tracked at once
        std::chrono::seconds idle{600};          // an upload untouched this long is forgotten
    };

    // Reads the `size` stored bytes of part `part` of the upload `key` back (Device::read_part);
    // nullopt when it cannot.
    using ReadBack =
        std::function<std::optional<std::string>(const std::string& key, std::int64_t part, std::size_t size)>;

    // Without `read_back`, a part over the budget breaks the chain instead of being noted.
    explicit UploadHashes(ReadBack read_back = {}) : UploadHashes(Limits{}, std::move(read_back)) {}
    UploadHashes(Limits limits, ReadBack read_back) : limits_(limits), read_back_(std::move(read_back)) {}
    ~UploadHashes();

    struct Upload;

    // The hash's turn, taken by the add() whose part was next: run() hashes that part, then the
    // waiting parts that follow it. Destroyed without run(), it gives the turn up (the hash is
    // then unknown).
    class Turn {
    public:
        Turn(std::shared_ptr<Upload> upload, std::string_view data, UploadHashes& owner)
            : upload_(std::move(upload)), data_(data), owner_(&owner) {}
        Turn(Turn&& other) noexcept
            : upload_(std::move(other.upload_)), data_(other.data_), owner_(other.owner_) {}
        Turn& operator=(Turn&&) = delete;
        ~Turn();
        void run() noexcept;

    private:
        std::shared_ptr<Upload> upload_;  // null once run or moved from
        std::string_view data_;
        UploadHashes* owner_;
    };

    // Part `part` (1-based) of the upload `key` was stored with these bytes (which must stay
    // alive until the returned turn has run). Part 1 starts a fresh hash (and restarts one in
    // progress). Quick: it copies the part, notes it (over the budget: read back when its turn
    // comes) or takes the turn; run the turn after releasing the locks the caller holds, so that
    // other parts are not held up while it hashes.
    [[nodiscard]] std::optional<Turn> add(const std::string& key, std::int64_t part, std::string_view data);
    // The MD5 (hex) of parts 1..total when each was added once, in order or waiting; nullopt
    // otherwise. Waits for a turn still running (at most `kTurnWait`). Forgets the upload.
    std::optional<std::string> finish(const std::string& key, std::int64_t total);
    static constexpr std::chrono::seconds kTurnWait{30};
    // Drops what is known of the upload (deleted, failed).
    void forget(const std::string& key);

private:
    std::shared_ptr<Upload> find(const std::string& key, bool start);
    std::shared_ptr<Upload> take(const std::string& key);
    void drop(Upload& upload);
    void release(std::size_t bytes);

    const Limits limits_;
    const ReadBack read_back_;
    std::mutex mutex_;  // guards uploads_ and waiting_
    std::unordered_map<std::string, std::shared_ptr<Upload>> uploads_;
    std::size_t waiting_ = 0;
};

}  // namespace basalt::storage
