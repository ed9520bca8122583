// basalt_bench_password: how many argon2id verifications per second this machine does at
// Appwrite's default cost (the floor of email/password sign-in), from several threads.
// Prints one line of JSON.
//
//   basalt_bench_password [--threads 2] [--seconds 5]
#include <CLI/CLI.hpp>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <iostream>
#include <thread>
#include <vector>

#include "auth/credentials/password_hash.hpp"

int main(int argc, char** argv) {
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    double seconds = 5;
    CLI::App app{"argon2id verifications per second at Appwrite's default cost"};
    app.add_option("--threads", threads, "Threads verifying at once");
    app.add_option("--seconds", seconds, "How long to measure");
    CLI11_PARSE(app, argc, argv);

    const auto stored = basalt::auth::hash_password("bench password");
    std::atomic<bool> stop{false};
    std::atomic<std::int64_t> done{0};
    std::atomic<std::int64_t> failed{0};
    std::vector<std::thread> workers;
    const auto start = std::chrono::steady_clock::now();
    for (unsigned i = 0; i < threads; ++i) {
        workers.emplace_back([&] {
            while (!stop.load(std::memory_order_relaxed)) {
                if (!basalt::auth::verify_password("bench password", stored)) failed.fetch_add(1);
                done.fetch_add(1, std::memory_order_relaxed);
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& worker : workers) worker.join();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    boost::json::object out{{"threads", threads},
                            {"verifications_per_sec", static_cast<double>(done.load()) / elapsed},
                            {"failed", failed.load()},
                            {"memory_kib", basalt::auth::kArgon2Default.memory_kib},
                            {"time_cost", basalt::auth::kArgon2Default.time_cost},
                            {"lanes", basalt::auth::kArgon2Default.threads}};
    std::cout << boost::json::serialize(out) << std::endl;
    return failed.load() == 0 ? 0 : 1;
}
