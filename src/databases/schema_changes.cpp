#include "databases/schema_changes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

#include "core/error.hpp"
#include "core/time.hpp"
#include "databases/document_values.hpp"
#include "databases/relationships.hpp"

namespace basalt::databases {
namespace json = boost::json;
namespace {

[[noreturn]] void value_invalid(std::string message) { throw Error(ErrorType::kAttributeValueInvalid, std::move(message)); }

void check_bounds(const AttributeSpec& a) {
    if (a.kind != Kind::kInteger && a.kind != Kind::kFloat) return;
    if (!a.min.is_null() && !a.max.is_null() && a.min.to_number<double>() > a.max.to_number<double>()) {
        value_invalid("Minimum value must be lesser than maximum value");
    }
}

void check_elements(const AttributeSpec& a) {
    if (a.kind != Kind::kEnum) return;
    if (a.elements.empty()) value_invalid("Enum elements must not be empty");
    for (const auto& e : a.elements) {
        if (e.empty() || static_cast<std::int64_t>(e.size()) > a.info().max_size) {
            value_invalid(fmt::format("Each enum element must not be empty and at most {} characters long",
                                      a.info().max_size));
        }
    }
}

void check_default(const AttributeSpec& a) {
    if (a.default_value.is_null()) return;
    if (a.required) {
        throw Error(ErrorType::kAttributeDefaultUnsupported, "Cannot set default value for required attribute");
    }
    if (a.array) throw Error(ErrorType::kAttributeDefaultUnsupported, "Cannot set default value for array attributes");
    // The default must be a value documents could hold.
    Collection probe;
    probe.attributes = {a};
    probe.attributes.front().status = std::string(kAvailable);
    try {
        (void)stored_values(probe, json::object{{a.key, a.default_value}});
    } catch (const Error& e) {
        value_invalid(fmt::format("Default value is invalid: {}", e.what()));
    }
}

}  // namespace

AttributeSpec add_attribute(db::Database& project, const Collection& collection, AttributeSpec attribute) {
    std::lock_guard lock(catalog_lock());
    auto current = reread_collection(project, collection);
    if (find_attribute(current.attributes, attribute.key)) {
        throw Error(ErrorType::kAttributeAlreadyExists, "Attribute with the requested key already exists. Attribute keys must be unique, try again with a different key.");
    }
    if (current.attributes.size() >= kMaxAttributes) {
        throw Error(ErrorType::kAttributeLimitExceeded, "The maximum number of attributes has been reached.");
    }
    check_bounds(attribute);
    check_elements(attribute);
    check_default(attribute);
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

void remove_attribute(db::Database& project, const Collection& collection, std::string_view key) {
    // relationships: both sides and their storage go together.
    if (const auto* a = find_attribute(collection.attributes, key); a && a->kind == Kind::kRelationship) {
        return relationships::remove(project, collection, key);
    }
    std::lock_guard lock(catalog_lock());
    auto current = reread_collection(project, collection);
    const auto it = std::find_if(current.attributes.begin(), current.attributes.end(),
                                 [&](const auto& a) { return a.key == key; });
    if (it == current.attributes.end()) {
        throw Error(ErrorType::kAttributeNotFound, "Attribute with the requested key could not be found.");
    }
    for (const auto& index : current.indexes) {
        if (std::find(index.attributes.begin(), index.attributes.end(), key) != index.attributes.end()) {
            throw Error(ErrorType::kIndexDependency,
                        fmt::format("Attribute '{}' cannot be deleted because it is used in index '{}'", key, index.key));
        }
    }
    if (project.get_collection(current.documents_table())->attribute(key)) {
        project.drop_attribute(current.documents_table(), key);
    }
    current.attributes.erase(it);
    save_schema(project, current);
}

}  // namespace basalt::databases
