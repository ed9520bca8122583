// The structured access log: one JSON object per request, written to a file descriptor.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "http/message.hpp"

namespace basalt::app {

// Lines are formatted on the calling thread into one of a few buffers and written in batches
// by a background thread every 100 ms (or at once when a buffer passes 256 KiB), so logging
// costs a request neither a syscall nor a queue hand-off. Thread-safe; the destructor flushes.
class AccessLog {
public:
    explicit AccessLog(int fd);
    ~AccessLog();
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;

    // {"time","method","path","status","ms","project","ip"}
    void record(const http::Request& request, int status, double milliseconds);

private:
    struct Shard {
        std::mutex mutex;
        std::string buffer;  // guarded by mutex
    };
    void write_out(std::string& data);
    void flush_all();

    int fd_;
    std::array<Shard, 8> shards_;
    std::mutex write_mutex_;  // keeps batches whole on the descriptor
    std::atomic<bool> stopping_{false};
    std::thread flusher_;
};

}  // namespace basalt::app
