// basalt_bench_engine_list: the Appwrite-style list query against the document engine,
// in-process (no HTTP), from many threads at once. Prints one line of JSON.
//
//   basalt_bench_engine_list sqlite:/tmp/bench [--documents 100000] [--threads 32]
//                            [--seconds 10] [--mode key|user] [--seed-only]
//
// Mode `key` lists as an API key does (Authorization::internal()); mode `user` gives every
// document a read permission for one of kUsers users and lists as one of them, so each caller
// sees ~1% of the documents through the permission side table.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <exception>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "db/store.hpp"

namespace {

namespace db = basalt::db;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kProject = "bench";
constexpr std::string_view kMarkers = "bench_seeded";  // one document per completed seed
constexpr int kCategories = 100;
constexpr int kUsers = 100;

struct Options {
    std::string url;
    std::int64_t documents = 100000;
    unsigned threads = 32;
    double seconds = 10;
    double warmup = 1;  // seconds of load before measuring: fills caches and reader pools
    std::string mode = "key";
    std::int64_t batch = 1000;                        // documents per seeding transaction
    std::size_t pool = db::StoreOptions{}.pool_size;  // what `basalt serve` uses
    // Seed and exit, so a runner can bring the database to a steady state (e.g. ANALYZE on
    // PostgreSQL, which autovacuum would do within a minute) before measuring.
    bool seed_only = false;
};

std::string collection_id(const Options& options) {
    return fmt::format("list_{}_{}", options.mode, options.documents);
}

std::string category(int n) { return fmt::format("c{:02}", n); }
std::string user_role(int n) { return fmt::format("user:u{:02}", n); }

db::CollectionSchema items_schema(const Options& options) {
    db::CollectionSchema schema;
    schema.id = collection_id(options);
    schema.attributes = {
        {"category", db::AttributeType::kString, 16, true, false, nullptr},
        {"score", db::AttributeType::kInteger, 0, true, false, nullptr},
        {"title", db::AttributeType::kString, 128, false, false, nullptr},
    };
    schema.indexes = {{"category_score", db::IndexType::kKey, {"category", "score"}, {}, {}}};
    // No collection-level read: in user mode only the documents' own permissions grant it.
    schema.document_security = options.mode == "user";
    return schema;
}

db::CollectionSchema markers_schema() {
    db::CollectionSchema schema;
    schema.id = std::string(kMarkers);
    schema.attributes = {{"seconds", db::AttributeType::kFloat, 0, false, false, nullptr}};
    return schema;
}

db::Document item(const Options& options, std::int64_t n, std::mt19937_64& rng) {
    db::Document doc;
    doc.id = fmt::format("d{}", n);
    const auto c = static_cast<int>(rng() % kCategories);
    doc.data = {{"category", category(c)},
                {"score", static_cast<std::int64_t>(rng() % 1000000)},
                {"title", fmt::format("Item {} of category {}", n, c)}};
    if (options.mode == "user") {
        doc.permissions = {fmt::format("read(\"{}\")", user_role(static_cast<int>(n % kUsers)))};
    }
    return doc;
}

// Seeds the collection unless a marker says an earlier run finished it. Returns the seeding
// time in seconds, nullopt when the seeded collection was reused.
std::optional<double> ensure_seeded(db::Database& database, const Options& options) {
    const auto auth = db::Authorization::internal();
    const auto id = collection_id(options);
    const db::CollectionSchema markers[] = {markers_schema()};
    database.ensure_collections(markers);
    if (database.get_document(auth, kMarkers, id) && database.get_collection(id)) {
        return std::nullopt;
    }
    // A collection without a marker is what an interrupted seed leaves: start over.
    if (database.get_collection(id)) database.drop_collection(id);
    database.create_collection(items_schema(options));

    const auto start = Clock::now();
    std::mt19937_64 rng(42);
    for (std::int64_t done = 0; done < options.documents;) {
        const auto end = std::min(options.documents, done + options.batch);
        database.transact([&](db::Documents& tx) {
            for (auto n = done; n < end; ++n) tx.create_document(auth, id, item(options, n, rng));
        });
        done = end;
    }
    const std::chrono::duration<double> took = Clock::now() - start;
    database.create_document(auth, kMarkers, {.id = id, .data = {{"seconds", took.count()}}});
    return took.count();
}

// The queries an SDK sends for listDocuments([equal, orderDesc, limit]).
std::vector<std::string> query_texts(const std::string& category_value) {
    return {json::serialize(json::object{{"method", "equal"},
                                         {"attribute", "category"},
                                         {"values", json::array{category_value}}}),
            R"({"method":"orderDesc","attribute":"score"})", R"({"method":"limit","values":[25]})"};
}

struct ThreadResult {
    std::vector<std::int64_t> latencies_ns;
    std::int64_t errors = 0;
    std::int64_t totals = 0;  // sum of `total` over calls, to show how much each call matched
};

// One caller: random category (and, in user mode, random user) per call until `stop`. Parsing
// the queries is timed too, as the API layer parses them on every request.
void run_caller(db::Database& database, const Options& options, unsigned index,
                const std::atomic<bool>& stop, const std::atomic<bool>& measuring,
                ThreadResult& result) {
    const auto id = collection_id(options);
    std::mt19937_64 rng(1000 + index);
    result.latencies_ns.reserve(1 << 16);
    while (!stop.load(std::memory_order_relaxed)) {
        auto auth = db::Authorization::internal();
        if (options.mode == "user") {
            auth = db::Authorization{{"any", "users", user_role(static_cast<int>(rng() % kUsers))},
                                     false};
        }
        const auto texts = query_texts(category(static_cast<int>(rng() % kCategories)));
        const auto start = Clock::now();
        std::int64_t total = 0;
        bool failed = false;
        try {
            const auto queries = db::parse_queries(texts);
            total = database.list_documents(auth, id, queries, {.with_total = true}).total;
        } catch (const std::exception& e) {
            failed = true;
            if (result.errors == 0) std::cerr << "[engine_list] call failed: " << e.what() << "\n";
        }
        const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start);
        if (!measuring.load(std::memory_order_relaxed)) continue;
        result.latencies_ns.push_back(ns.count());
        result.errors += failed ? 1 : 0;
        result.totals += total;
    }
}

