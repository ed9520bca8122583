// The local-disk device. Every write goes to a temporary file beside its target, is flushed
// (fdatasync) and renamed into place (then the folder is flushed), so readers and concurrent
// writers of one object never see partial bytes and a finished write survives a crash.
//
// A chunked upload writes each part in place into one file, "<key>.parts/object", at the part's
// offset, past the page cache (O_DIRECT, see write_past_cache) where the filesystem allows it,
// else through the cache starting its writeback (sync_file_range, without waiting), then creates
// the marker "<key>.parts/<N>" holding the kernel's boot id. Assembling checks the markers, reads
// the file once for `observe` (the MD5) unless the caller hashed the parts already, flushes it
// once (fdatasync, as `dd conv=fdatasync`) and renames it into place: every byte is written once,
// never copied part by part, and the disk is flushed once per object instead of once per part.
// Durability: a finished object survives a crash of the machine; the parts of an unfinished
// upload survive a crash of the process (their bytes are on the disk or in the page cache), and
// after a crash of the machine their markers carry an old boot id, so they no longer count and
// the client sends those chunks again instead of the upload being assembled from bytes that may
// never have reached the disk. Without a boot id (not Linux' /proc) each part is flushed before
// its marker.
#include <fcntl.h>
#include <unistd.h>

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
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

// Writes all of `data` at `offset` (pwrite: parts of one file may be written concurrently).
void write_all(int fd, std::string_view data, std::uint64_t offset, const fs::path& path) {
    while (!data.empty()) {
        const auto n = ::pwrite(fd, data.data(), data.size(), static_cast<off_t>(offset));
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("write", path);
        }
        data.remove_prefix(static_cast<std::size_t>(n));
        offset += static_cast<std::uint64_t>(n);
    }
}

// Up to `size` bytes at `offset`; fewer only at the end of the file.
std::size_t read_at(int fd, char* out, std::size_t size, std::uint64_t offset, const fs::path& path) {
    std::size_t done = 0;
    while (done < size) {
        const auto n = ::pread(fd, out + done, size - done, static_cast<off_t>(offset + done));
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("read", path);
        }
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    return done;
}

void flush(int fd, const fs::path& path) {
    if (::fdatasync(fd) != 0) fail("fdatasync", path);
}

// Makes the entries of `dir` (a rename, a new file) durable.
void flush_folder(const fs::path& dir) {
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0 || ::fsync(fd.get()) != 0) fail("fsync", dir);
}

// This boot of the kernel ("" when unknown), written into part markers.
const std::string& boot_id() {
    static const std::string id = [] {
        std::string text;
        Fd fd(::open("/proc/sys/kernel/random/boot_id", O_RDONLY | O_CLOEXEC));
        if (fd.get() < 0) return text;
        char buffer[64];
        const auto n = ::read(fd.get(), buffer, sizeof buffer);
        if (n > 0) text.assign(buffer, static_cast<std::size_t>(n));
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
        return text;
    }();
    return id;
}

// Whether the marker `path` was written in this boot (so its part's bytes are in the page
// cache or on disk); always true when the boot is unknown (parts were then flushed).
bool marker_current(const fs::path& path) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return false;
    char buffer[64];
    const auto n = ::read(fd.get(), buffer, sizeof buffer);
    return n >= 0 && std::string_view(buffer, static_cast<std::size_t>(n)) == boot_id();
}

