// basalt_bench_engine_create: document creation through the engine, in-process (no HTTP), as an
// API key does it (Authorization::internal()), from many threads at once. The collection is
// shaped like the table of basalt_bench_sqlite_insert (two attributes, no permissions), so the
// two figures compare. Prints one line of JSON.
//
//   basalt_bench_engine_create sqlite:/tmp/bench [--threads 32] [--seconds 5] [--write-batch 64]
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "db/store.hpp"

namespace {

namespace db = basalt::db;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kProject = "bench_create";
constexpr std::string_view kCollection = "items";

struct Options {
    std::string url;
    unsigned threads = 32;
    double seconds = 5;
    std::size_t write_batch = db::StoreOptions{}.write_batch;  // 1: no group commit
};

db::CollectionSchema items_schema() {
    db::CollectionSchema schema;
    schema.id = std::string(kCollection);
    schema.attributes = {
        {"name", db::AttributeType::kString, 64, false, false, nullptr},
        {"age", db::AttributeType::kInteger, 0, false, false, nullptr},
    };
    return schema;
}

struct ThreadResult {
    std::vector<std::int64_t> latencies_ns;
    std::int64_t errors = 0;
};

// One caller: creates documents with generated ids until `stop`.
void run_caller(db::Database& database, unsigned index, const std::atomic<bool>& stop,
                ThreadResult& result) {
    const auto auth = db::Authorization::internal();
    result.latencies_ns.reserve(1 << 16);
    for (std::int64_t n = 0; !stop.load(std::memory_order_relaxed); ++n) {
        db::Document doc;
        doc.data = {{"name", fmt::format("Item {} of {}", n, index)}, {"age", n % 100}};
        const auto start = Clock::now();
        try {
            database.create_document(auth, kCollection, std::move(doc));
        } catch (const std::exception& e) {
            if (result.errors++ == 0)
                std::cerr << "[engine_create] call failed: " << e.what() << "\n";
        }
        result.latencies_ns.push_back(
            std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count());
    }
}

double percentile_ms(const std::vector<std::int64_t>& sorted, double p) {
    if (sorted.empty()) return 0;
    const auto rank = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return static_cast<double>(sorted[rank]) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    CLI::App cli{"Engine create-document benchmark (API key, generated ids)"};
    cli.add_option("url", options.url, "Store: sqlite:DIR or postgres://...")->required();
    cli.add_option("--threads", options.threads, "Concurrent callers")->capture_default_str();
    cli.add_option("--seconds", options.seconds, "Measured seconds")->capture_default_str();
    cli.add_option("--write-batch", options.write_batch, "StoreOptions::write_batch")
        ->capture_default_str();
    CLI11_PARSE(cli, argc, argv);
    if (options.threads < 1 || options.write_batch < 1) {
        std::cerr << "--threads and --write-batch must be positive\n";
        return 2;
    }

    try {
        auto store = db::open_store(options.url, {.write_batch = options.write_batch});
        store->drop_project(kProject);  // every run starts from an empty collection
        auto database = store->project(kProject);
        database->create_collection(items_schema());

        std::atomic<bool> stop{false};
        std::vector<ThreadResult> results(options.threads);
        std::vector<std::thread> callers;
        const auto start = Clock::now();
        for (unsigned i = 0; i < options.threads; ++i) {
            callers.emplace_back(run_caller, std::ref(*database), i, std::cref(stop),
                                 std::ref(results[i]));
        }
        std::this_thread::sleep_for(std::chrono::duration<double>(options.seconds));
        stop = true;
        for (auto& t : callers) t.join();
        const std::chrono::duration<double> elapsed = Clock::now() - start;

        std::vector<std::int64_t> all;
        std::int64_t errors = 0;
        for (auto& r : results) {
            all.insert(all.end(), r.latencies_ns.begin(), r.latencies_ns.end());
            errors += r.errors;
        }
        std::sort(all.begin(), all.end());
        const auto stored = database->count_documents(db::Authorization::internal(), kCollection,
                                                      {}, std::int64_t{1} << 40);
        database.reset();
        store->drop_project(kProject);
        fmt::print(R"({{"scenario":"engine_create","threads":{},"write_batch":{},"seconds":{:.1f},)"
                   R"("documents":{},"docs_per_sec":{:.0f},"p50_ms":{:.3f},"p99_ms":{:.3f},)"
                   R"("errors":{}}})"
                   "\n",
                   options.threads, options.write_batch, elapsed.count(), stored,
                   static_cast<double>(stored) / elapsed.count(), percentile_ms(all, 0.50),
                   percentile_ms(all, 0.99), errors);
    } catch (const std::exception& e) {
        std::cerr << "[engine_create] " << e.what() << "\n";
        return 1;
    }
    return 0;
}
