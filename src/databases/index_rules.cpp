#include "databases/index_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace basalt::databases {
namespace {

// What the rules need to know of an indexed attribute (user or meta).
struct Indexed {
    std::string key;
    std::string_view type;  // the model's type: string, varchar, double, point, ...
    std::int64_t size = 0;  // strings: the length the index may cover
    bool required = false;
    bool array = false;
    bool relationship = false;
    bool available = true;
    bool meta = false;
};

constexpr std::array<std::string_view, 5> kStringTypes = {"string", "varchar", "text", "mediumtext", "longtext"};
constexpr std::array<std::string_view, 3> kSpatialTypes = {"point", "linestring", "polygon"};
// Index keys the MariaDB adapter keeps for itself (compared case-insensitively).
constexpr std::array<std::string_view, 4> kReservedKeys = {"primary", "_created_at", "_updated_at", "_tenant_id"};
// The size Appwrite stores for a longtext attribute (the kinds table keeps MariaDB's byte limit).
constexpr std::int64_t kLongtextSize = 2'147'483'647;
constexpr std::int64_t kIdSize = 255;

bool one_of(std::string_view value, std::span<const std::string_view> set) {
    return std::find(set.begin(), set.end(), value) != set.end();
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

Indexed indexed_of(const AttributeSpec& a) {
    const auto& info = a.info();
    return Indexed{.key = a.key,
                   .type = info.type,
                   .size = a.kind == Kind::kLongtext ? kLongtextSize : (info.sized ? a.size : info.max_size),
                   .required = a.required,
                   .array = a.array,
                   .relationship = a.kind == Kind::kRelationship,
                   .available = a.available(),
                   .meta = false};
}

// The attribute an index names, exactly as written (Appwrite's handler compares exactly).
std::optional<Indexed> find_exact(const Collection& collection, std::string_view key) {
    if (key == "$id") return Indexed{.key = "$id", .type = "string", .size = kIdSize, .required = true, .meta = true};
    if (key == "$createdAt" || key == "$updatedAt") {
        return Indexed{.key = std::string(key), .type = "datetime", .meta = true};
    }
    if (const auto* a = find_attribute(collection.attributes, key)) return indexed_of(*a);
    return std::nullopt;
}

struct Failure {
    const Vocabulary& words;

    [[noreturn]] void fail(ErrorType documents, ErrorType tables, const std::string& message) const {
        throw SettledError(words.tables ? tables : documents, message);
    }
    std::string_view noun() const { return words.tables ? "column" : "attribute"; }
    // The utopia validator's messages read the same in both vocabularies.
    [[noreturn]] void invalid(const std::string& message) const {
        fail(ErrorType::kIndexInvalid, ErrorType::kColumnIndexInvalid, message);
    }
};

// Appwrite's handler: each attribute exists, is no relationship, is available and no array.
std::vector<Indexed> check_attributes(const Collection& collection, IndexSpec& index, const Failure& f) {
    std::vector<Indexed> out;
    for (std::size_t i = 0; i < index.attributes.size(); ++i) {
        const auto& key = index.attributes[i];
        auto a = find_exact(collection, key);
        if (!a) {
            f.fail(ErrorType::kAttributeUnknown, ErrorType::kColumnUnknown,
                   fmt::format("The {0} '{1}' required for the index could not be found. Please confirm all your {0}s "
                               "are in the available state.",
                               f.noun(), key));
        }
        if (a->relationship) {
            f.fail(ErrorType::kAttributeTypeInvalid, ErrorType::kColumnTypeInvalid,
                   fmt::format("Cannot create an index for a relationship {}: {}", f.noun(), key));
        }
        if (!a->available) {
            f.fail(ErrorType::kAttributeNotAvailable, ErrorType::kColumnNotAvailable,
                   fmt::format("The requested {} '{}' is not yet available. Please try again later.", f.noun(), key));
        }
        if (index.lengths.size() <= i) index.lengths.resize(i + 1, 0);
        if (a->array) {
            // Appwrite 1.9.6 reports this with the Databases type in TablesDB too.
            throw SettledError(ErrorType::kIndexInvalid, "Creating indexes on array attributes is not currently supported.");
        }
        out.push_back(std::move(*a));
    }
    return out;
}

void check_lengths(const IndexSpec& index, const std::vector<Indexed>& attributes, const Failure& f) {
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        const auto& a = attributes[i];
        if (!one_of(a.type, kStringTypes) && index.lengths[i] != 0) {
            f.invalid(fmt::format("Cannot set a length on \"{}\" attributes", a.type));
        }
    }
    if (index.type == kIndexFulltext) return;
    if (index.lengths.size() > index.attributes.size()) {
        f.invalid("Invalid index lengths. Count of lengths must be equal or less than the number of attributes.");
    }
    std::int64_t total = 0;
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        const auto& a = attributes[i];
        std::int64_t size = a.type == "double" ? 2 : 1;
        std::int64_t length = size;
        if (one_of(a.type, kStringTypes)) {
            size = a.size;
            length = index.lengths[i] != 0 ? index.lengths[i] : size;
        }
        if (length < 0) f.invalid(fmt::format("Negative index length provided for {}", a.key));
        if (length > size) {
            f.invalid(fmt::format("Index length {} is larger than the size for {}: {}\"", length, a.key, size));
        }
        total += length;
    }
    if (total > kMaxIndexLength) f.invalid(fmt::format("Index length is longer than the maximum: {}", kMaxIndexLength));
}

