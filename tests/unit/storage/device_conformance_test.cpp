// The same cases against every Device: the local disk and S3 (s3rver from tests/e2e, started on
// loopback by tests/e2e/s3server.mjs, which also checks each request's SigV4 signature).
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <string>

#include "core/error.hpp"
#include "storage/device.hpp"

extern char** environ;

namespace basalt::storage {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kPart = 5u << 20;  // the SDKs' chunk size, S3's minimum part size

// s3server.mjs as a child process for the whole suite.
class S3Server {
public:
    S3Server() {
        dir_ = fs::temp_directory_path() / fmt::format("basalt-s3-test-{}", ::getpid());
        fs::create_directories(dir_);
        const fs::path script = fs::path(BASALT_SOURCE_DIR) / "tests/e2e/s3server.mjs";
        int out[2];
        if (::pipe(out) != 0) return;
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        const std::string dir = dir_.string();
        const std::string script_path = script.string();
        const char* argv[] = {"node", "--openssl-legacy-provider", script_path.c_str(), "--dir", dir.c_str(), "--port", "0", nullptr};
        const int rc = posix_spawnp(&pid_, "node", &actions, nullptr, const_cast<char**>(argv), environ);
        posix_spawn_file_actions_destroy(&actions);
        ::close(out[1]);
        if (rc != 0) {
            error_ = "cannot run node";
            pid_ = 0;
            ::close(out[0]);
            return;
        }
        FILE* in = ::fdopen(out[0], "r");
        char line[256] = {};
        if (!std::fgets(line, sizeof line, in)) {
            error_ = "s3server.mjs printed no port (is tests/e2e/node_modules installed? scripts/deps.sh)";
        } else if (std::sscanf(line, "{\"port\":%d}", &port_) != 1) {
            error_ = std::string("unexpected s3server.mjs output: ") + line;
        }
        std::fclose(in);
    }
    ~S3Server() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            ::waitpid(pid_, nullptr, 0);
        }
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    const std::string& error() const { return error_; }
    S3Options options(std::string secret = "S3RVER") const {
        return {.endpoint = fmt::format("http://127.0.0.1:{}", port_),
                .region = "us-east-1",
                .bucket = "basalt",
                .access_key = "S3RVER",
                .secret = std::move(secret),
                .path_style = true,
                .timeout_seconds = 10};
    }

private:
    fs::path dir_;
    pid_t pid_ = 0;
    int port_ = 0;
    std::string error_;
};

S3Server* s3_server = nullptr;

// The S3 server the suites share: started by the first that needs it, stopped after each.
void start_s3_server() {
    if (!s3_server) s3_server = new S3Server();
}
void stop_s3_server() {
    delete s3_server;
    s3_server = nullptr;
}

class DeviceConformance : public ::testing::TestWithParam<std::string> {
protected:
    static void SetUpTestSuite() { start_s3_server(); }
    static void TearDownTestSuite() { stop_s3_server(); }

    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        // Keys of one test never meet another's, on the disk or in the shared bucket.
        prefix_ = fmt::format("p{}/{}", ::getpid(), std::string(info->name()).substr(0, std::string(info->name()).find('/')));
        root_ = fs::temp_directory_path() / fmt::format("basalt-conformance-{}", ::getpid());
        device_ = make();
    }
    void TearDown() override {
        if (device_) device_->remove_prefix(prefix_);
        std::error_code ec;
        fs::remove_all(root_, ec);
    }

    std::unique_ptr<Device> make() {
        if (GetParam() == "local") return make_local_device(root_);
        if (!s3_server->error().empty()) {
            ADD_FAILURE() << "S3 server: " << s3_server->error();
            return nullptr;
        }
        return make_s3_device(s3_server->options());
    }

    std::string key(std::string_view name) const { return prefix_ + "/" + std::string(name); }

    std::string prefix_;
    fs::path root_;
    std::unique_ptr<Device> device_;
};

#define REQUIRE_DEVICE() \
    if (!device_) return

void expect_server_error(const std::function<void()>& call) {
    try {
        call();
        ADD_FAILURE() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.info().type, std::string("general_server_error"));
    }
}

