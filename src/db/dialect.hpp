// Internal: the SQL that differs between SQLite and PostgreSQL.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "db/connection.hpp"
#include "db/geometry.hpp"
#include "db/schema.hpp"

namespace basalt::db {

// Accumulates SQL text and its bound parameters.
class SqlBuilder {
public:
    explicit SqlBuilder(bool numbered) : numbered_(numbered) {}

    SqlBuilder& operator<<(std::string_view text) {
        sql_ += text;
        return *this;
    }
    // Appends a placeholder for `value` (? or $n).
    SqlBuilder& bind(SqlValue value);

    const std::string& sql() const noexcept { return sql_; }
    std::string& sql() noexcept { return sql_; }
    const std::vector<SqlValue>& params() const noexcept { return params_; }
    std::vector<SqlValue>& params() noexcept { return params_; }

private:
    bool numbered_;
    std::string sql_;
    std::vector<SqlValue> params_;
};

// "name" with embedded quotes doubled.
std::string quote(std::string_view identifier);

// Short stable name for derived objects (indexes, FTS tables) of `collection`/`key`.
std::string derived_name(std::string_view prefix, std::string_view collection,
                         std::string_view key);

// How a stored geometry relates to a query's geometry (PostGIS's ST_Equals, ST_Intersects,
// ST_Crosses, ST_Overlaps, ST_Touches and ST_Covers; the values are SQL function arguments on
// SQLite, so they never change).
enum class SpatialRelation { kEquals = 0, kIntersects = 1, kCrosses = 2, kOverlaps = 3, kTouches = 4, kCovers = 5 };

// A spatial attribute in a filter: its column (qualified), type, collection, and the spatial
// index over it (nullptr: none).
struct SpatialColumn {
    std::string_view column;
    AttributeType type = AttributeType::kPoint;
    std::string_view collection;
    std::string_view attribute;
    const Index* index = nullptr;
};

class Dialect {
public:
    virtual ~Dialect() = default;

    virtual bool numbered_placeholders() const noexcept = 0;
    SqlBuilder builder() const { return SqlBuilder(numbered_placeholders()); }

    // Column type of an attribute (arrays hold JSON).
    virtual std::string_view column_type(const Attribute& attribute) const = 0;
    // Direction of an attribute column in an index, such that scanning the index either way
    // yields the engine's null placement (asc: nulls first; desc: nulls last).
    virtual std::string_view index_order(bool desc) const = 0;
    // Definition of the `_id` sequence column.
    virtual std::string_view sequence_column() const = 0;

    // `column` (a JSON array column) holds `element` (a storage value of `type`).
    virtual void array_contains(SqlBuilder& b, std::string_view column,
                                const SqlValue& element) const = 0;
    // Whether a list's readable documents are better fetched once and bound as an IdSet
    // (in_ids) than written as a sub-select in each statement.
    virtual bool binds_id_sets() const noexcept = 0;
    // `column` (an integer column) is one of `ids`. Only when binds_id_sets().
    virtual void in_ids(SqlBuilder& b, std::string_view column,
                        std::shared_ptr<const IdSet> ids) const = 0;
    // `column` matches the regular expression `pattern`.
    virtual void regex(SqlBuilder& b, std::string_view column, std::string pattern) const = 0;
    // The row matches the words of `text` in `attribute` of fulltext index `index_key`.
    virtual void fulltext(SqlBuilder& b, std::string_view table, std::string_view collection,
                          const Index& index, std::string_view attribute,
                          std::string_view text) const = 0;

    // The stored geometry of `c` relates to `g` by `relation` (NULL when the column is NULL).
    virtual void spatial_relation(SqlBuilder& b, const SpatialColumn& c, SpatialRelation relation,
                                  const Geometry& g) const = 0;
    // The distance from `c` to `g` compared with `distance` by `op` (=, !=, >, <): in
    // coordinate units, or in meters on a sphere of kEarthRadius (two points only).
    virtual void spatial_distance(SqlBuilder& b, const SpatialColumn& c, const Geometry& g,
                                  bool meters, std::string_view op, double distance) const = 0;
    // DDL creating/dropping the spatial index `index` over attribute `attribute` of `table`.
    virtual std::vector<std::string> create_spatial(std::string_view schema_prefix,
                                                    std::string_view table,
                                                    std::string_view collection,
                                                    const Index& index,
                                                    const Attribute& attribute) const = 0;
    virtual std::vector<std::string> drop_spatial(std::string_view schema_prefix,
                                                  std::string_view collection,
                                                  const Index& index) const = 0;

    // DDL creating/dropping a fulltext index over `index.attributes` of `table`.
    virtual std::vector<std::string> create_fulltext(std::string_view schema_prefix,
                                                     std::string_view table,
                                                     std::string_view collection,
                                                     const Index& index) const = 0;
    // DDL renaming column `from` of `table` to `to`; `indexes` are the collection's indexes
    // after the rename (derived objects named after the column follow it).
    virtual std::vector<std::string> rename_column(std::string_view schema_prefix,
                                                   std::string_view table,
                                                   std::string_view collection,
                                                   const std::vector<Index>& indexes,
                                                   std::string_view from,
                                                   std::string_view to) const = 0;
    virtual std::vector<std::string> drop_fulltext(std::string_view schema_prefix,
                                                   std::string_view collection,
                                                   const Index& index) const = 0;
};

// `value` as an SQL literal, for the constant DEFAULT of an added column (DDL takes no
// parameters). Strings are quoted with embedded quotes doubled.
std::string sql_literal(const SqlValue& value);

// Splits fulltext input into words (runs of letters/digits; bytes >= 0x80 count as letters).
std::vector<std::string> fulltext_words(std::string_view text);

const Dialect& sqlite_dialect();
const Dialect& postgres_dialect();

}  // namespace basalt::db
