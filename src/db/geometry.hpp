// Spatial values as Appwrite writes them: a point [x, y], a line [[x, y], ...] and a polygon
// [[[x, y], ...], ...] (x = longitude, y = latitude, SRID 4326). Shared by the value checks, the
// query compiler and both dialects.
#pragma once

#include <array>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "db/schema.hpp"

namespace basalt::db {

enum class GeometryKind { kPoint, kLinestring, kPolygon };

struct Geometry {
    GeometryKind kind = GeometryKind::kPoint;
    boost::json::value coordinates;  // the array as given
};

// Reads a geometry from its array form (or the JSON text of it, as stored). The kind follows
// from the nesting; lines need two points, polygon rings four and must be closed. Returns
// nullopt and, when `problem` is given, the reason.
std::optional<Geometry> read_geometry(const boost::json::value& value,
                                      std::string* problem = nullptr);

// "point", "linestring", "polygon" (Appwrite's attribute type names).
std::string_view kind_name(GeometryKind kind) noexcept;

// The geometry kind an attribute type holds (nullopt: not spatial).
std::optional<GeometryKind> geometry_kind(AttributeType type) noexcept;

// True when `value` (array or JSON text) is a geometry of the kind `type` holds.
bool spatial_value_matches(AttributeType type, const boost::json::value& value);

// GeoJSON of `g` ({"type":"Point","coordinates":[...]}), for PostGIS.
std::string to_geojson(const Geometry& g);

// {min x, max x, min y, max y} of the geometry's positions.
std::array<double, 4> bounding_box(const Geometry& g);

// GeoJSON type name ("Point", "LineString", "Polygon").
std::string_view geojson_type(GeometryKind kind) noexcept;

// Great-circle distance in meters between two [lon, lat] points on a sphere of radius
// kEarthRadius, as MariaDB's ST_Distance_Sphere (what Appwrite uses for `meters`).
inline constexpr double kEarthRadius = 6'371'000.0;
double sphere_distance(double lon1, double lat1, double lon2, double lat2) noexcept;

}  // namespace basalt::db