TEST_P(DeviceConformance, WriteReadRangesSizeRemove) {
    REQUIRE_DEVICE();
    const auto k = key("f");
    device_->write(k, "0123456789");
    EXPECT_EQ(device_->size(k), 10u);
    EXPECT_EQ(device_->read(k), "0123456789");
    EXPECT_EQ(device_->read(k, 3, 4), "3456");
    EXPECT_EQ(device_->read(k, 0, 1), "0");
    EXPECT_EQ(device_->read(k, 9, 1), "9");
    EXPECT_EQ(device_->read(k, 8, 100), "89");
    EXPECT_EQ(device_->read(k, 4), "456789");
    EXPECT_EQ(device_->read(k, 20, 1), "");
    EXPECT_EQ(device_->read(k, 10), "");
    device_->write(k, "new");
    EXPECT_EQ(device_->read(k), "new");
    EXPECT_TRUE(device_->remove(k));
    EXPECT_FALSE(device_->exists(k));
    EXPECT_FALSE(device_->remove(k));
}

TEST_P(DeviceConformance, BinaryAndEmptyObjects) {
    REQUIRE_DEVICE();
    std::string bytes(70'000, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 131) % 256);
    device_->write(key("bin"), bytes);
    EXPECT_EQ(device_->read(key("bin")), bytes);
    EXPECT_EQ(device_->read(key("bin"), 65'530, 10), bytes.substr(65'530, 10));
    device_->write(key("empty"), "");
    EXPECT_EQ(device_->size(key("empty")), 0u);
    EXPECT_EQ(device_->read(key("empty")), "");
    EXPECT_TRUE(device_->exists(key("empty")));
}

TEST_P(DeviceConformance, MissingObjects) {
    REQUIRE_DEVICE();
    const auto k = key("missing");
    EXPECT_FALSE(device_->read(k));
    EXPECT_FALSE(device_->read(k, 5, 5));
    EXPECT_FALSE(device_->size(k));
    EXPECT_FALSE(device_->exists(k));
    EXPECT_FALSE(device_->remove(k));
    EXPECT_EQ(device_->count_parts(k), 0);
    device_->remove_part(k, 1);  // nothing to remove: no error
    expect_server_error([&] { device_->assemble(k, 1, [](std::string_view) {}); });
    device_->remove_prefix(key("nothing-here"));
}

std::string part_bytes(char fill, std::size_t size) {
    std::string out(size, fill);
    for (std::size_t i = 0; i < size; i += 4096) out[i] = static_cast<char>('a' + (i / 4096) % 26);
    return out;
}

TEST_P(DeviceConformance, MultipartUploadResumesAndAssemblesInOrder) {
    REQUIRE_DEVICE();
    const auto k = key("big");
    const auto one = part_bytes('1', kPart);
    const auto two = part_bytes('2', kPart);
    const auto three = part_bytes('3', 1234);
    EXPECT_EQ(device_->write_part(k, 1, one), 1);
    EXPECT_EQ(device_->write_part(k, 3, "stale"), 2);
    // Interrupted: a new process (device) sees the parts stored so far and resumes.
    device_ = make();
    EXPECT_EQ(device_->count_parts(k), 2);
    EXPECT_EQ(device_->write_part(k, 3, three), 2);  // sent again: replaces itself
    device_->remove_part(k, 3);                      // the request that sent it failed
    EXPECT_EQ(device_->count_parts(k), 1);
    expect_server_error([&] { device_->assemble(k, 3, [](std::string_view) {}); });  // parts missing
    EXPECT_EQ(device_->count_parts(k), 1);  // a failed assembly keeps the parts
    EXPECT_EQ(device_->write_part(k, 3, three), 2);
    EXPECT_EQ(device_->write_part(k, 2, two), 3);
    std::string seen;
    device_->assemble(k, 3, [&](std::string_view bytes) { seen.append(bytes); });
    const auto whole = one + two + three;
    EXPECT_TRUE(seen == whole) << "observe saw " << seen.size() << " bytes";
    EXPECT_EQ(device_->size(k), whole.size());
    EXPECT_EQ(device_->count_parts(k), 0);
    EXPECT_TRUE(device_->read(k, kPart - 5, 10) == whole.substr(kPart - 5, 10));  // across parts
    EXPECT_TRUE(device_->read(k, 2 * kPart, Device::kToEnd) == three);
    EXPECT_TRUE(device_->remove(k));
    EXPECT_FALSE(device_->exists(k));
}

TEST_P(DeviceConformance, SinglePartUpload) {
    REQUIRE_DEVICE();
    const auto k = key("small");
    EXPECT_EQ(device_->write_part(k, 1, "only part"), 1);
    std::string seen;
    device_->assemble(k, 1, [&](std::string_view bytes) { seen.append(bytes); });
    EXPECT_EQ(seen, "only part");
    EXPECT_EQ(device_->read(k), "only part");
}

TEST_P(DeviceConformance, RemoveDropsAnUploadInProgress) {
    REQUIRE_DEVICE();
    const auto k = key("abandoned");
    device_->write_part(k, 1, part_bytes('x', kPart));
    device_->write_part(k, 2, "tail");
    EXPECT_TRUE(device_->remove(k));
    EXPECT_EQ(device_->count_parts(k), 0);
    EXPECT_FALSE(device_->exists(k));
    // A new upload of the same key starts from nothing.
    EXPECT_EQ(device_->write_part(k, 2, "tail"), 1);
    EXPECT_TRUE(device_->remove(k));
}

TEST_P(DeviceConformance, RemovePrefixPaginatesAndKeepsOtherFolders) {
    REQUIRE_DEVICE();
    constexpr int kObjects = 1003;  // more than one ListObjectsV2 page (1000 keys)
    for (int i = 0; i < kObjects; ++i) device_->write(key(fmt::format("bucket_1/f{:04}", i)), "x");
    device_->write_part(key("bucket_1/pending"), 1, "part");
    device_->write(key("bucket_10/kept"), "kept");  // a sibling whose name extends the prefix
    device_->write(key("bucket_2/kept"), "kept");
    device_->remove_prefix(key("bucket_1"));
    EXPECT_FALSE(device_->exists(key("bucket_1/f0000")));
    EXPECT_FALSE(device_->exists(key("bucket_1/f1002")));
    EXPECT_EQ(device_->count_parts(key("bucket_1/pending")), 0);
    EXPECT_EQ(device_->read(key("bucket_10/kept")), "kept");
    EXPECT_EQ(device_->read(key("bucket_2/kept")), "kept");
    device_->remove_prefix(key("bucket_1"));  // again: nothing left, no error
}

TEST_P(DeviceConformance, RefusesKeysLeavingTheRoot) {
    REQUIRE_DEVICE();
    expect_server_error([&] { device_->write("../escape", "x"); });
    expect_server_error([&] { device_->write("/abs", "x"); });
    expect_server_error([&] { (void)device_->read(""); });
}

INSTANTIATE_TEST_SUITE_P(Devices, DeviceConformance, ::testing::Values("local", "s3"),
                         [](const auto& param_info) { return param_info.param; });

// S3 failures are Error(kGeneralServerError), never a crash or a silent miss.
class S3DeviceErrors : public ::testing::Test {
protected:
    static void SetUpTestSuite() { start_s3_server(); }
    static void TearDownTestSuite() { stop_s3_server(); }
};

TEST_F(S3DeviceErrors, AWrongSecretIsRefused) {
    ASSERT_EQ(s3_server->error(), "");
    const auto device = make_s3_device(s3_server->options("not-the-secret"));
    expect_server_error([&] { device->write("p/b/f", "x"); });
    expect_server_error([&] { (void)device->read("p/b/f"); });
    expect_server_error([&] { (void)device->size("p/b/f"); });
    expect_server_error([&] { device->remove_prefix("p/b"); });
    expect_server_error([&] { device->write_part("p/b/g", 1, "x"); });
}

TEST_F(S3DeviceErrors, AMissingBucketIsAServerError) {
    ASSERT_EQ(s3_server->error(), "");
    auto options = s3_server->options();
    options.bucket = "no-such-bucket";
    const auto device = make_s3_device(options);
    expect_server_error([&] { device->write("p/b/f", "x"); });
    expect_server_error([&] { (void)device->read("p/b/f"); });
}

TEST_F(S3DeviceErrors, AnUnreachableEndpointIsAServerError) {
    ASSERT_EQ(s3_server->error(), "");
    auto options = s3_server->options();
    options.endpoint = "http://127.0.0.1:1";  // nothing listens on port 1
    const auto device = make_s3_device(options);
    expect_server_error([&] { device->write("p/b/f", "x"); });
    expect_server_error([&] { (void)device->size("p/b/f"); });
}

TEST(S3DeviceOptions, IncompleteOptionsAreRefused) {
    S3Options options{.endpoint = "http://127.0.0.1:9", .bucket = "b", .access_key = "a", .secret = "s"};
    EXPECT_NO_THROW(make_s3_device(options));
    for (auto* field : {&options.bucket, &options.access_key, &options.secret}) {
        auto copy = *field;
        field->clear();
        EXPECT_THROW(make_s3_device(options), Error);
        *field = copy;
    }
    options.endpoint = "ftp://example.com";
    EXPECT_THROW(make_s3_device(options), Error);
}

}  // namespace
}  // namespace basalt::storage
