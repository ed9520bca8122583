#include "platform/device/device_detector.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"

namespace basalt::device {
namespace {

constexpr std::string_view kChromeMac =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36";
constexpr std::string_view kFirefoxWindows =
    "Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:47.0) Gecko/20100101 Firefox/47.0";
constexpr std::string_view kSafariIphone =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
constexpr std::string_view kChromeAndroidPhone =
    "Mozilla/5.0 (Linux; Android 9; SM-G950F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36";
constexpr std::string_view kChromeAndroidTablet =
    "Mozilla/5.0 (Linux; Android 9; SM-T820) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36";
constexpr std::string_view kEdgeWindows =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.68";
constexpr std::string_view kCurl = "curl/8.7.1";
// What node-appwrite 27.1.0 sends from Node.js 20 on Linux (see its getUserAgent()).
constexpr std::string_view kNodeAppwrite = "AppwriteNodeJSSDK/27.1.0 (linux; x64) Node.js/v20.20.2";
constexpr std::string_view kAppwriteCli = "AppwriteCLI/2.0.0 (linux; x64) node/18.0.0";

class DeviceDetectorTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() { detector_ = new DeviceDetector(); }
    static void TearDownTestSuite() {
        delete detector_;
        detector_ = nullptr;
    }
    static DeviceDetector* detector_;
};
DeviceDetector* DeviceDetectorTest::detector_ = nullptr;

TEST_F(DeviceDetectorTest, ChromeOnMacOs) {
    const ClientInfo expected{"browser", "CH",  "Chrome", "126.0",   "Blink", "126.0.0.0",
                              "MAC",     "Mac", "10.15",  "desktop", "Apple", ""};
    EXPECT_EQ(detector_->detect(kChromeMac), expected);
}

TEST_F(DeviceDetectorTest, FirefoxOnWindowsAsAppwrite) {
    // Appwrite's own Detector test expects exactly these values for this user agent.
    const ClientInfo expected{"browser", "FF",      "Firefox", "47.0",    "Gecko", "47.0",
                              "WIN",     "Windows", "7",       "desktop", "",      ""};
    EXPECT_EQ(detector_->detect(kFirefoxWindows), expected);
}

TEST_F(DeviceDetectorTest, ChromeOnWindowsAsAppwritesEndToEndTests) {
    // The user agent of Appwrite's e2e client and the session fields its tests expect.
    const ClientInfo info = detector_->detect(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/70.0.3538.77 Safari/537.36");
    const ClientInfo expected{"browser", "CH",      "Chrome", "70.0",    "Blink", "70.0.3538.77",
                              "WIN",     "Windows", "10",     "desktop", "",      ""};
    EXPECT_EQ(info, expected);
}

TEST_F(DeviceDetectorTest, SafariOnIphoneAsAppwrite) {
    const ClientInfo expected{"browser", "MF",  "Mobile Safari", "17.0",       "WebKit", "605.1.15",
                              "IOS",     "iOS", "17.0",          "smartphone", "Apple",  "iPhone"};
    EXPECT_EQ(detector_->detect(kSafariIphone), expected);
}

TEST_F(DeviceDetectorTest, ChromeOnAndroidPhoneWithBrandAndModel) {
    const ClientInfo expected{"browser", "CM",         "Chrome Mobile", "120.0",
                              "Blink",   "120.0.0.0",  "AND",           "Android",
                              "9",       "smartphone", "Samsung",       "GALAXY S8"};
    EXPECT_EQ(detector_->detect(kChromeAndroidPhone), expected);
}

TEST_F(DeviceDetectorTest, ChromeOnAndroidWithoutMobileIsATablet) {
    const ClientInfo info = detector_->detect(kChromeAndroidTablet);
    EXPECT_EQ(info.client_code, "CH");
    EXPECT_EQ(info.device_name, "tablet");
    EXPECT_EQ(info.device_brand, "Samsung");
    EXPECT_EQ(info.device_model, "SM-T820");
}

TEST_F(DeviceDetectorTest, EdgeOnChromium) {
    const ClientInfo info = detector_->detect(kEdgeWindows);
    EXPECT_EQ(info.client_code, "PS");
    EXPECT_EQ(info.client_name, "Microsoft Edge");
    EXPECT_EQ(info.client_version, "126.0");
    EXPECT_EQ(info.client_engine, "Blink");
    EXPECT_EQ(info.client_engine_version, "126.0.0.0");
    EXPECT_EQ(info.os_version, "10");
}

TEST_F(DeviceDetectorTest, CurlIsALibraryWithoutCode) {
    const ClientInfo expected{"library", "", "curl", "8.7", "", "", "", "", "", "", "", ""};
    EXPECT_EQ(detector_->detect(kCurl), expected);
}

TEST_F(DeviceDetectorTest, NodeAppwriteSdk) {
    const ClientInfo expected{"library", "",    "Appwrite NodeJS SDK", "27.1.0", "",
                              "",        "LIN", "GNU/Linux",           "",       "desktop",
                              "",        ""};
    EXPECT_EQ(detector_->detect(kNodeAppwrite), expected);
}

TEST_F(DeviceDetectorTest, AppwriteCliAsAppwrite) {
    const ClientInfo info = detector_->detect(kAppwriteCli);
    EXPECT_EQ(info.client_type, "desktop");
    EXPECT_EQ(info.client_code, "cli");
    EXPECT_EQ(info.client_name, "Appwrite CLI");
    EXPECT_EQ(info.client_version, "2.0.0");
    EXPECT_EQ(info.client_engine, "");
    EXPECT_EQ(info.client_engine_version, "");
    EXPECT_EQ(info.os_code, "LIN");
    // Appwrite reads the version from the first word even when the CLI token comes later.
    EXPECT_EQ(detector_->detect("Mozilla/5.0 AppwriteCLI/3.1.0").client_version, "5.0");
    EXPECT_EQ(detector_->detect("AppwriteCLI").client_version, "");
}

TEST_F(DeviceDetectorTest, EmptyAndUnknownUserAgentsSayNothing) {
    EXPECT_EQ(detector_->detect(""), ClientInfo{});
    // Appwrite's stand-in when the header is missing.
    EXPECT_EQ(detector_->detect("UNKNOWN"), ClientInfo{});
    EXPECT_EQ(detector_->detect("%%%garbage%%%"), ClientInfo{});
    EXPECT_EQ(detector_->detect(std::string("\xff\xfe\x00\x01\x80 ;;()//", 13)), ClientInfo{});
    EXPECT_EQ(detector_->detect("     "), ClientInfo{});
}

TEST_F(DeviceDetectorTest, HugeUserAgentsAreReadUpToTheLimit) {
    std::string huge(kChromeMac);
    huge.append(200'000, '(');
    const auto start = std::chrono::steady_clock::now();
    const ClientInfo info = detector_->detect(huge);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(info, detector_->detect(huge.substr(0, kMaxUserAgentBytes)));
    EXPECT_EQ(info.client_code, "CH");
    EXPECT_LT(elapsed, std::chrono::seconds(1));
}

TEST_F(DeviceDetectorTest, ConcurrentDetectionAgreesWithSequential) {
    const std::vector<std::string_view> agents = {
        kChromeMac,   kFirefoxWindows, kSafariIphone, kChromeAndroidPhone, kChromeAndroidTablet,
        kEdgeWindows, kCurl,           kNodeAppwrite, kAppwriteCli,        "garbage"};
    DeviceDetector uncached(std::filesystem::path(kDefaultRegexesDir), 2);  // evicts constantly
    std::vector<ClientInfo> expected;
    for (const std::string_view agent : agents) {
        expected.push_back(detector_->detect(agent));
    }
    std::vector<int> mismatches(6, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < mismatches.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 20; ++round) {
                for (std::size_t i = 0; i < agents.size(); ++i) {
                    const std::size_t pick =
                        (i + t + static_cast<std::size_t>(round)) % agents.size();
                    if (uncached.detect(agents[pick]) != expected[pick]) {
                        ++mismatches[t];
                    }
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (const int count : mismatches) {
        EXPECT_EQ(count, 0);
    }
}

TEST(DeviceDetectorSetupTest, MissingDirectoryFailsAtConstruction) {
    try {
        DeviceDetector detector("/nonexistent/device-detector/regexes");
        FAIL() << "constructed without data";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::kGeneralServerError);
        EXPECT_NE(std::string(e.what()).find("/nonexistent/device-detector/regexes"),
                  std::string::npos);
    }
}

TEST(DeviceDetectorSetupTest, BrokenDataFailsOnUseAndKeepsFailing) {
    const auto dir = std::filesystem::temp_directory_path() / ("basalt-device-" + ids::unique());
    std::filesystem::copy(std::filesystem::path(kDefaultRegexesDir), dir,
                          std::filesystem::copy_options::recursive);
    std::ofstream(dir / "oss.yml", std::ios::trunc) << "- regex: [\n";
    {
        const DeviceDetector detector(dir);
        EXPECT_THROW(detector.detect(kChromeMac), Error);
        EXPECT_THROW(detector.detect(kChromeMac), Error);  // retried, not cached
        EXPECT_THROW(detector.preload(), Error);
        EXPECT_EQ(detector.detect(""), ClientInfo{});  // nothing to read for an empty header
    }
    std::filesystem::remove_all(dir);
}

// Reports the costs the server start-up and a login pay; bounds are loose on purpose (the
// machine is shared), the printed numbers are the measurement.
TEST(DeviceDetectorSetupTest, ConstructionIsCheapAndTheCacheHelps) {
    using Clock = std::chrono::steady_clock;
    const auto micros = [](Clock::duration d) {
        return std::chrono::duration_cast<std::chrono::microseconds>(d).count();
    };
    auto start = Clock::now();
    const DeviceDetector detector;
    const auto constructed = Clock::now() - start;

    start = Clock::now();
    detector.preload();
    const auto preloaded = Clock::now() - start;

    const DeviceDetector lazy;
    start = Clock::now();
    (void)lazy.detect(kChromeMac);
    const auto first_lazy = Clock::now() - start;

    const DeviceDetector uncached(std::filesystem::path(kDefaultRegexesDir), 0);
    uncached.preload();
    const std::vector<std::string_view> agents = {
        kChromeMac, kFirefoxWindows, kSafariIphone, kChromeAndroidPhone, kEdgeWindows, kCurl};
    constexpr int kRounds = 20;
    start = Clock::now();
    for (int round = 0; round < kRounds; ++round) {
        for (const std::string_view agent : agents) {
            (void)uncached.detect(agent);
        }
    }
    const auto per_uncached = (Clock::now() - start) / (kRounds * agents.size());

    for (const std::string_view agent : agents) {
        (void)detector.detect(agent);
    }
    start = Clock::now();
    for (int round = 0; round < kRounds; ++round) {
        for (const std::string_view agent : agents) {
            (void)detector.detect(agent);
        }
    }
    const auto per_cached = (Clock::now() - start) / (kRounds * agents.size());

    std::cout << "[ measure  ] construction " << micros(constructed) << " us, preload "
              << micros(preloaded) << " us, first detect without preload " << micros(first_lazy)
              << " us, detect " << micros(per_uncached) << " us uncached / " << micros(per_cached)
              << " us cached\n";
    EXPECT_LT(constructed, std::chrono::milliseconds(20));
    EXPECT_LT(per_cached, per_uncached);
    EXPECT_LT(per_uncached, std::chrono::milliseconds(20));
}

}  // namespace
}  // namespace basalt::device
