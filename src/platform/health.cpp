#include "platform/health.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <fcntl.h>
#include <poll.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fmt/format.h>
#include <fstream>
#include <memory>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/net.hpp"
#include "db/store.hpp"

namespace basalt::platform {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kConnectTimeoutSeconds = 10;

std::int64_t elapsed_ms(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

struct HostPort {
    std::string host;
    std::string port;
};

HostPort split_host_port(std::string_view text, std::string_view default_port) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || text.find(']') != std::string_view::npos) {
        return {std::string(text), std::string(default_port)};
    }
    return {std::string(text.substr(0, colon)), std::string(text.substr(colon + 1))};
}

struct AddrInfoFree {
    void operator()(addrinfo* info) const { freeaddrinfo(info); }
};
using AddrInfo = std::unique_ptr<addrinfo, AddrInfoFree>;

AddrInfo resolve(const HostPort& target, int socktype) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = socktype;
    addrinfo* result = nullptr;
    if (getaddrinfo(target.host.c_str(), target.port.c_str(), &hints, &result) != 0) return nullptr;
    return AddrInfo(result);
}

// A TCP connection to `info` within `seconds` (connect, then each read/write of the TLS
// handshake), or -1.
int connect_with_timeout(const addrinfo& info, int seconds) {
    const int fd = socket(info.ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int error = 0;
    if (connect(fd, info.ai_addr, info.ai_addrlen) != 0) {
        pollfd waiting{fd, POLLOUT, 0};
        socklen_t size = sizeof error;
        if (errno != EINPROGRESS || poll(&waiting, 1, seconds * 1000) != 1 ||
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) != 0) {
            error = -1;
        }
    }
    const timeval timeout{seconds, 0};
    if (error != 0 || fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0 ||
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout) != 0 ||
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

// The address in text form, for net::is_non_public_ip.
std::string numeric_host(const addrinfo& info) {
    char host[NI_MAXHOST];
    if (getnameinfo(info.ai_addr, info.ai_addrlen, host, sizeof host, nullptr, 0, NI_NUMERICHOST) != 0) {
        return {};
    }
    return host;
}

bool is_hostname(std::string_view host) {
    if (host.empty() || host.size() > 253) return false;
    for (char c : host) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '.';
        if (!ok) return false;
    }
    return host.front() != '.' && host.front() != '-';
}

std::string name_entry(X509_NAME* name, int nid) {
    if (!name) return {};
    const int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0) return {};
    const auto* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char* utf8 = nullptr;
    const int size = ASN1_STRING_to_UTF8(&utf8, data);
    if (size < 0) return {};
    std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(size));
    OPENSSL_free(utf8);
    return out;
}

std::string one_line(X509_NAME* name) {
    if (!name) return {};
    char buffer[512];
    X509_NAME_oneline(name, buffer, sizeof buffer);
    return buffer;
}

std::int64_t to_unix(const ASN1_TIME* when) {
    std::tm tm{};
    if (!when || ASN1_TIME_to_tm(when, &tm) != 1) return 0;
    return static_cast<std::int64_t>(timegm(&tm));
}

}  // namespace

Health::Health(HealthOptions options, db::Store& store) : options_(std::move(options)), store_(store) {}

ProbeResult Health::database() {
    const auto start = Clock::now();
    (void)store_.platform()->get_document(db::Authorization::internal(), "projects", "_health_probe");
    return {elapsed_ms(start), true};
}

