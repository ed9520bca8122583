// Internal: the ids of documents granting read to a set of roles, kept between requests for a
// backend whose every write goes through this process (Backend::sole_writer). An entry is
// valid while the engine's write count is the one it was read at.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "db/connection.hpp"

namespace basalt::db {

class GrantedCache {
public:
    // The set stored under `key` at write count `writes`, or null.
    std::shared_ptr<const IdSet> find(const std::string& key, std::uint64_t writes) const;
    // Stores `ids`, read when the write count was `writes`.
    void store(const std::string& key, std::uint64_t writes, std::shared_ptr<const IdSet> ids);

private:
    // Bounds memory: a set holds at most kMaxGrantedIds (engine.cpp) ids and its bitmap.
    static constexpr std::size_t kMaxEntries = 32;

    struct Entry {
        std::uint64_t writes;
        std::shared_ptr<const IdSet> ids;
    };
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace basalt::db
