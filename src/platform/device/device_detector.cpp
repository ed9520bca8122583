#include "platform/device/device_detector.hpp"

#include <optional>
#include <system_error>

#include "core/error.hpp"
#include "platform/device/appwrite_clients.hpp"
#include "platform/device/detection.hpp"
#include "platform/device/recent_cache.hpp"
#include "platform/device/rules.hpp"

namespace basalt::device {

DeviceDetector::DeviceDetector(std::filesystem::path regexes_dir, std::size_t cache_entries)
    : regexes_dir_(std::move(regexes_dir)),
      cache_(std::make_unique<RecentCache<ClientInfo>>(cache_entries)) {
    std::error_code error;
    if (!std::filesystem::is_directory(regexes_dir_, error)) {
        throw Error(ErrorType::kGeneralServerError,
                    "device-detector regex directory not found: " + regexes_dir_.string() +
                        (error ? " (" + error.message() + ")" : std::string()));
    }
}

DeviceDetector::~DeviceDetector() = default;

// Not std::call_once: a throwing callable leaves its flag unusable with some libstdc++ and
// sanitizer builds, and a failed load must simply be tried again by the next call.
const Rules& DeviceDetector::rules() const {
    if (const Rules* loaded = loaded_.load(std::memory_order_acquire)) {
        return *loaded;
    }
    const std::lock_guard lock(load_mutex_);
    if (!rules_) {
        rules_ = std::make_unique<const Rules>(load_rules(regexes_dir_));
        loaded_.store(rules_.get(), std::memory_order_release);
    }
    return *rules_;
}

void DeviceDetector::preload() const { rules().compile_all(); }

ClientInfo DeviceDetector::detect(std::string_view user_agent) const {
    user_agent = user_agent.substr(0, kMaxUserAgentBytes);
    if (user_agent.empty()) {
        return {};
    }
    if (std::optional<ClientInfo> cached = cache_->find(user_agent)) {
        return std::move(*cached);
    }
    const Rules& loaded = rules();
    const OsResult os = detect_os(loaded, user_agent);
    std::optional<ClientResult> client = detect_appwrite_client(user_agent);
    if (!client) {
        client = detect_client(loaded, user_agent);
    }
    DeviceResult device = detect_device(loaded, user_agent, os, *client);

    ClientInfo info{std::move(client->type),
                    std::move(client->code),
                    std::move(client->name),
                    std::move(client->version),
                    std::move(client->engine),
                    std::move(client->engine_version),
                    os.code,
                    os.name,
                    os.version,
                    std::move(device.type),
                    std::move(device.brand),
                    std::move(device.model)};
    cache_->insert(std::string(user_agent), info);
    return info;
}

}  // namespace basalt::device
