#include "databases/schema_changes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <mutex>

#include "core/error.hpp"
#include "core/time.hpp"
#include "databases/document_values.hpp"
#include "databases/relationships.hpp"
#include "databases/index_changes.hpp"

namespace basalt::databases {
namespace json = boost::json;
namespace {

// Encrypted strings need room for the cipher text (Appwrite's rule).
constexpr std::int64_t kMinEncryptedSize = 150;

[[noreturn]] void value_invalid(std::string message) {
    throw Error(ErrorType::kAttributeValueInvalid, std::move(message));
}

[[noreturn]] void not_found(std::string_view key) {
    throw Error(ErrorType::kAttributeNotFound,
                fmt::format("Attribute with the requested ID '{}' could not be found.", key));
}

void fill_bounds(AttributeSpec& a) {
    if (is_integral(a.kind)) {
        if (a.min.is_null()) a.min = std::numeric_limits<std::int64_t>::min();
        if (a.max.is_null()) a.max = std::numeric_limits<std::int64_t>::max();
    } else if (a.kind == Kind::kFloat) {
        if (a.min.is_null()) a.min = -std::numeric_limits<double>::max();
        if (a.max.is_null()) a.max = std::numeric_limits<double>::max();
    }
}

void check_bounds(const AttributeSpec& a) {
    if (!is_numeric(a.kind)) return;
    const bool reversed = is_integral(a.kind)
                              ? a.min.to_number<std::int64_t>() > a.max.to_number<std::int64_t>()
                              : a.min.to_number<double>() > a.max.to_number<double>();
    if (reversed) value_invalid("Minimum value must be lesser than maximum value");
}

void check_elements(const AttributeSpec& a) {
    if (a.kind != Kind::kEnum) return;
    if (a.elements.empty()) value_invalid("Enum elements must not be empty");
    for (const auto& e : a.elements) {
        if (e.empty()) value_invalid("Each enum element must not be empty");
    }
}

// Appwrite checks a default on required or array attributes once the collection is known.
void check_default_allowed(const AttributeSpec& a) {
    if (a.default_value.is_null()) return;
    if (a.required) {
        throw Error(ErrorType::kAttributeDefaultUnsupported,
                    "Cannot set default value for required attribute");
    }
    if (a.array)
        throw Error(ErrorType::kAttributeDefaultUnsupported,
                    "Cannot set default value for array attributes");
}

void check_limits(const Collection& collection, std::span<const AttributeSpec> attributes) {
    if (attributes.size() > kMaxAttributes || row_width(attributes) >= kRowWidthLimit) {
        throw Error(
            ErrorType::kAttributeLimitExceeded,
            fmt::format(
                "The maximum number or size of attributes for collection '{}' has been reached.",
                collection.id()));
    }
}

// Keys are unique regardless of case, as Appwrite (on MariaDB) has them, and as SQLite's column
// names are.
bool key_taken(std::span<const AttributeSpec> attributes, std::string_view key,
               std::string_view except = {}) {
    auto lower = [](std::string_view text) {
        std::string out(text);
        std::transform(out.begin(), out.end(), out.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        return out;
    };
    const auto wanted = lower(key);
    return std::any_of(attributes.begin(), attributes.end(), [&](const AttributeSpec& a) {
        return a.key != except && lower(a.key) == wanted;
    });
}

[[noreturn]] void already_exists(std::string_view key) {
    throw Error(
        ErrorType::kAttributeAlreadyExists,
        fmt::format(
            "Attribute with the requested key '{}' already exists. Attribute keys must be unique, "
            "try again with a different key.",
            key));
}

std::vector<AttributeSpec>::iterator find_in(std::vector<AttributeSpec>& attributes,
                                             std::string_view key) {
    return std::find_if(attributes.begin(), attributes.end(),
                        [&](const auto& a) { return a.key == key; });
}

// The attribute after `changes`, checked as a new one would be.
AttributeSpec changed(const AttributeSpec& current, const AttributeChanges& changes) {
    AttributeSpec a = current;
    a.required = changes.required;
    a.default_value = changes.default_value;
    if (changes.size) a.size = *changes.size;
    if (!changes.min.is_null()) a.min = changes.min;
    if (!changes.max.is_null()) a.max = changes.max;
    if (changes.elements) a.elements = *changes.elements;
    if (!changes.new_key.empty()) a.key = changes.new_key;
    fill_bounds(a);
    check_bounds(a);
    check_elements(a);
    if (!a.default_value.is_null()) {
        if (auto problem = value_problem(a, a.default_value)) value_invalid(*problem);
    }
    check_default_allowed(a);
    return a;
}

}  // namespace

void prepare_attribute(AttributeSpec& a) {
    fill_bounds(a);
    check_bounds(a);
    check_elements(a);
    if (a.encrypt && a.info().sized && a.size < kMinEncryptedSize) {
        throw Error(ErrorType::kGeneralBadRequest,
                    "Size too small. Encrypted strings require a minimum size of 150 characters.");
    }
    if (!a.default_value.is_null()) {
        if (auto problem = value_problem(a, a.default_value)) value_invalid(*problem);
    }
}

AttributeSpec add_attribute(db::Database& project, const Collection& collection,
                            AttributeSpec attribute) {
    check_default_allowed(attribute);
    std::lock_guard lock(catalog_lock());
    auto current = reread_collection(project, collection);
    current.attributes.push_back(attribute);
    check_limits(current, current.attributes);
    current.attributes.pop_back();
    if (key_taken(current.attributes, attribute.key)) already_exists(attribute.key);
    const auto now = time::now_ms();
    attribute.created_at = now;
    attribute.updated_at = now;
    attribute.status = std::string(kAvailable);
    attribute.error.clear();
    project.create_attribute(current.documents_table(), storage_attribute(attribute));
    current.attributes.push_back(attribute);
    try {
        save_schema(project, current);
    } catch (...) {
        project.drop_attribute(current.documents_table(), attribute.key);
        throw;
    }
    return attribute;
}

AttributeSpec update_attribute(db::Database& project, const Collection& collection,
                               std::string_view key, const AttributeChanges& changes) {
    std::lock_guard lock(catalog_lock());
    auto current = reread_collection(project, collection);
    const auto it = find_in(current.attributes, key);
    if (it == current.attributes.end()) not_found(key);
    if (!it->available()) {
        throw Error(
            ErrorType::kAttributeNotAvailable,
            fmt::format(
                "The requested attribute '{}' is not yet available. Please try again later.", key));
    }
    if (it->kind != changes.kind)
        throw Error(ErrorType::kAttributeTypeInvalid, "The attribute type is invalid.");
    auto updated = changed(*it, changes);
    const bool renamed = updated.key != key;
    if (renamed && key_taken(current.attributes, updated.key, key)) already_exists(updated.key);
    const auto previous = *it;
    *it = updated;
    check_limits(current, current.attributes);
    it->updated_at = time::now_ms();
    for (auto& index : current.indexes)
        std::replace(index.attributes.begin(), index.attributes.end(), previous.key, updated.key);
    project.update_attribute(current.documents_table(), key, storage_attribute(*it));
    try {
        save_schema(project, current);
    } catch (...) {
        project.update_attribute(current.documents_table(), updated.key,
                                 storage_attribute(previous));
        throw;
    }
    return *it;
}

void remove_attribute(db::Database& project, const Collection& collection, std::string_view key) {
    // relationships: both sides and their storage go together.
    if (const auto* a = find_attribute(collection.attributes, key); a && a->kind == Kind::kRelationship) {
        return relationships::remove(project, collection, key);
    }
    std::lock_guard lock(catalog_lock());
    auto current = reread_collection(project, collection);
    const auto it = find_in(current.attributes, key);
    if (it == current.attributes.end()) not_found(key);
    for (const auto& index : current.indexes) {
        if (std::find(index.attributes.begin(), index.attributes.end(), key) !=
            index.attributes.end()) {
            throw Error(
                ErrorType::kIndexDependency,
                fmt::format(
                    "Attribute '{}' cannot be renamed or deleted. Please remove the associated "
                    "index first.",
                    key));
        }
    }
    if (project.get_collection(current.documents_table())->attribute(key)) {
        project.drop_attribute(current.documents_table(), key);
    }
    current.attributes.erase(it);
    save_schema(project, current);
}

Collection add_inline_schema(db::Database& project, const Collection& created,
                             std::vector<AttributeSpec> attributes,
                             std::vector<IndexSpec> indexes, const Vocabulary& words) {
    try {
        for (auto& a : attributes) add_attribute(project, created, std::move(a));
        for (auto& i : indexes) create_index_now(project, created, std::move(i), words);
        return reread_collection(project, created);
    } catch (...) {
        delete_collection(project, created);
        throw;
    }
}

}  // namespace basalt::databases