void check_spatial(const IndexSpec& index, const std::vector<Indexed>& attributes, const Failure& f) {
    if (index.type != kIndexSpatial) {
        for (const auto& a : attributes) {
            if (one_of(a.type, kSpatialTypes)) {
                f.invalid(fmt::format(
                    "Cannot create {} index on spatial attribute \"{}\". Spatial attributes require spatial indexes.",
                    index.type, a.key));
            }
        }
        return;
    }
    if (attributes.size() != 1) f.invalid("Spatial index must have exactly one attribute");
    const auto& a = attributes.front();
    if (!one_of(a.type, kSpatialTypes)) {
        f.invalid(fmt::format("Spatial index can only be created on spatial attributes (point, linestring, polygon). "
                              "Attribute \"{}\" is of type \"{}\"",
                              a.key, a.type));
    }
    // As with Appwrite's default MariaDB adapter, on both our backends.
    if (!a.required) {
        f.invalid(fmt::format("Spatial indexes do not allow null values. Mark the attribute \"{}\" as required or "
                              "create the index on a column with no null values.",
                              a.key));
    }
}

// utopia-php/database's Index validator, in its order (the checks an SQL adapter skips are left out).
void check_definition(const IndexSpec& index, const std::vector<Indexed>& attributes, const Failure& f) {
    if (index.type == kIndexSpatial && !index.orders.empty()) {
        f.invalid("Spatial indexes with explicit orders are not supported. Remove the orders to create this index.");
    }
    if (index.attributes.empty()) f.invalid("No attributes provided for index");
    for (std::size_t i = 0; i < index.attributes.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (lower(index.attributes[i]) == lower(index.attributes[j])) f.invalid("Duplicate attributes provided");
        }
    }
    if (index.type == kIndexFulltext) {
        for (const auto& a : attributes) {
            // The engine's fulltext covers attributes only; Appwrite would take $id too.
            if (!one_of(a.type, kStringTypes) || a.meta) {
                f.invalid(fmt::format("Attribute \"{}\" cannot be part of a fulltext index, must be of type string", a.key));
            }
        }
    }
    check_lengths(index, attributes, f);
    for (const auto reserved : kReservedKeys) {
        if (lower(index.key) == reserved) f.invalid("Index key name is reserved");
    }
    check_spatial(index, attributes, f);
}

}  // namespace

void check_new_index(const Collection& collection, IndexSpec& index, std::size_t max_indexes, const Vocabulary& words) {
    const Failure f{words};
    if (collection.indexes.size() >= max_indexes) {
        f.fail(ErrorType::kIndexLimitExceeded, ErrorType::kColumnIndexLimitExceeded,
               fmt::format("The maximum number of indexes for {} '{}' has been reached.",
                           words.tables ? "table" : "collection", collection.id()));
    }
    const auto attributes = check_attributes(collection, index, f);
    check_definition(index, attributes, f);
    for (const auto& existing : collection.indexes) {
        if (lower(existing.key) == lower(index.key)) {
            f.fail(ErrorType::kIndexAlreadyExists, ErrorType::kColumnIndexAlreadyExists,
                   fmt::format("Index with the requested key '{}' already exists. Try again with a different key.",
                               index.key));
        }
    }
}

void index_not_found(std::string_view key, const Vocabulary& words) {
    throw SettledError(words.tables ? ErrorType::kColumnIndexNotFound : ErrorType::kIndexNotFound,
                       fmt::format("Index with the requested key '{}' could not be found.", key));
}

db::Index engine_index(const IndexSpec& index) {
    auto out = storage_index(index);
    out.orders.clear();
    if (!index.orders.empty()) {
        for (std::size_t i = 0; i < index.attributes.size(); ++i) {
            const bool desc = i < index.orders.size() && lower(index.orders[i]) == "desc";
            out.orders.push_back(desc ? db::SortOrder::kDesc : db::SortOrder::kAsc);
        }
    }
    out.lengths.clear();
    return out;
}

}  // namespace basalt::databases
