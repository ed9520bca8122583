#include "databases/list_cache.hpp"

#include <atomic>
#include <mutex>

#include "databases/catalog_cache.hpp"

namespace basalt::databases {

// Writes to one project: `started` counts the writes begun, `finished` those over (committed or
// failed). started == finished: none in flight.
struct DataWrite::Counters {
    std::atomic<std::uint64_t> started{0};
    std::atomic<std::uint64_t> finished{0};
};

namespace {

// Per project, for the whole process: every ListCache (one per vocabulary and API) sees every
// write, whichever vocabulary made it.
class Projects {
public:
    std::shared_ptr<DataWrite::Counters> of(std::string_view project_id);

private:
    std::shared_mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<DataWrite::Counters>> counters_;
};

std::shared_ptr<DataWrite::Counters> Projects::of(std::string_view project_id) {
    const std::string key(project_id);
    {
        const std::shared_lock lock(mutex_);
        if (const auto it = counters_.find(key); it != counters_.end()) return it->second;
    }
    const std::unique_lock lock(mutex_);
    auto& counters = counters_[key];
    if (!counters) counters = std::make_shared<DataWrite::Counters>();
    return counters;
}

Projects& projects() {
    static Projects instance;
    return instance;
}

std::string key_of(std::string_view project_id, const Collection& collection, const Actor& actor,
                   std::span<const std::string> queries, bool with_total, std::string_view variant) {
    std::string key(project_id);
    key.push_back('\0');
    key += collection.documents_table();
    key.push_back('\0');
    if (actor.privileged()) {
        key.push_back('*');
    } else {
        for (const auto& role : actor.auth.roles) key.append(role).push_back('\x1f');
    }
    key.push_back('\0');
    key.push_back(with_total ? 't' : 'n');
    key.append(variant);
    for (const auto& query : queries) key.append("\x1e").append(query);
    return key;
}

}  // namespace

DataWrite::DataWrite(std::string_view project_id) : counters_(projects().of(project_id)) {
    counters_->started.fetch_add(1, std::memory_order_acq_rel);
}

DataWrite::~DataWrite() { counters_->finished.fetch_add(1, std::memory_order_acq_rel); }

ListCache::ListCache(Clock::duration max_age, std::size_t max_bytes) : max_age_(max_age), max_bytes_(max_bytes) {}

ListCache::Body ListCache::list(std::string_view project_id, const Collection& collection, const Actor& actor,
                                std::span<const std::string> queries, bool with_total, std::string_view variant,
                                const std::function<std::string()>& render) {
    if (max_age_ <= Clock::duration::zero()) return std::make_shared<const std::string>(render());
    const auto counters = projects().of(project_id);
    // Finished before started: equal values then mean no write was in flight at this point, and
    // every write begun before it has committed, so the query below sees them all.
    const auto finished = counters->finished.load(std::memory_order_acquire);
    const auto writes = counters->started.load(std::memory_order_acquire);
    const auto catalog = catalog_generation();
    const auto now = Clock::now();
    auto key = key_of(project_id, collection, actor, queries, with_total, variant);
    {
        const std::shared_lock lock(mutex_);
        const auto it = entries_.find(key);
        if (it != entries_.end() && it->second.writes == writes && writes == finished &&
            it->second.catalog == catalog && now - it->second.loaded < max_age_) {
            return it->second.body;
        }
    }
    auto body = std::make_shared<const std::string>(render());
    if (writes != finished) return body;  // a write was in flight: the page may not show it
    const auto bytes = body->size() + key.size() + sizeof(Entry);
    if (bytes > max_bytes_ / 10) return body;
    const std::unique_lock lock(mutex_);
    if (const auto it = entries_.find(key); it != entries_.end()) {
        bytes_ -= it->second.bytes;
        entries_.erase(it);
    }
    // Full: start over rather than track usage (a miss costs one query).
    if (bytes_ + bytes > max_bytes_) {
        entries_.clear();
        bytes_ = 0;
    }
    entries_.emplace(std::move(key), Entry{.body = body, .writes = writes, .catalog = catalog, .loaded = now, .bytes = bytes});
    bytes_ += bytes;
    return body;
}

}  // namespace basalt::databases