// The name of a part's marker ("<N>"), and whether a folder entry is one.
std::string marker(std::int64_t part) { return std::to_string(part); }
bool is_marker(const std::string& name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Parts go to the disk past the page cache: a part is written once and not read again before it
// is served, and copying it into newly allocated cache pages is the costliest step of an upload
// (measured on the 2-core VM of bench/: 150-200 ms of CPU per 100 MB written through the cache
// into a new file, about 10 ms with O_DIRECT, at 3 GB/s). O_DIRECT wants aligned memory, offsets
// and sizes: the bytes go through an aligned buffer of the writing thread (kDirectBuffer each,
// kept for the thread's life), and a tail shorter than kDirectAlign through the cache.
constexpr std::size_t kDirectAlign = 4096;
constexpr std::size_t kDirectBuffer = 1u << 20;

// Writes `data` at `offset` (a multiple of kDirectAlign) into `file`, created if missing.
// All of it goes through the cache when the filesystem refuses O_DIRECT (tmpfs before Linux 6.6).
void write_past_cache(const fs::path& file, std::string_view data, std::uint64_t offset) {
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_DIRECT, 0600);
    if (fd < 0 && errno == EINVAL) fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) fail("create", file);
    const Fd guard(fd);
    std::size_t direct = 0;
    if ((::fcntl(fd, F_GETFL) & O_DIRECT) != 0 && offset % kDirectAlign == 0) {
        thread_local const std::unique_ptr<char, decltype(&std::free)> buffer(
            static_cast<char*>(std::aligned_alloc(kDirectAlign, kDirectBuffer)), &std::free);
        const auto whole = data.size() / kDirectAlign * kDirectAlign;
        while (buffer && direct < whole) {
            const auto n = std::min(kDirectBuffer, whole - direct);
            std::memcpy(buffer.get(), data.data() + direct, n);
            const auto written = ::pwrite(fd, buffer.get(), n, static_cast<off_t>(offset + direct));
            if (written < 0 && errno == EINTR) continue;
            if (written < 0 && errno == EINVAL && direct == 0) break;  // refused at the first write
            if (written < 0) fail("write", file);
            // A short direct write leaves an aligned count only by chance: the rest goes below.
            direct += static_cast<std::size_t>(written);
            if (static_cast<std::size_t>(written) != n) break;
        }
        if (::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_DIRECT) != 0) fail("fcntl", file);
    }
    write_all(fd, data.substr(direct), offset + direct, file);
    if (direct < data.size() && !boot_id().empty()) {  // the writeback starts now; assemble() waits for it once
        ::sync_file_range(fd, static_cast<off_t>(offset + direct), static_cast<off_t>(data.size() - direct),
                          SYNC_FILE_RANGE_WRITE);
    }
}

// A byte range of an open file: read with pread, or sent by the server with sendfile(2).
class FileReader final : public ObjectReader {
public:
    FileReader(int fd, fs::path path, std::uint64_t offset, std::uint64_t length)
        : fd_(fd), path_(std::move(path)), offset_(offset), length_(length) {}

    std::uint64_t size() const override { return length_; }

    std::size_t read(char* out, std::size_t max) override {
        const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(max, length_ - done_));
        const auto n = read_at(fd_.get(), out, want, offset_ + done_, path_);
        done_ += n;
        return n;
    }

    std::optional<std::pair<int, std::uint64_t>> file() const override { return std::pair{fd_.get(), offset_}; }

private:
    Fd fd_;
    const fs::path path_;
    const std::uint64_t offset_;
    const std::uint64_t length_;
    std::uint64_t done_ = 0;
};

std::string temp_suffix() {
    static std::atomic<std::uint64_t> counter{0};
    return fmt::format(".tmp{}-{}", ::getpid(), counter.fetch_add(1));
}

class LocalDevice final : public Device {
public:
    explicit LocalDevice(fs::path root) : root_(std::move(root)) { fs::create_directories(root_); }

    void write(std::string_view key, std::string_view data) override { write_file(path(key), data); }

    std::optional<std::string> read(std::string_view key, std::uint64_t offset, std::uint64_t length) override {
        auto reader = open(key, offset, length);
        if (!reader) return std::nullopt;
        std::string out((*reader)->size(), '\0');
        out.resize((*reader)->read(out.data(), out.size()));
        return out;
    }

