// What the storage sources share (private to src/storage).
#pragma once

#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "storage/storage.hpp"

namespace basalt::storage {

inline constexpr std::string_view kBucketNotFound = "Storage bucket with the requested ID could not be found.";
inline constexpr std::string_view kFileNotFound = "The requested file could not be found.";

// The device folder of a bucket's files: "<project>/bucket_<N>".
std::string bucket_prefix(std::string_view project, const Bucket& bucket);

// The lock serialising uploads and deletes of one device object (striped). Exclusive for
// changes of the record, an assembly and a delete; shared while a chunk writes its part.
std::shared_mutex& object_lock(std::string_view key);
// The lock serialising changes to one bucket's totalSize (striped). Taken inside object_lock,
// never the other way round.
std::mutex& bucket_lock(std::string_view key);

}  // namespace basalt::storage
