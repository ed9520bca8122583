#include "databases/document_values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/net.hpp"
#include "core/time.hpp"

namespace basalt::databases {
namespace json = boost::json;
namespace {

[[noreturn]] void invalid(const AttributeSpec& a, std::string_view rule) {
    throw Error(ErrorType::kDocumentInvalidStructure,
                fmt::format("Invalid document structure: Attribute \"{}\" has invalid {}format. {}",
                            a.key, a.array ? "element " : "", rule));
}

bool is_spatial(Kind kind) {
    return kind == Kind::kPoint || kind == Kind::kLine || kind == Kind::kPolygon;
}

bool is_string_kind(Kind kind) {
    return kind == Kind::kString || kind == Kind::kVarchar || kind == Kind::kText ||
           kind == Kind::kMediumtext || kind == Kind::kLongtext || kind == Kind::kEnum;
}

std::size_t utf8_length(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

// PHP's number_format($n): rounded to a whole number, thousands separated by commas.
std::string number_format(double n) {
    auto digits =
        fmt::format("{:.0f}", std::round(std::abs(n)));  // PHP rounds halves away from zero
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return (n < 0 && out != "0" ? "-" : "") + out;
}

std::string number_format(std::int64_t n) {
    const auto digits = std::to_string(n);
    const std::size_t start = n < 0 ? 1 : 0;
    std::string out = digits.substr(0, start);
    for (std::size_t i = start; i < digits.size(); ++i) {
        if (i > start && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// Why `v` is not a [longitude, latitude] pair; nullopt when it is.
std::optional<std::string> point_problem(const json::value& v) {
    if (!v.is_array() || v.get_array().size() != 2 || !v.get_array()[0].is_number() ||
        !v.get_array()[1].is_number()) {
        return "Point must be an array of two numeric values [x, y]";
    }
    const double lon = v.get_array()[0].to_number<double>();
    const double lat = v.get_array()[1].to_number<double>();
    if (lon < -180 || lon > 180)
        return fmt::format("Longitude (x) must be between -180 and 180, got {}", lon);
    if (lat < -90 || lat > 90)
        return fmt::format("Latitude (y) must be between -90 and 90, got {}", lat);
    return std::nullopt;
}

std::optional<std::string> line_problem(const json::value& v, std::size_t min_points,
                                        std::string_view what) {
    if (!v.is_array() || v.get_array().size() < min_points) {
        return fmt::format("{} must be an array of at least {} points", what, min_points);
    }
    for (std::size_t i = 0; i < v.get_array().size(); ++i) {
        if (auto problem = point_problem(v.get_array()[i]))
            return fmt::format("Point #{}: {}", i, *problem);
    }
    return std::nullopt;
}

// A polygon: rings of at least four points, each closed (first point = last point).
std::optional<std::string> polygon_problem(const json::value& v) {
    if (!v.is_array() || v.get_array().empty()) return "Polygon must be an array of rings";
    for (std::size_t i = 0; i < v.get_array().size(); ++i) {
        const auto& ring = v.get_array()[i];
        if (auto problem = line_problem(ring, 4, fmt::format("Ring #{}", i))) return problem;
        if (ring.get_array().front() != ring.get_array().back()) {
            return fmt::format("Ring #{} must be closed (first point must equal last point)", i);
        }
    }
    return std::nullopt;
}

std::optional<std::string> spatial_problem(const AttributeSpec& a, const json::value& v) {
    auto problem = a.kind == Kind::kPoint  ? point_problem(v)
                   : a.kind == Kind::kLine ? line_problem(v, 2, "Linestring")
                                           : polygon_problem(v);
    if (!problem) return std::nullopt;
    return fmt::format("Value must be a valid {}: {}", a.info().type, *problem);
}

std::int64_t int_bound(const json::value& bound, std::int64_t fallback) {
    if (bound.is_int64()) return bound.get_int64();
    if (bound.is_uint64())
        return static_cast<std::int64_t>(std::min<std::uint64_t>(bound.get_uint64(), INT64_MAX));
    if (bound.is_double()) return static_cast<std::int64_t>(bound.get_double());
    return fallback;
}

double float_bound(const json::value& bound, double fallback) {
    return bound.is_number() ? bound.to_number<double>() : fallback;
}

// Checks the elements and bounds of one non-null scalar of `a` (an element of an array
// attribute, or its value). A value of the wrong type is left to the engine, which reports it.
void check_scalar(const AttributeSpec& a, const json::value& v) {
    if (format_problem(a, v)) return;
    if (a.kind == Kind::kEnum &&
        std::find(a.elements.begin(), a.elements.end(), v.get_string()) == a.elements.end()) {
        std::string list;
        for (const auto& e : a.elements) list += (list.empty() ? "" : ", ") + e;
        invalid(a, fmt::format("Value must be one of ({})", list));
    }
    if (is_numeric(a.kind)) {
        if (auto problem = value_problem(a, v)) invalid(a, *problem);
    }
}

// Email, IP and URL strings in the wrong format (Appwrite: "has invalid format").
void check_format(const AttributeSpec& a, const json::value& v) {
    if (a.kind != Kind::kEmail && a.kind != Kind::kIp && a.kind != Kind::kUrl) return;
    if (!v.is_string()) return;  // the engine reports the type
    if (auto problem = format_problem(a, v)) invalid(a, *problem);
}

json::value spatial_stored(const AttributeSpec& a, const json::value& v) {
    if (auto problem = spatial_problem(a, v)) {
        throw Error(
            ErrorType::kDocumentInvalidStructure,
            fmt::format("Invalid document structure: Attribute \"{}\" has invalid format. {}",
                        a.key, *problem));
    }
    return json::string(json::serialize(v));
}

}  // namespace

std::string range_rule(const AttributeSpec& a) {
    if (is_integral(a.kind)) {
        return fmt::format("Value must be a valid range between {} and {}",
                           number_format(int_bound(a.min, INT64_MIN)),
                           number_format(int_bound(a.max, INT64_MAX)));
    }
    constexpr double kMax = std::numeric_limits<double>::max();
    return fmt::format("Value must be a valid range between {} and {}",
                       number_format(float_bound(a.min, -kMax)),
                       number_format(float_bound(a.max, kMax)));
}

std::optional<std::string> format_problem(const AttributeSpec& a, const json::value& v) {
    if (is_spatial(a.kind)) return spatial_problem(a, v);
    if (is_string_kind(a.kind)) {
        if (!v.is_string()) return std::string("Value must be a valid string");
        return std::nullopt;
    }
    switch (a.kind) {
        case Kind::kInteger:
        case Kind::kBigint:
            if (v.is_int64() || (v.is_uint64() && v.get_uint64() <= INT64_MAX)) return std::nullopt;
            return std::string("Value must be a valid integer");
        case Kind::kFloat:
            if (v.is_number()) return std::nullopt;
            return std::string("Value must be a valid float");
        case Kind::kBoolean:
            if (v.is_bool()) return std::nullopt;
            return std::string("Value must be a valid boolean");
        case Kind::kDatetime:
            if (v.is_string() && time::parse_iso(v.get_string())) return std::nullopt;
            return std::string("Value must be valid date in ISO 8601 format.");
        case Kind::kEmail:
            if (v.is_string() && net::is_email_address(v.get_string())) return std::nullopt;
            return std::string("Value must be a valid email address");
        case Kind::kIp:
            if (v.is_string() && net::is_ip_address(v.get_string())) return std::nullopt;
            return std::string("Value must be a valid IP address");
        case Kind::kUrl:
            if (v.is_string() && net::is_absolute_url(v.get_string())) return std::nullopt;
            return std::string("Value must be a valid URL");
        default:
            return std::nullopt;
    }
}

std::optional<std::string> value_problem(const AttributeSpec& a, const json::value& v) {
    if (is_string_kind(a.kind) && a.kind != Kind::kEnum && v.is_string()) {
        const auto size = stored_size(a);
        if (static_cast<std::int64_t>(utf8_length(v.get_string())) > size) {
            return fmt::format("Value must be a valid string and no longer than {} chars", size);
        }
        return std::nullopt;
    }
    if (a.kind == Kind::kEnum && v.is_string()) {
        if (std::find(a.elements.begin(), a.elements.end(), v.get_string()) == a.elements.end()) {
            return std::string("Default value not found in elements");
        }
        return std::nullopt;
    }
    if (is_integral(a.kind) && v.is_number()) {
        const auto min = int_bound(a.min, INT64_MIN);
        const auto max = int_bound(a.max, INT64_MAX);
        const bool in_range = v.is_int64() ? v.get_int64() >= min && v.get_int64() <= max
                              : v.is_uint64()
                                  ? max >= 0 && v.get_uint64() <= static_cast<std::uint64_t>(max)
                                  : false;
        if (!in_range) return range_rule(a);
        return std::nullopt;
    }
    if (a.kind == Kind::kFloat && v.is_number()) {
        constexpr double kMax = std::numeric_limits<double>::max();
        const double d = v.to_number<double>();
        if (!std::isfinite(d) || d < float_bound(a.min, -kMax) || d > float_bound(a.max, kMax))
            return range_rule(a);
    }
    return std::nullopt;
}

json::object stored_values(const Collection& collection, const json::object& data) {
    json::object out;
    out.reserve(data.size());
    for (const auto& [key, value] : data) {
        const auto* a = find_attribute(collection.attributes, key);
        if (!a) {
            throw Error(ErrorType::kDocumentInvalidStructure,
                        fmt::format("Invalid document structure: Unknown attribute: \"{}\"",
                                    std::string_view(key)));
        }
        if (!a->available()) {
            throw Error(
                ErrorType::kAttributeNotAvailable,
                fmt::format(
                    "The requested attribute '{}' is not yet available. Please try again later.",
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
                if (element.is_null()) continue;
                check_format(*a, element);
                check_scalar(*a, element);
            }
        } else if (!a->array) {
            check_format(*a, value);
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
