#include "db/sqlite/sqlite_spatial.hpp"

#include <geos_c.h>
#include <sqlite3.h>

#include <algorithm>
#include <boost/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/dialect.hpp"
#include "db/geometry.hpp"

namespace basalt::db {
namespace json = boost::json;
namespace {

// One GEOS context per thread: contexts are not thread-safe, SQLite connections move between
// threads, and a function call runs on the caller's thread. Never destroyed (process lifetime).
GEOSContextHandle_t geos() {
    thread_local GEOSContextHandle_t handle = [] {
        auto h = GEOS_init_r();
        GEOSContext_setErrorMessageHandler_r(h, [](const char*, void*) {}, nullptr);
        return h;
    }();
    return handle;
}

struct GeomDeleter {
    void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(geos(), g); }
};
using Geom = std::unique_ptr<GEOSGeometry, GeomDeleter>;

GEOSCoordSequence* sequence(const json::array& points) {
    auto ctx = geos();
    auto* seq = GEOSCoordSeq_create_r(ctx, static_cast<unsigned>(points.size()), 2);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const auto& p = points[i].get_array();
        GEOSCoordSeq_setXY_r(ctx, seq, static_cast<unsigned>(i), p[0].to_number<double>(),
                             p[1].to_number<double>());
    }
    return seq;
}

Geom build(const Geometry& g) {
    auto ctx = geos();
    const auto& c = g.coordinates.get_array();
    switch (g.kind) {
        case GeometryKind::kPoint:
            return Geom(GEOSGeom_createPointFromXY_r(ctx, c[0].to_number<double>(),
                                                     c[1].to_number<double>()));
        case GeometryKind::kLinestring:
            return Geom(GEOSGeom_createLineString_r(ctx, sequence(c)));
        case GeometryKind::kPolygon: {
            auto* shell = GEOSGeom_createLinearRing_r(ctx, sequence(c[0].get_array()));
            std::vector<GEOSGeometry*> holes;
            for (std::size_t i = 1; i < c.size(); ++i) {
                holes.push_back(GEOSGeom_createLinearRing_r(ctx, sequence(c[i].get_array())));
            }
            return Geom(GEOSGeom_createPolygon_r(ctx, shell, holes.data(),
                                                 static_cast<unsigned>(holes.size())));
        }
    }
    return nullptr;
}

std::optional<Geometry> read_text(sqlite3_value* v) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(v));
    if (text == nullptr) return std::nullopt;
    json::error_code ec;
    auto parsed = json::parse(std::string_view(text, sqlite3_value_bytes(v)), ec);
    if (ec) return std::nullopt;
    return read_geometry(parsed);
}

// The query's geometry, parsed once per statement (kept as SQLite auxiliary data).
struct Param {
    Geometry geometry;
    Geom geom;
    const GEOSPreparedGeometry* prepared = nullptr;
    ~Param() {
        if (prepared) GEOSPreparedGeom_destroy_r(geos(), prepared);
    }
};

void delete_param(void* p) { delete static_cast<Param*>(p); }

Param* param_of(sqlite3_context* ctx, sqlite3_value** argv, int arg) {
    if (auto* p = static_cast<Param*>(sqlite3_get_auxdata(ctx, arg))) return p;
    auto g = read_text(argv[arg]);
    if (!g) return nullptr;
    auto p = std::make_unique<Param>();
    p->geometry = std::move(*g);
    p->geom = build(p->geometry);
    if (!p->geom) return nullptr;
    p->prepared = GEOSPrepare_r(geos(), p->geom.get());
    auto* raw = p.release();
    sqlite3_set_auxdata(ctx, arg, raw, delete_param);
    // SQLite may have destroyed it already when it cannot keep it; ask again.
    return static_cast<Param*>(sqlite3_get_auxdata(ctx, arg));
}

void spatial(sqlite3_context* ctx, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[1]) == SQLITE_NULL || sqlite3_value_type(argv[2]) == SQLITE_NULL) {
        return sqlite3_result_null(ctx);
    }
    auto relation = static_cast<SpatialRelation>(sqlite3_value_int(argv[0]));
    auto stored = read_text(argv[1]);
    Param* param = param_of(ctx, argv, 2);
    if (!stored || !param) return sqlite3_result_error(ctx, "invalid geometry", -1);
    Geom g = build(*stored);
    if (!g) return sqlite3_result_error(ctx, "invalid geometry", -1);
    auto c = geos();
    const auto* p = param->prepared;
    // Prepared predicates test param against stored: swap the asymmetric ones.
    char r = 2;
    switch (relation) {
        case SpatialRelation::kEquals: r = GEOSEquals_r(c, g.get(), param->geom.get()); break;
        case SpatialRelation::kIntersects: r = GEOSPreparedIntersects_r(c, p, g.get()); break;
        case SpatialRelation::kCrosses: r = GEOSPreparedCrosses_r(c, p, g.get()); break;
        case SpatialRelation::kOverlaps: r = GEOSPreparedOverlaps_r(c, p, g.get()); break;
        case SpatialRelation::kTouches: r = GEOSPreparedTouches_r(c, p, g.get()); break;
        case SpatialRelation::kCovers: r = GEOSPreparedCoveredBy_r(c, p, g.get()); break;
    }
    if (r == 2) return sqlite3_result_error(ctx, "GEOS could not evaluate the relation", -1);
    sqlite3_result_int(ctx, r);
}

void distance(sqlite3_context* ctx, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        return sqlite3_result_null(ctx);
    }
    auto stored = read_text(argv[0]);
    Param* param = param_of(ctx, argv, 1);
    if (!stored || !param) return sqlite3_result_error(ctx, "invalid geometry", -1);
    if (sqlite3_value_int(argv[2]) != 0) {
        if (stored->kind != GeometryKind::kPoint || param->geometry.kind != GeometryKind::kPoint) {
            return sqlite3_result_error(ctx, "distance in meters needs two points", -1);
        }
        const auto& a = stored->coordinates.get_array();
        const auto& b = param->geometry.coordinates.get_array();
        return sqlite3_result_double(
            ctx, sphere_distance(a[0].to_number<double>(), a[1].to_number<double>(),
                                 b[0].to_number<double>(), b[1].to_number<double>()));
    }
    Geom g = build(*stored);
    double d = 0;
    if (!g || GEOSDistance_r(geos(), g.get(), param->geom.get(), &d) != 1) {
        return sqlite3_result_error(ctx, "GEOS could not compute the distance", -1);
    }
    sqlite3_result_double(ctx, d);
}

void bbox(sqlite3_context* ctx, int, sqlite3_value** argv) {
    auto stored = read_text(argv[0]);
    if (!stored) return sqlite3_result_null(ctx);
    auto box = bounding_box(*stored);
    int i = std::clamp(sqlite3_value_int(argv[1]), 0, 3);
    sqlite3_result_double(ctx, box[static_cast<std::size_t>(i)]);
}

}  // namespace

void register_spatial_functions(sqlite3* db) {
    constexpr int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    sqlite3_create_function(db, "basalt_spatial", 3, flags, nullptr, spatial, nullptr, nullptr);
    sqlite3_create_function(db, "basalt_distance", 3, flags, nullptr, distance, nullptr, nullptr);
    sqlite3_create_function(db, "basalt_bbox", 2, flags, nullptr, bbox, nullptr, nullptr);
}

}  // namespace basalt::db
