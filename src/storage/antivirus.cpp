// clamd client over POSIX sockets (see antivirus.hpp for why by hand).
#include "storage/antivirus.hpp"

#include <fmt/format.h>
#include <netdb.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <memory>

#include "core/error.hpp"
#include "storage/storage.hpp"

namespace basalt::storage {
namespace {

// Piece size of an INSTREAM upload (clamd's StreamMaxLength bounds the total, not the pieces).
constexpr std::size_t kStreamChunk = 64 * 1024;
constexpr std::size_t kMaxReply = 4096;

[[noreturn]] void unavailable(std::string_view why) {
    spdlog::error("clamd: {}", why);
    throw Error(ErrorType::kGeneralUnknown, "Antivirus is not available");
}

// A connected socket, closed on scope exit.
class Connection {
public:
    Connection(const ClamdAddress& address, std::chrono::milliseconds timeout) : timeout_(timeout) {
        if (address.unix_socket) {
            connect_unix(address.path);
        } else {
            connect_tcp(address.host, address.port);
        }
        timeval tv{.tv_sec = static_cast<time_t>(timeout.count() / 1000),
                   .tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
        setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    }
    ~Connection() {
        if (fd_ >= 0) ::close(fd_);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void send(std::string_view bytes) {
        while (!bytes.empty()) {
            const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) unavailable(fmt::format("send: {}", std::strerror(errno)));
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
    }

    // One NUL- or newline-terminated reply (or what arrives before clamd closes).
    std::string reply() {
        std::string out;
        char buffer[512];
        while (out.size() < kMaxReply) {
            const auto n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) unavailable(fmt::format("recv: {}", std::strerror(errno)));
            if (n == 0) break;
            out.append(buffer, static_cast<std::size_t>(n));
            if (out.find('\0') != std::string::npos || out.find('\n') != std::string::npos) break;
        }
        const auto end = out.find_first_of(std::string_view("\0\n", 2));
        if (end != std::string::npos) out.resize(end);
        if (out.empty()) unavailable("empty reply");
        return out;
    }

private:
    void connect_unix(const std::string& path) {
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        if (path.size() >= sizeof addr.sun_path) unavailable("socket path too long");
        std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
        fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd_ < 0) unavailable(fmt::format("socket: {}", std::strerror(errno)));
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            const auto why = fmt::format("connect {}: {}", path, std::strerror(errno));
            ::close(fd_);  // the destructor does not run when the constructor throws
            fd_ = -1;
            unavailable(why);
        }
    }

    void connect_tcp(const std::string& host, unsigned short port) {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo* found = nullptr;
        const auto service = std::to_string(port);
        if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 || !found) {
            unavailable(fmt::format("cannot resolve {}", host));
        }
        std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, &::freeaddrinfo);
        int error = 0;
        for (auto* ai = found; ai; ai = ai->ai_next) {
            fd_ = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
            if (fd_ < 0) {
                error = errno;
                continue;
            }
            if (connect_within(ai->ai_addr, ai->ai_addrlen)) return;
            error = errno;
            ::close(fd_);
            fd_ = -1;
        }
        unavailable(fmt::format("connect {}:{}: {}", host, port, std::strerror(error)));
    }

    // connect() with the timeout (a blocking connect to a filtered port could hang for minutes).
    bool connect_within(const sockaddr* addr, socklen_t length) {
        timeval tv{.tv_sec = static_cast<time_t>(timeout_.count() / 1000),
                   .tv_usec = static_cast<suseconds_t>((timeout_.count() % 1000) * 1000)};
        setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        return ::connect(fd_, addr, length) == 0;
    }

    int fd_ = -1;
    std::chrono::milliseconds timeout_;
};

std::string big_endian(std::uint32_t n) {
    const char bytes[4] = {static_cast<char>(n >> 24), static_cast<char>(n >> 16),
                           static_cast<char>(n >> 8), static_cast<char>(n)};
    return std::string(bytes, 4);
}

}  // namespace

std::optional<ClamdAddress> ClamdAddress::parse(std::string_view text) {
    ClamdAddress out;
    if (text.starts_with("unix:")) {
        out.unix_socket = true;
        out.path = std::string(text.substr(5));
        if (out.path.empty() || out.path.front() != '/') return std::nullopt;
        return out;
    }
    if (!text.starts_with("tcp:")) return std::nullopt;
    text.remove_prefix(4);
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    auto host = text.substr(0, colon);
    if (host.starts_with('[')) {
        if (!host.ends_with(']') || host.size() < 3) return std::nullopt;
        host = host.substr(1, host.size() - 2);
    }
    const auto port_text = text.substr(colon + 1);
    unsigned port = 0;
    const auto [end, ec] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || port == 0 ||
        port > 65535) {
        return std::nullopt;
    }
    out.host = std::string(host);
    out.port = static_cast<unsigned short>(port);
    return out;
}

Antivirus::Antivirus(std::optional<ClamdAddress> address, std::chrono::milliseconds timeout)
    : address_(std::move(address)), timeout_(timeout) {}

std::string Antivirus::command(std::string_view name) const {
    if (!address_) unavailable("not configured");
    Connection connection(*address_, timeout_);
    connection.send(fmt::format("z{}", name) + std::string(1, '\0'));
    return connection.reply();
}

std::string Antivirus::version() const { return command("VERSION"); }

bool Antivirus::ping() const { return command("PING") == "PONG"; }

ScanResult Antivirus::scan(std::string_view bytes) const {
    if (!address_) unavailable("not configured");
    Connection connection(*address_, timeout_);
    connection.send(std::string_view("zINSTREAM\0", 10));
    while (!bytes.empty()) {
        const auto piece = bytes.substr(0, kStreamChunk);
        connection.send(big_endian(static_cast<std::uint32_t>(piece.size())));
        connection.send(piece);
        bytes.remove_prefix(piece.size());
    }
    connection.send(big_endian(0));
    const auto reply = connection.reply();
    // "stream: OK", "stream: Eicar-Signature FOUND", "INSTREAM size limit exceeded. ERROR".
    if (reply.ends_with(" FOUND")) {
        auto name = std::string_view(reply).substr(0, reply.size() - 6);
        if (name.starts_with("stream: ")) name.remove_prefix(8);
        return ScanResult{.infected = true, .signature = std::string(name)};
    }
    if (reply.ends_with(": OK")) return ScanResult{};
    unavailable(fmt::format("scan failed: {}", reply));
}

namespace {

bool scan_due(const Antivirus* antivirus, const Bucket& bucket, std::int64_t size) {
    return antivirus && antivirus->enabled() && bucket.antivirus() && size <= kAntivirusLimit;
}

void refuse_if_infected(const Antivirus& antivirus, std::string_view bytes) {
    const auto result = antivirus.scan(bytes);
    if (result.infected) {
        spdlog::info("antivirus: upload refused ({})", result.signature);
        throw Error(ErrorType::kStorageInvalidFile,
                    "The uploaded file is invalid. Please check the file and try again.");
    }
}

}  // namespace

void scan_upload(const Antivirus* antivirus, const Bucket& bucket, std::string_view bytes) {
    if (scan_due(antivirus, bucket, static_cast<std::int64_t>(bytes.size())))
        refuse_if_infected(*antivirus, bytes);
}

void scan_upload(const Antivirus* antivirus, const Bucket& bucket, std::int64_t size,
                 const std::function<std::string()>& read) {
    if (scan_due(antivirus, bucket, size)) refuse_if_infected(*antivirus, read());
}

}  // namespace basalt::storage
