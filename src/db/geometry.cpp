#include "db/geometry.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace basalt::db {
namespace json = boost::json;
namespace {

bool is_position(const json::value& v) {
    if (!v.is_array()) return false;
    const auto& a = v.get_array();
    return a.size() == 2 && a[0].is_number() && a[1].is_number();
}

bool fail(std::string* problem, std::string text) {
    if (problem) *problem = std::move(text);
    return false;
}

bool line_ok(const json::value& v, std::size_t min, std::string* problem, std::string_view what) {
    if (!v.is_array()) return fail(problem, fmt::format("{} must be an array of points", what));
    const auto& points = v.get_array();
    for (const auto& p : points) {
        if (!is_position(p)) {
            return fail(problem, fmt::format("Each point of a {} must be an array of two numbers [x, y]",
                                             what));
        }
    }
    if (points.size() < min) {
        return fail(problem, fmt::format("{} must have at least {} points", what, min));
    }
    return true;
}

bool polygon_ok(const json::value& v, std::string* problem) {
    const auto& rings = v.get_array();
    if (rings.empty()) return fail(problem, "Polygon must have at least one ring");
    for (std::size_t i = 0; i < rings.size(); ++i) {
        if (!line_ok(rings[i], 4, problem, fmt::format("Ring #{}", i))) return false;
        const auto& ring = rings[i].get_array();
        if (ring.front() != ring.back()) {
            return fail(problem,
                        fmt::format("Ring #{} must be closed (first point must equal last point)", i));
        }
    }
    return true;
}

}  // namespace

std::optional<Geometry> read_geometry(const json::value& input, std::string* problem) {
    json::value parsed;
    const json::value* v = &input;
    if (input.is_string()) {
        json::error_code ec;
        parsed = json::parse(input.get_string(), ec);
        if (ec) {
            fail(problem, "Geometry is not valid JSON");
            return std::nullopt;
        }
        v = &parsed;
    }
    if (!v->is_array() || v->get_array().empty()) {
        fail(problem, "Geometry must be a non-empty array");
        return std::nullopt;
    }
    const auto& first = v->get_array().front();
    Geometry g;
    if (first.is_number()) {
        if (!is_position(*v)) {
            fail(problem, "Point must be an array of two numeric values [x, y]");
            return std::nullopt;
        }
        g.kind = GeometryKind::kPoint;
    } else if (first.is_array() && !first.get_array().empty() && first.get_array()[0].is_number()) {
        if (!line_ok(*v, 2, problem, "Linestring")) return std::nullopt;
        g.kind = GeometryKind::kLinestring;
    } else if (first.is_array()) {
        if (!polygon_ok(*v, problem)) return std::nullopt;
        g.kind = GeometryKind::kPolygon;
    } else {
        fail(problem, "Unrecognized geometry array format");
        return std::nullopt;
    }
    g.coordinates = *v;
    return g;
}

std::string_view kind_name(GeometryKind kind) noexcept {
    switch (kind) {
        case GeometryKind::kPoint: return "point";
        case GeometryKind::kLinestring: return "linestring";
        case GeometryKind::kPolygon: return "polygon";
    }
    return "point";
}

std::string_view geojson_type(GeometryKind kind) noexcept {
    switch (kind) {
        case GeometryKind::kPoint: return "Point";
        case GeometryKind::kLinestring: return "LineString";
        case GeometryKind::kPolygon: return "Polygon";
    }
    return "Point";
}

std::optional<GeometryKind> geometry_kind(AttributeType type) noexcept {
    switch (type) {
        case AttributeType::kPoint: return GeometryKind::kPoint;
        case AttributeType::kLinestring: return GeometryKind::kLinestring;
        case AttributeType::kPolygon: return GeometryKind::kPolygon;
        default: return std::nullopt;
    }
}

bool spatial_value_matches(AttributeType type, const json::value& value) {
    auto kind = geometry_kind(type);
    auto g = read_geometry(value);
    return kind && g && g->kind == *kind;
}

std::string to_geojson(const Geometry& g) {
    return fmt::format("{{\"type\":\"{}\",\"coordinates\":{}}}", geojson_type(g.kind),
                       json::serialize(g.coordinates));
}

std::array<double, 4> bounding_box(const Geometry& g) {
    std::array<double, 4> box{INFINITY, -INFINITY, INFINITY, -INFINITY};
    auto add = [&box](const json::value& p) {
        double x = p.get_array()[0].to_number<double>();
        double y = p.get_array()[1].to_number<double>();
        box[0] = std::min(box[0], x);
        box[1] = std::max(box[1], x);
        box[2] = std::min(box[2], y);
        box[3] = std::max(box[3], y);
    };
    const auto& c = g.coordinates.get_array();
    switch (g.kind) {
        case GeometryKind::kPoint:
            add(g.coordinates);
            break;
        case GeometryKind::kLinestring:
            for (const auto& p : c) add(p);
            break;
        case GeometryKind::kPolygon:
            for (const auto& ring : c) {
                for (const auto& p : ring.get_array()) add(p);
            }
            break;
    }
    return box;
}

double sphere_distance(double lon1, double lat1, double lon2, double lat2) noexcept {
    // Haversine formula.
    constexpr double rad = std::numbers::pi / 180.0;
    double dlat = (lat2 - lat1) * rad;
    double dlon = (lon2 - lon1) * rad;
    double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
               std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace basalt::db