    std::optional<std::unique_ptr<ObjectReader>> open(std::string_view key, std::uint64_t offset,
                                                      std::uint64_t length) override {
        auto file = path(key);
        const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            if (errno == ENOENT) return std::nullopt;
            fail("open", file);
        }
        struct stat st {};
        if (::fstat(fd, &st) != 0) {
            const int error = errno;
            ::close(fd);
            errno = error;
            fail("stat", file);
        }
        const auto total = static_cast<std::uint64_t>(st.st_size);
        offset = std::min(offset, total);
        const auto count = std::min<std::uint64_t>(length, total - offset);
        return std::make_unique<FileReader>(fd, std::move(file), offset, count);
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
        if (part < 1 || data.size() > kPartSize) {
            throw Error(ErrorType::kGeneralServerError, fmt::format("invalid part {} of {} bytes", part, data.size()));
        }
        fs::create_directories(dir);
        const auto file = dir / kPartsObject;
        write_past_cache(file, data, static_cast<std::uint64_t>(part - 1) * kPartSize);
        if (boot_id().empty()) {
            Fd fd(::open(file.c_str(), O_WRONLY | O_CLOEXEC));
            if (fd.get() < 0) fail("open", file);
            flush(fd.get(), file);
        }
        // The marker appears whole (renamed into place), so that a count never misses a part
        // whose marker is half-written.
        const auto mark = dir / marker(part);
        const fs::path temp = mark.string() + temp_suffix();
        {
            Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
            if (fd.get() < 0) fail("create", temp);
            write_all(fd.get(), boot_id(), 0, temp);
        }
        std::error_code ec;
        fs::rename(temp, mark, ec);
        if (ec) {
            fs::remove(temp, ec);
            throw Error(ErrorType::kGeneralServerError, fmt::format("rename {}: {}", mark.string(), ec.message()));
        }
        return count_in(dir);
    }

    std::int64_t count_parts(std::string_view key) override { return count_in(parts_dir(key)); }

    std::optional<std::string> read_part(std::string_view key, std::int64_t part, std::size_t size) override {
        const auto file = parts_dir(key) / kPartsObject;
        Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
        if (part < 1 || size > kPartSize || fd.get() < 0) return std::nullopt;
        std::string out(size, '\0');
        if (read_at(fd.get(), out.data(), size, static_cast<std::uint64_t>(part - 1) * kPartSize, file) != size)
            return std::nullopt;
        return out;
    }

    void remove_part(std::string_view key, std::int64_t part) override {
        std::error_code ec;
        fs::remove(parts_dir(key) / marker(part), ec);
    }

    void assemble_without_reading(std::string_view key, std::int64_t total) override { assemble(key, total, nullptr); }

    // `observe` may be empty (assemble_without_reading): the parts are then only renamed.
    void assemble(std::string_view key, std::int64_t total,
                  const std::function<void(std::string_view)>& observe) override {
        const auto target = path(key);
        const auto dir = parts_dir(key);
        for (std::int64_t part = 1; part <= total; ++part) {
            if (!marker_current(dir / marker(part))) {
                throw Error(ErrorType::kGeneralServerError, fmt::format("part {} of {} is missing", part, key));
            }
        }
        const auto file = dir / kPartsObject;
        if (observe) {
            Fd in(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
            if (in.get() < 0) fail("open", file);
            ::posix_fadvise(in.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
            std::string buffer(kCopyBuffer, '\0');
            for (std::uint64_t offset = 0;;) {
                const auto n = read_at(in.get(), buffer.data(), buffer.size(), offset, file);
                if (n == 0) break;
                observe(std::string_view(buffer.data(), n));
                offset += n;
            }
        }
        {
            Fd out(::open(file.c_str(), O_WRONLY | O_CLOEXEC));
            if (out.get() < 0) fail("open", file);
            flush(out.get(), file);
        }
        std::error_code ec;
        fs::rename(file, target, ec);
        if (ec) throw Error(ErrorType::kGeneralServerError, fmt::format("rename {}: {}", target.string(), ec.message()));
        flush_folder(target.parent_path());
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
            if (is_marker(entry.path().filename().string()) && marker_current(entry.path())) ++n;
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
                write_all(fd.get(), data, 0, temp);
                flush(fd.get(), temp);
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
        flush_folder(target.parent_path());
    }

    // The file a chunked upload writes its parts into (not a marker: not all digits).
    static constexpr std::string_view kPartsObject = "object";

    const fs::path root_;  // constant after construction
};

}  // namespace

std::unique_ptr<Device> make_local_device(std::filesystem::path root) {
    return std::make_unique<LocalDevice>(std::move(root));
}

}  // namespace basalt::storage
