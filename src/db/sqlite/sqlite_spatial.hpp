// Internal: the spatial SQL functions of every SQLite connection, backed by GEOS (the
// reentrant C API). SQLite has no geometry type and SpatiaLite is not a Debian default, so the
// engine stores spatial values as their JSON text and these functions read that text:
//
//   basalt_spatial(relation, stored, param) -> 1/0 (NULL when stored is NULL)
//       relation: a SpatialRelation as integer; stored relates to param (both JSON text)
//   basalt_distance(stored, param, meters) -> distance in coordinate units, or in meters on
//       a sphere (points only; the compiler checks)
//   basalt_bbox(stored, i) -> i = 0..3: min x, max x, min y, max y (for R*Tree indexes)
#pragma once

struct sqlite3;

namespace basalt::db {

void register_spatial_functions(sqlite3* db);

}  // namespace basalt::db
