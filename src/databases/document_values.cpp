#include "databases/document_values.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/net.hpp"

namespace basalt::databases {
namespace json = boost::json;
namespace {

[[noreturn]] void invalid(const AttributeSpec& a, std::string_view rule) {
    throw Error(ErrorType::kDocumentInvalidStructure,
                fmt::format("Invalid document structure: Attribute \"{}\" has invalid {}format. {}", a.key,
                            a.array ? "element " : "", rule));
}

bool is_spatial(Kind kind) { return kind == Kind::kPoint || kind == Kind::kLine || kind == Kind::kPolygon; }

bool is_coordinate_pair(const json::value& v) {
    if (!v.is_array() || v.get_array().size() != 2) return false;
    for (const auto& n : v.get_array()) {
        if (!n.is_number()) return false;
    }
    const double lon = v.get_array()[0].to_number<double>();
    const double lat = v.get_array()[1].to_number<double>();
    return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

bool is_line(const json::value& v) {
    if (!v.is_array() || v.get_array().size() < 2) return false;
    for (const auto& p : v.get_array()) {
        if (!is_coordinate_pair(p)) return false;
    }
    return true;
}

// A polygon: rings of at least four points, each closed (first point = last point).
bool is_polygon(const json::value& v) {
    if (!v.is_array() || v.get_array().empty()) return false;
    for (const auto& ring : v.get_array()) {
        if (!is_line(ring) || ring.get_array().size() < 4 || ring.get_array().front() != ring.get_array().back()) {
            return false;
        }
    }
    return true;
}

template <typename T>
std::string bound_text(const json::value& bound, T fallback) {
    if (bound.is_null()) return fmt::format("{}", fallback);
    return json::serialize(bound);
}

void check_range(const AttributeSpec& a, const json::value& v) {
    if (!v.is_number()) return;  // the engine reports the type
    if (a.kind == Kind::kInteger) {
        if (!v.is_int64() && !v.is_uint64()) return;
        const auto min = a.min.is_null() ? std::numeric_limits<std::int64_t>::min() : a.min.to_number<std::int64_t>();
        const auto max = a.max.is_null() ? std::numeric_limits<std::int64_t>::max() : a.max.to_number<std::int64_t>();
        const bool in_range = v.is_int64() ? (v.get_int64() >= min && v.get_int64() <= max)
                                           : v.get_uint64() <= static_cast<std::uint64_t>(max) && max >= 0;
        if (!in_range) invalid(a, fmt::format("Value must be a valid range between {} and {}", min, max));
        return;
    }
    const double d = v.to_number<double>();
    const double min = a.min.is_null() ? -std::numeric_limits<double>::max() : a.min.to_number<double>();
    const double max = a.max.is_null() ? std::numeric_limits<double>::max() : a.max.to_number<double>();
    if (!std::isfinite(d) || d < min || d > max) {
        invalid(a, fmt::format("Value must be a valid range between {} and {}", bound_text(a.min, min),
                               bound_text(a.max, max)));
    }
}

// Checks one non-null scalar of `a` (an element of an array attribute, or its value).
void check_scalar(const AttributeSpec& a, const json::value& v) {
    switch (a.kind) {
        case Kind::kInteger:
        case Kind::kFloat:
            check_range(a, v);
            return;
        case Kind::kEmail:
            if (v.is_string() && !net::is_email_address(v.get_string())) invalid(a, "Value must be a valid email address");
            return;
        case Kind::kIp:
            if (v.is_string() && !net::is_ip_address(v.get_string())) invalid(a, "Value must be a valid IP address");
            return;
        case Kind::kUrl:
            if (v.is_string() && !net::is_absolute_url(v.get_string())) invalid(a, "Value must be a valid URL");
            return;
        case Kind::kEnum:
            if (v.is_string() && std::find(a.elements.begin(), a.elements.end(), v.get_string()) == a.elements.end()) {
                std::string list;
                for (const auto& e : a.elements) list += (list.empty() ? "" : ", ") + e;
                invalid(a, fmt::format("Value must be one of ({})", list));
            }
            return;
        default:
            return;
    }
}

json::value spatial_stored(const AttributeSpec& a, const json::value& v) {
    const bool valid = a.kind == Kind::kPoint ? is_coordinate_pair(v) : a.kind == Kind::kLine ? is_line(v) : is_polygon(v);
    if (!valid) {
        throw Error(ErrorType::kDocumentInvalidStructure,
                    fmt::format("Invalid document structure: Attribute \"{}\" has invalid format. Value must be a "
                                "valid {}",
                                a.key, a.info().type));
    }
    return json::string(json::serialize(v));
}

}  // namespace

json::object stored_values(const Collection& collection, const json::object& data) {
    json::object out;
    out.reserve(data.size());
    for (const auto& [key, value] : data) {
        const auto* a = find_attribute(collection.attributes, key);
        if (!a) {
            throw Error(ErrorType::kDocumentInvalidStructure,
                        fmt::format("Invalid document structure: Unknown attribute: \"{}\"", std::string_view(key)));
        }
        if (!a->available()) {
            throw Error(ErrorType::kAttributeNotAvailable,
                        fmt::format("The requested attribute '{}' is not yet available. Please try again later.",
                                    a->key));
        }
        if (value.is_null()) {
            out.emplace(key, value);
            continue;
        }
        if (is_spatial(a->kind)) {
            out.emplace(key, spatial_stored(*a, value));
            continue;
        }
        if (a->array && value.is_array()) {
            for (const auto& element : value.get_array()) {
                if (!element.is_null()) check_scalar(*a, element);
            }
        } else if (!a->array) {
            check_scalar(*a, value);
        }
        out.emplace(key, value);
    }
    return out;
}

void api_values(const Collection& collection, json::object& data) {
    for (const auto& a : collection.attributes) {
        if (!is_spatial(a.kind)) continue;
        auto* v = data.if_contains(a.key);
        if (v && v->is_string()) *v = json::parse(v->get_string());
    }
}

}  // namespace basalt::databases