ProbeResult Health::local_storage() {
    const auto start = Clock::now();
    const auto path = options_.data_dir / (".health-" + ids::unique());
    const std::string payload = "basalt";
    bool pass = false;
    {
        std::ofstream out(path, std::ios::binary);
        out << payload;
        pass = static_cast<bool>(out);
    }
    if (pass) {
        std::ifstream in(path, std::ios::binary);
        std::string read((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        pass = read == payload;
    }
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    return {elapsed_ms(start), pass};
}

// SNTP (RFC 4330) needs one UDP datagram each way; no Debian library offers a client for it.
TimeCheck Health::time() {
    const auto target = split_host_port(options_.ntp_server, "123");
    const auto info = resolve(target, SOCK_DGRAM);
    if (!info) throw Error(ErrorType::kGeneralServerError, "Failed to resolve the time server");
    const int fd = socket(info->ai_family, SOCK_DGRAM, 0);
    if (fd < 0) throw Error(ErrorType::kGeneralServerError, "Failed to create socket");
    const timeval timeout{5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    unsigned char packet[48] = {0x1b};  // LI 0, version 3, mode 3 (client)
    const bool sent = connect(fd, info->ai_addr, info->ai_addrlen) == 0 &&
                      send(fd, packet, sizeof packet, 0) == static_cast<ssize_t>(sizeof packet);
    const ssize_t received = sent ? recv(fd, packet, sizeof packet, 0) : -1;
    close(fd);
    if (received != static_cast<ssize_t>(sizeof packet)) {
        throw Error(ErrorType::kGeneralServerError, "Failed to receive NTP response");
    }
    // Transmit timestamp, seconds since 1900, at bytes 40..43.
    const std::uint32_t seconds = std::uint32_t(packet[40]) << 24 | std::uint32_t(packet[41]) << 16 |
                                  std::uint32_t(packet[42]) << 8 | std::uint32_t(packet[43]);
    TimeCheck check;
    check.remote_time = static_cast<std::int64_t>(seconds) - 2208988800LL;
    check.local_time = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    check.diff = check.remote_time - check.local_time;
    if (check.diff > 60 || check.diff < -60) {
        throw Error(ErrorType::kGeneralServerError, "Server time gaps detected");
    }
    return check;
}

CertificateInfo Health::certificate(std::string_view domain) {
    if (const auto scheme = domain.find("://"); scheme != std::string_view::npos) {
        domain = domain.substr(scheme + 3);
        domain = domain.substr(0, domain.find_first_of("/?#"));
    }
    auto target = split_host_port(domain, "443");
    const bool port_ok = options_.allow_private_hosts ? !target.port.empty() : target.port == "443";
    if (!is_hostname(target.host) || !port_ok) {
        throw Error(ErrorType::kGeneralArgumentInvalid, "Invalid `domain` param: Value must be a valid domain");
    }
    const auto info = resolve(target, SOCK_STREAM);
    if (!info) throw Error(ErrorType::kHealthInvalidHost, "Failed to connect to host: unknown host");
    const auto host = numeric_host(*info);
    if (!options_.allow_private_hosts && (host.empty() || net::is_non_public_ip(host))) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    "Invalid `domain` param: Value must be a public domain");
    }
    // Connect to the address just checked (a second lookup could answer another one).
    const int fd = connect_with_timeout(*info, kConnectTimeoutSeconds);
    if (fd < 0) throw Error(ErrorType::kHealthInvalidHost, "Failed to connect to host: " + target.host);
    std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
    std::unique_ptr<SSL, decltype(&SSL_free)> ssl(ctx ? SSL_new(ctx.get()) : nullptr, SSL_free);
    if (!ssl) {
        close(fd);
        throw Error(ErrorType::kGeneralServerError, "TLS setup failed");
    }
    SSL_set_fd(ssl.get(), fd);
    SSL_set_tlsext_host_name(ssl.get(), target.host.c_str());
    const bool handshake = SSL_connect(ssl.get()) == 1;
    std::unique_ptr<X509, decltype(&X509_free)> cert(handshake ? SSL_get1_peer_certificate(ssl.get()) : nullptr,
                                                     X509_free);
    ssl.reset();
    close(fd);
    if (!handshake) throw Error(ErrorType::kHealthInvalidHost, "Failed to connect to host: TLS handshake failed");
    if (!cert) throw Error(ErrorType::kHealthInvalidHost, "Peer certificate not available for " + target.host);
    const auto valid_to = to_unix(X509_get0_notAfter(cert.get()));
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    if (valid_to < now) throw Error(ErrorType::kHealthCertificateExpired);
    CertificateInfo out;
    out.name = one_line(X509_get_subject_name(cert.get()));
    out.subject_sn = name_entry(X509_get_subject_name(cert.get()), NID_commonName);
    out.issuer_organisation = name_entry(X509_get_issuer_name(cert.get()), NID_organizationName);
    out.valid_from = std::to_string(to_unix(X509_get0_notBefore(cert.get())));
    out.valid_to = std::to_string(valid_to);
    out.signature_type_sn = OBJ_nid2sn(X509_get_signature_nid(cert.get()));
    return out;
}

}  // namespace basalt::platform
