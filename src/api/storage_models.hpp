// Appwrite's Storage response models.
#pragma once

#include <boost/json/object.hpp>

#include "storage/storage.hpp"

namespace basalt::api {

boost::json::object bucket_model(const storage::Bucket& bucket);
boost::json::object file_model(const db::Document& file, const storage::Bucket& bucket);

}  // namespace basalt::api