// KiB of a /proc/self/status field.
std::int64_t status_kib(std::string_view field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with(field) && line.size() > field.size() && line[field.size()] == ':') {
            return std::stoll(line.substr(field.size() + 1));
        }
    }
    return 0;
}

// Sets the peak RSS (VmHWM) to the current RSS, so the figure covers the load, not the seeding.
void reset_peak_rss() { std::ofstream("/proc/self/clear_refs") << "5"; }

double percentile_ms(const std::vector<std::int64_t>& sorted, double p) {
    if (sorted.empty()) return 0;
    const auto rank = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return static_cast<double>(sorted[rank]) / 1e6;
}

struct Figures {
    double ops_per_sec = 0;
    double p50_ms = 0;
    double p99_ms = 0;
    double peak_rss_mib = 0;
    std::int64_t errors = 0;
};

Figures run_load(db::Database& database, const Options& options) {
    std::atomic<bool> stop{false};
    std::atomic<bool> measuring{false};
    std::vector<ThreadResult> results(options.threads);
    std::vector<std::thread> callers;
    for (unsigned i = 0; i < options.threads; ++i) {
        callers.emplace_back(run_caller, std::ref(database), std::cref(options), i, std::cref(stop),
                             std::cref(measuring), std::ref(results[i]));
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(options.warmup));
    reset_peak_rss();
    const auto start = Clock::now();
    measuring = true;
    std::this_thread::sleep_for(std::chrono::duration<double>(options.seconds));
    measuring = false;
    const std::chrono::duration<double> elapsed = Clock::now() - start;
    stop = true;
    for (auto& t : callers) t.join();

    std::vector<std::int64_t> all;
    std::int64_t errors = 0;
    std::int64_t totals = 0;
    for (auto& r : results) {
        all.insert(all.end(), r.latencies_ns.begin(), r.latencies_ns.end());
        errors += r.errors;
        totals += r.totals;
    }
    std::sort(all.begin(), all.end());
    const auto calls = static_cast<double>(all.size());
    std::cerr << fmt::format("[engine_list] {} calls, {} errors, {:.1f} matches per call\n",
                             all.size(), errors, all.empty() ? 0.0 : totals / calls);
    return {.ops_per_sec = calls / elapsed.count(),
            .p50_ms = percentile_ms(all, 0.50),
            .p99_ms = percentile_ms(all, 0.99),
            .peak_rss_mib = static_cast<double>(status_kib("VmHWM")) / 1024,
            .errors = errors};
}

