// The local-disk device. Every write goes to a temporary file beside its target and is renamed
// into place, so readers and concurrent writers of one object never see partial bytes.
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>

#include "core/error.hpp"
#include "storage/device.hpp"

namespace basalt::storage {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kCopyBuffer = 1u << 20;

[[noreturn]] void fail(std::string_view what, const fs::path& path) {
    throw Error(ErrorType::kGeneralServerError, fmt::format("{} {}: {}", what, path.string(), std::strerror(errno)));
}

// An open file descriptor, closed on scope exit.
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

void write_all(int fd, std::string_view data, const fs::path& path) {
    while (!data.empty()) {
        const auto n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("write", path);
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

std::string temp_suffix() {
    static std::atomic<std::uint64_t> counter{0};
    return fmt::format(".tmp{}-{}", ::getpid(), counter.fetch_add(1));
}

class LocalDevice final : public Device {
public:
    explicit LocalDevice(fs::path root) : root_(std::move(root)) { fs::create_directories(root_); }

    void write(std::string_view key, std::string_view data) override { write_file(path(key), data); }

    std::optional<std::string> read(std::string_view key, std::uint64_t offset, std::uint64_t length) override {
        const auto file = path(key);
        Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
        if (fd.get() < 0) {
            if (errno == ENOENT) return std::nullopt;
            fail("open", file);
        }
        const auto total = fs::file_size(file);
        if (offset >= total) return std::string();
        const auto count = std::min<std::uint64_t>(length, total - offset);
        std::string out(count, '\0');
        std::size_t done = 0;
        while (done < count) {
            const auto n = ::pread(fd.get(), out.data() + done, count - done, static_cast<off_t>(offset + done));
            if (n < 0) {
                if (errno == EINTR) continue;
                fail("read", file);
            }
            if (n == 0) break;
            done += static_cast<std::size_t>(n);
        }
        out.resize(done);
        return out;
    }

    std::optional<std::uint64_t> size(std::string_view key) override {
        std::error_code ec;
        const auto n = fs::file_size(path(key), ec);
        if (ec) return std::nullopt;
        return n;
    }

    bool remove(std::string_view key) override {
        std::error_code ec;
        const bool removed = fs::remove(path(key), ec);
        const auto parts = fs::remove_all(parts_dir(key), ec);
        return removed || parts > 0;
    }

    void remove_prefix(std::string_view prefix) override {
        std::error_code ec;
        fs::remove_all(path(prefix), ec);
    }

    std::int64_t write_part(std::string_view key, std::int64_t part, std::string_view data) override {
        const auto dir = parts_dir(key);
        fs::create_directories(dir);
        write_file(dir / std::to_string(part), data);
        return count_in(dir);
    }

    std::int64_t count_parts(std::string_view key) override { return count_in(parts_dir(key)); }

    void remove_part(std::string_view key, std::int64_t part) override {
        std::error_code ec;
        fs::remove(parts_dir(key) / std::to_string(part), ec);
    }

    void assemble(std::string_view key, std::int64_t total,
                  const std::function<void(std::string_view)>& observe) override {
        const auto target = path(key);
        const auto dir = parts_dir(key);
        const fs::path temp = target.string() + temp_suffix();
        try {
            Fd out(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
            if (out.get() < 0) fail("create", temp);
            std::string buffer(kCopyBuffer, '\0');
            for (std::int64_t part = 1; part <= total; ++part) {
                const auto file = dir / std::to_string(part);
                Fd in(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
                if (in.get() < 0) fail("open part", file);
                for (;;) {
                    const auto n = ::read(in.get(), buffer.data(), buffer.size());
                    if (n < 0) {
                        if (errno == EINTR) continue;
                        fail("read", file);
                    }
                    if (n == 0) break;
                    const std::string_view chunk(buffer.data(), static_cast<std::size_t>(n));
                    observe(chunk);
                    write_all(out.get(), chunk, temp);
                }
            }
            fs::rename(temp, target);
        } catch (...) {
            std::error_code ec;
            fs::remove(temp, ec);
            throw;
        }
        std::error_code ec;
        fs::remove_all(dir, ec);
    }

private:
    // Keys are built from validated ids; anything else is a programming error.
    fs::path path(std::string_view key) const {
        if (key.empty() || key.front() == '/' || key.find("..") != std::string_view::npos) {
            throw Error(ErrorType::kGeneralServerError, fmt::format("invalid storage key {}", key));
        }
        return root_ / fs::path(key);
    }

    fs::path parts_dir(std::string_view key) const { return path(key).string() + ".parts"; }

    static std::int64_t count_in(const fs::path& dir) {
        std::int64_t n = 0;
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            if (entry.path().filename().string().find(".tmp") == std::string::npos) ++n;
        }
        return n;
    }

    static void write_file(const fs::path& target, std::string_view data) {
        fs::create_directories(target.parent_path());
        const fs::path temp = target.string() + temp_suffix();
        {
            Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
            if (fd.get() < 0) fail("create", temp);
            try {
                write_all(fd.get(), data, temp);
            } catch (...) {
                std::error_code ec;
                fs::remove(temp, ec);
                throw;
            }
        }
        std::error_code ec;
        fs::rename(temp, target, ec);
        if (ec) {
            fs::remove(temp, ec);
            throw Error(ErrorType::kGeneralServerError, fmt::format("rename {}: {}", target.string(), ec.message()));
        }
    }

    const fs::path root_;  // constant after construction
};

}  // namespace

std::unique_ptr<Device> make_local_device(std::filesystem::path root) {
    return std::make_unique<LocalDevice>(std::move(root));
}

}  // namespace basalt::storage
