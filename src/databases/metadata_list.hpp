// Listing a collection's metadata (its indexes, or its attributes) with Appwrite queries, as
// Appwrite lists its internal `indexes` and `attributes` collections: filters, orders, cursor
// by key, limit (default 25) and offset; `total` counts the filter matches (up to 5000).
// The metadata is a short list held on the collection's record, so this runs in memory.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "db/query.hpp"

namespace basalt::databases {

struct MetadataPage {
    std::int64_t total = 0;             // 0 unless asked for
    std::vector<std::size_t> selected;  // positions in the listed items, in list order
};

// `items` are the listed records as flat JSON objects (field -> value; `key` identifies an item
// for cursors, `$sequence` is the default order); the queries must have been checked against
// the fields a caller may name (db::check_query_attributes). `cursor_noun` names the items in
// the cursor error ("Index"). Throws Error(kGeneralCursorNotFound) for an unknown cursor key,
// Error(kGeneralQueryInvalid) for a method a metadata list cannot serve.
MetadataPage list_metadata(std::span<const boost::json::object> items, std::span<const db::Query> queries,
                           bool with_total, std::string_view cursor_noun);

}  // namespace basalt::databases
