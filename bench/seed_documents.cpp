// basalt_bench_seed: fills a collection created through the API with many documents, fast, by
// writing through the document engine directly (big transactions, no HTTP). Run it on the
// server's storage while no server is running. Prints one line of JSON.
//
//   basalt_bench_seed DB_URL --project P --database D --collection C [--documents 1000000]
//                     [--reader USER_ID] [--batch 10000]
//
// The collection must have the attributes `category` (string), `score` (integer) and `title`
// (string). Document n gets `$id` "d<n>", one of 100 categories and a score at random (fixed
// seed), and one read permission: for `--reader` on every 100th document (1% readable by that
// user), else for one of 99 other users; so a document-security list by the reader's session
// goes through the permission table as Appwrite's would.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <exception>
#include <iostream>
#include <random>
#include <string>

#include "databases/catalog.hpp"
#include "databases/document_values.hpp"
#include "db/store.hpp"

namespace {

namespace db = basalt::db;
namespace databases = basalt::databases;
using Clock = std::chrono::steady_clock;

constexpr int kCategories = 100;
constexpr int kReadableEvery = 100;  // 1% of the documents are the reader's

struct Options {
    std::string url;
    std::string project;
    std::string database;
    std::string collection;
    std::int64_t documents = 1'000'000;
    std::string reader;
    std::int64_t batch = 10'000;  // documents per transaction
};

boost::json::object values(std::int64_t n, std::mt19937_64& rng) {
    const auto category = static_cast<int>(rng() % kCategories);
    return {{"category", fmt::format("c{:02}", category)},
            {"score", static_cast<std::int64_t>(rng() % 1'000'000)},
            {"title", fmt::format("Item {} of category {}", n, category)}};
}

std::string reader_role(const Options& options, std::int64_t n) {
    if (!options.reader.empty() && n % kReadableEvery == 0) return "user:" + options.reader;
    return fmt::format("user:other{:02}", n % kReadableEvery);
}

int run(const Options& options) {
    const auto store = db::open_store(options.url);
    const auto project = store->project(options.project);
    const auto database = databases::find_database(*project, options.database);
    if (!database) throw std::runtime_error("no database " + options.database);
    const auto collection = databases::find_collection(*project, *database, options.collection);
    if (!collection) throw std::runtime_error("no collection " + options.collection);
    const auto table = collection->documents_table();
    const auto auth = db::Authorization::internal();

    const auto start = Clock::now();
    std::mt19937_64 rng(42);
    for (std::int64_t done = 0; done < options.documents;) {
        const auto end = std::min(options.documents, done + options.batch);
        project->transact([&](db::Documents& tx) {
            for (auto n = done; n < end; ++n) {
                tx.create_document(auth, table,
                                   {.id = fmt::format("d{}", n),
                                    .permissions = {fmt::format("read(\"{}\")", reader_role(options, n))},
                                    .data = databases::stored_values(*collection, values(n, rng))});
            }
        });
        done = end;
    }
    const std::chrono::duration<double> took = Clock::now() - start;
    fmt::print(R"({{"documents":{},"table":"{}","seconds":{:.1f}}})"
               "\n",
               options.documents, table, took.count());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    CLI::App app{"Seeds a collection with documents through the engine"};
    app.add_option("url", options.url, "sqlite:DIR or postgres://...")->required();
    app.add_option("--project", options.project)->required();
    app.add_option("--database", options.database)->required();
    app.add_option("--collection", options.collection)->required();
    app.add_option("--documents", options.documents)->check(CLI::PositiveNumber);
    app.add_option("--reader", options.reader, "user id that may read 1% of the documents");
    app.add_option("--batch", options.batch)->check(CLI::PositiveNumber);
    CLI11_PARSE(app, argc, argv);
    try {
        return run(options);
    } catch (const std::exception& e) {
        std::cerr << "basalt_bench_seed: " << e.what() << "\n";
        return 1;
    }
}
