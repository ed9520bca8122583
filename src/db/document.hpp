// A stored document: meta fields plus attribute values.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace basalt::db {

struct Document {
    std::string id;               // $id; empty on create = generate one
    std::int64_t sequence = 0;    // $sequence, the internal row number (set by the engine)
    std::int64_t created_at = 0;  // ms since epoch; 0 on create = now
    std::int64_t updated_at = 0;  // ms since epoch; 0 on create = created_at
    // Normalised permission strings, e.g. read("any"), update("user:42") (write already expanded).
    std::vector<std::string> permissions;
    // Attribute values by key. On output every attribute of the schema is present (null when
    // unset, datetimes as ISO-8601 strings), restricted to selected ones when a select was given.
    boost::json::object data;
};

// A partial update: only the keys in `data` change (null clears a non-required attribute).
struct DocumentPatch {
    boost::json::object data;
    std::optional<std::vector<std::string>> permissions;  // replaces all when set
};

struct DocumentList {
    std::int64_t total = 0;  // matching documents, capped at kMaxCount; 0 when not requested
    std::vector<Document> documents;
};

}  // namespace basalt::db