std::string backend_of(const std::string& url) {
    return url.starts_with("postgres") ? "postgres" : "sqlite";
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    CLI::App cli{"Engine list-query benchmark: equal + orderDesc + limit(25) + total"};
    cli.add_option("url", options.url, "Store: sqlite:DIR or postgres://...")->required();
    cli.add_option("--documents", options.documents, "Documents to seed")->capture_default_str();
    cli.add_option("--threads", options.threads, "Concurrent callers")->capture_default_str();
    cli.add_option("--seconds", options.seconds, "Measured seconds")->capture_default_str();
    cli.add_option("--warmup", options.warmup, "Unmeasured seconds first")->capture_default_str();
    cli.add_option("--mode", options.mode, "key: API key view; user: document permissions")
        ->check(CLI::IsMember({"key", "user"}))
        ->capture_default_str();
    cli.add_option("--batch", options.batch, "Documents per seeding transaction")
        ->capture_default_str();
    cli.add_option("--pool", options.pool, "StoreOptions::pool_size")->capture_default_str();
    cli.add_flag("--seed-only", options.seed_only, "Seed (or find the seed) and exit");
    CLI11_PARSE(cli, argc, argv);
    if (options.documents < 1 || options.threads < 1 || options.batch < 1) {
        std::cerr << "--documents, --threads and --batch must be positive\n";
        return 2;
    }

    try {
        auto store = db::open_store(options.url, {.pool_size = options.pool});
        auto database = store->project(kProject);
        const auto seed_seconds = ensure_seeded(*database, options);
        std::cerr << (seed_seconds ? fmt::format("[engine_list] seeded {} documents in {:.1f} s\n",
                                                 options.documents, *seed_seconds)
                                   : fmt::format("[engine_list] reusing {} seeded documents\n",
                                                 options.documents));
        const auto seeded = seed_seconds ? fmt::format("{:.1f}", *seed_seconds) : "null";
        const auto scenario =
            fmt::format("engine_list/{}/{}", options.mode, backend_of(options.url));
        if (options.seed_only) {
            fmt::print(R"({{"scenario":"{}","documents":{},"seed_seconds":{}}})"
                       "\n",
                       scenario, options.documents, seeded);
            return 0;
        }
        const auto f = run_load(*database, options);
        // Written by hand: boost::json prints doubles in exponent form (2E0), hard to read.
        fmt::print(R"({{"scenario":"{}","documents":{},"threads":{},"seconds":{},)"
                   R"("ops_per_sec":{:.0f},"p50_ms":{:.3f},"p99_ms":{:.3f},"peak_rss_mib":{:.1f},)"
                   R"("errors":{},"seed_seconds":{}}})"
                   "\n",
                   scenario, options.documents, options.threads, options.seconds, f.ops_per_sec,
                   f.p50_ms, f.p99_ms, f.peak_rss_mib, f.errors, seeded);
    } catch (const std::exception& e) {
        std::cerr << "[engine_list] " << e.what() << "\n";
        return 1;
    }
    return 0;
}
