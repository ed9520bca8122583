#include "app/access_log.hpp"

#include <unistd.h>

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <chrono>
#include <fmt/format.h>
#include <functional>

#include "core/time.hpp"

namespace basalt::app {
namespace {

constexpr std::size_t kFlushBytes = 256 * 1024;
constexpr auto kFlushInterval = std::chrono::milliseconds(100);

// Appends `text` as a JSON string literal.
void append_json_string(std::string& out, std::string_view text) {
    out += boost::json::serialize(boost::json::string_view(text));
}

}  // namespace

AccessLog::AccessLog(int fd) : fd_(fd) {
    flusher_ = std::thread([this] {
        while (!stopping_.load(std::memory_order_relaxed)) {
            std::this_thread::sleep_for(kFlushInterval);
            flush_all();
        }
    });
}

AccessLog::~AccessLog() {
    stopping_ = true;
    flusher_.join();
    flush_all();
}

void AccessLog::record(const http::Request& request, int status, double milliseconds) {
    thread_local std::string line;
    thread_local std::int64_t cached_second = -1;
    thread_local std::string cached_prefix;  // "2026-11-24T21:36:48." for cached_second
    const auto now = time::now_ms();
    if (now / 1000 != cached_second) {
        cached_second = now / 1000;
        const auto iso = time::format_iso(cached_second * 1000);
        cached_prefix = iso.substr(0, iso.find('.') + 1);
    }
    line.clear();
    line += R"({"time":")";
    line += cached_prefix;
    fmt::format_to(std::back_inserter(line), R"({:03}+00:00","method":"{}","path":)", now % 1000,
                   http::to_string(request.method));
    append_json_string(line, request.path);
    fmt::format_to(std::back_inserter(line), R"(,"status":{},"ms":{:.3f},"project":)", status, milliseconds);
    append_json_string(line, request.project_id);
    line += R"(,"ip":)";
    append_json_string(line, request.remote_ip);
    line += "}\n";

    auto& shard = shards_[std::hash<std::thread::id>{}(std::this_thread::get_id()) % shards_.size()];
    std::string full;
    {
        std::lock_guard lock(shard.mutex);
        shard.buffer += line;
        if (shard.buffer.size() >= kFlushBytes) full.swap(shard.buffer);
    }
    if (!full.empty()) write_out(full);
}

void AccessLog::flush_all() {
    for (auto& shard : shards_) {
        std::string pending;
        {
            std::lock_guard lock(shard.mutex);
            pending.swap(shard.buffer);
        }
        if (!pending.empty()) write_out(pending);
    }
}

void AccessLog::write_out(std::string& data) {
    std::lock_guard lock(write_mutex_);
    std::size_t done = 0;
    while (done < data.size()) {
        const auto n = ::write(fd_, data.data() + done, data.size() - done);
        if (n <= 0) return;  // stdout closed: the log is best-effort, requests are not
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace basalt::app
