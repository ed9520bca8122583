// Client, operating system and device of a request, read from its User-Agent as Appwrite
// reports them on sessions and logs (clientType ... deviceModel).
//
// Appwrite 1.9.6 uses utopia-php/user-agent, which is checked against Matomo's
// device-detector; Basalt runs Matomo's own rules from the regex files Debian ships in
// ruby-device-detector (2018 data, plus a few rules for newer agents in newer_rules.cpp).
// Unknown values are "", which is what Appwrite's responses show for them.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace basalt::device {

inline constexpr std::string_view kDefaultRegexesDir =
    "/usr/share/rubygems-integration/all/gems/device_detector-1.0.1/regexes";

// User agents are read up to this many bytes: real ones are far shorter, and the bound keeps
// the cost of a hostile header in check.
inline constexpr std::size_t kMaxUserAgentBytes = 1024;

struct ClientInfo {
    std::string client_type;            // "browser", "library", "mobile app", "desktop" (CLI)...
    std::string client_code;            // Matomo's browser code, e.g. "CH"; "cli" for the CLI
    std::string client_name;            // "Chrome", "curl", "Appwrite CLI"
    std::string client_version;         // major.minor, e.g. "126.0"
    std::string client_engine;          // "Blink", "WebKit", "Gecko"...
    std::string client_engine_version;  // as sent, e.g. "605.1.15"
    std::string os_code;                // "MAC", "WIN", "IOS", "AND", "LIN"...
    std::string os_name;                // "Mac", "Windows", "iOS", "Android", "GNU/Linux"...
    std::string os_version;             // major.minor, e.g. "10.15"; Windows "7", "10"
    std::string device_name;            // device type: "desktop", "smartphone", "tablet", "tv"...
    std::string device_brand;           // "Apple", "Samsung"...
    std::string device_model;           // "iPhone", "GALAXY S8"...

    bool operator==(const ClientInfo&) const = default;
};

struct Rules;
template <typename Value>
class RecentCache;

// Thread-safety: detect() and preload() may run concurrently from any number of threads.
// Construction is cheap (it only checks the directory): the ~250 kB of YAML are read on
// first use and each pattern is compiled when first reached. Call preload() on a spare
// thread at start-up to take that cost (~40 ms) off the first request.
class DeviceDetector {
public:
    // Throws basalt::Error(kGeneralServerError) if `regexes_dir` is not a directory.
    // `cache_entries` recent user agents keep their answer (0: no cache).
    explicit DeviceDetector(std::filesystem::path regexes_dir = kDefaultRegexesDir,
                            std::size_t cache_entries = 1024);
    ~DeviceDetector();
    DeviceDetector(const DeviceDetector&) = delete;
    DeviceDetector& operator=(const DeviceDetector&) = delete;

    // What `user_agent` says; every field "" when it says nothing known (empty or unknown
    // text). Never throws for any user agent; throws basalt::Error(kGeneralServerError) when
    // the data files cannot be read or a pattern in them does not compile (a broken
    // installation, also reported by preload()).
    ClientInfo detect(std::string_view user_agent) const;

    // Reads the data files and compiles every pattern now. Throws as detect() does.
    void preload() const;

private:
    const Rules& rules() const;

    const std::filesystem::path regexes_dir_;
    const std::unique_ptr<RecentCache<ClientInfo>> cache_;
    mutable std::mutex load_mutex_;
    mutable std::unique_ptr<const Rules> rules_;  // guarded by load_mutex_; set once
    mutable std::atomic<const Rules*> loaded_{};  // rules_ once set, for readers without lock
};

}  // namespace basalt::device
