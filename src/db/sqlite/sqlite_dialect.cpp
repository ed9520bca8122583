#include <fmt/format.h>

#include <boost/json/serialize.hpp>

#include "db/dialect.hpp"

namespace basalt::db {
namespace {

// FTS5 column of the index's i-th attribute; attribute keys may hold characters FTS5 query
// syntax does not take, so columns are positional.
std::string fts_column(std::size_t i) { return fmt::format("c{}", i); }

// The R*Tree of a spatial index: (id, minx, maxx, miny, maxy) per non-null value.
std::string rtree_name(std::string_view collection, const Index& index) {
    return derived_name("_sp_", collection, index.key);
}

// "t._id IN (rows whose bounding box meets `box` grown by `margin`) AND " when `c` has a
// spatial index: the R*Tree narrows the candidates before GEOS tests each one.
void prefilter(SqlBuilder& b, const SpatialColumn& c, const Geometry& g, double margin) {
    if (c.index == nullptr) return;
    auto box = bounding_box(g);
    b << "t.\"_id\" IN (SELECT id FROM " << quote(rtree_name(c.collection, *c.index))
      << " WHERE maxx >= ";
    b.bind(box[0] - margin) << " AND minx <= ";
    b.bind(box[1] + margin) << " AND maxy >= ";
    b.bind(box[2] - margin) << " AND miny <= ";
    b.bind(box[3] + margin) << ") AND ";
}

std::string stored_json(const Geometry& g) { return boost::json::serialize(g.coordinates); }

class SqliteDialect final : public Dialect {
public:
    bool numbered_placeholders() const noexcept override { return false; }

    std::string_view column_type(const Attribute& a) const override {
        if (a.array) return "TEXT";
        switch (a.type) {
            case AttributeType::kString:
            case AttributeType::kPoint:
            case AttributeType::kLinestring:
            case AttributeType::kPolygon:
                return "TEXT";
            case AttributeType::kFloat:
                return "REAL";
            case AttributeType::kInteger:
            case AttributeType::kBoolean:
            case AttributeType::kDatetime:
                return "INTEGER";
        }
        return "TEXT";
    }

    std::string_view index_order(bool desc) const override { return desc ? " DESC" : " ASC"; }

    std::string_view sequence_column() const override {
        return "\"_id\" INTEGER PRIMARY KEY AUTOINCREMENT";
    }

    void array_contains(SqlBuilder& b, std::string_view column,
                        const SqlValue& element) const override {
        b << "EXISTS (SELECT 1 FROM json_each(" << column << ") AS j WHERE j.value = ";
        b.bind(element) << ")";
    }

    // SQLite materialises an IN (SELECT ...) into a temporary index for every statement, and
    // probes it per row: about five times the cost of a bound set for a list and its count.
    bool binds_id_sets() const noexcept override { return true; }

    // basalt_in_ids is registered on every connection (sqlite_connection.cpp).
    void in_ids(SqlBuilder& b, std::string_view column,
                std::shared_ptr<const IdSet> ids) const override {
        b << "basalt_in_ids(" << column << ", ";
        b.bind(std::move(ids)) << ")";
    }

    void regex(SqlBuilder& b, std::string_view column, std::string pattern) const override {
        b << column << " REGEXP ";
        b.bind(std::move(pattern));
    }

    void fulltext(SqlBuilder& b, std::string_view, std::string_view collection, const Index& index,
                  std::string_view attribute, std::string_view text) const override {
        auto words = fulltext_words(text);
        if (words.empty()) {
            b << "1 = 0";
            return;
        }
        std::size_t position = 0;
        while (index.attributes[position] != attribute) ++position;
        std::string match;
        for (const auto& w : words) {
            if (!match.empty()) match += " OR ";
            match += fmt::format("{} : \"{}\"*", fts_column(position), w);
        }
        auto fts = quote(derived_name("_fts_", collection, index.key));
        b << "t.\"_id\" IN (SELECT rowid FROM " << fts << " WHERE " << fts << " MATCH ";
        b.bind(std::move(match)) << ")";
    }

    void spatial_relation(SqlBuilder& b, const SpatialColumn& c, SpatialRelation relation,
                          const Geometry& g) const override {
        prefilter(b, c, g, 0);
        b << "basalt_spatial(" << std::to_string(static_cast<int>(relation)) << ", " << c.column
          << ", ";
        b.bind(stored_json(g)) << ") = 1";
    }

    void spatial_distance(SqlBuilder& b, const SpatialColumn& c, const Geometry& g, bool meters,
                          std::string_view op, double distance) const override {
        // Within `distance` of g means within g's box grown by it (coordinate units only).
        if (!meters && (op == "<" || op == "=") && distance >= 0) prefilter(b, c, g, distance);
        b << "basalt_distance(" << c.column << ", ";
        b.bind(stored_json(g)) << ", " << (meters ? "1" : "0") << ") " << op << " ";
        b.bind(distance);
    }

    std::vector<std::string> create_spatial(std::string_view, std::string_view table,
                                            std::string_view collection, const Index& index,
                                            const Attribute& attribute) const override {
        auto name = rtree_name(collection, index);
        auto rtree = quote(name);
        auto col = quote(attribute.key);
        auto values = [&](std::string_view row) {
            return fmt::format("{0}.\"_id\", basalt_bbox({0}.{1}, 0), basalt_bbox({0}.{1}, 1), "
                               "basalt_bbox({0}.{1}, 2), basalt_bbox({0}.{1}, 3)",
                               row, col);
        };
        auto insert = fmt::format("INSERT INTO {} SELECT {} WHERE new.{} IS NOT NULL;", rtree,
                                  values("new"), col);
        auto remove = fmt::format("DELETE FROM {} WHERE id = old.\"_id\";", rtree);
        return {
            fmt::format("CREATE VIRTUAL TABLE {} USING rtree(id, minx, maxx, miny, maxy)", rtree),
            fmt::format("CREATE TRIGGER {} AFTER INSERT ON {} BEGIN {} END", quote(name + "_ai"),
                        table, insert),
            fmt::format("CREATE TRIGGER {} AFTER DELETE ON {} BEGIN {} END", quote(name + "_ad"),
                        table, remove),
            fmt::format("CREATE TRIGGER {} AFTER UPDATE OF {} ON {} BEGIN {} {} END",
                        quote(name + "_au"), col, table, remove, insert),
            fmt::format("INSERT INTO {} SELECT {} FROM {} AS t WHERE t.{} IS NOT NULL", rtree,
                        values("t"), table, col),
        };
    }

    std::vector<std::string> drop_spatial(std::string_view, std::string_view collection,
                                          const Index& index) const override {
        auto name = rtree_name(collection, index);
        return {
            fmt::format("DROP TRIGGER IF EXISTS {}", quote(name + "_ai")),
            fmt::format("DROP TRIGGER IF EXISTS {}", quote(name + "_ad")),
            fmt::format("DROP TRIGGER IF EXISTS {}", quote(name + "_au")),
            fmt::format("DROP TABLE IF EXISTS {}", quote(name)),
        };
    }

    std::vector<std::string> create_fulltext(std::string_view, std::string_view table,
                                             std::string_view collection,
                                             const Index& index) const override {
        auto name = derived_name("_fts_", collection, index.key);
        auto fts = quote(name);
        std::string columns, new_values, old_values;
        for (std::size_t i = 0; i < index.attributes.size(); ++i) {
            columns += ", " + fts_column(i);
            new_values += ", new." + quote(index.attributes[i]);
            old_values += ", old." + quote(index.attributes[i]);
        }
        auto insert = fmt::format("INSERT INTO {}(rowid{}) VALUES (new.\"_id\"{});", fts, columns,
                                  new_values);
        auto remove =
            fmt::format("INSERT INTO {0}({0}, rowid{1}) VALUES ('delete', old.\"_id\"{2});", fts,
                        columns, old_values);
        std::string plain_columns = columns.substr(2);
        std::string source_columns;
        for (const auto& a : index.attributes) source_columns += ", " + quote(a);
        return {
            fmt::format("CREATE VIRTUAL TABLE {} USING fts5({}, content='')", fts, plain_columns),
            fmt::format("CREATE TRIGGER {} AFTER INSERT ON {} BEGIN {} END", quote(name + "_ai"),
                        table, insert),
            fmt::format("CREATE TRIGGER {} AFTER DELETE ON {} BEGIN {} END", quote(name + "_ad"),
                        table, remove),
            fmt::format("CREATE TRIGGER {} AFTER UPDATE ON {} BEGIN {} {} END", quote(name + "_au"),
                        table, remove, insert),
            fmt::format("INSERT INTO {}(rowid{}) SELECT \"_id\"{} FROM {}", fts, columns,
                        source_columns, table),
        };
    }

    // SQLite (3.25+) rewrites the indexes and triggers (the FTS5 ones too) that name the
    // column; FTS5 columns are positional, so nothing else changes.
    std::vector<std::string> rename_column(std::string_view, std::string_view table,
                                           std::string_view, const std::vector<Index>&,
                                           std::string_view from,
                                           std::string_view to) const override {
        return {
            fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {}", table, quote(from), quote(to))};
    }

    std::vector<std::string> drop_fulltext(std::string_view, std::string_view collection,
                                           const Index& index) const override {
        auto name = derived_name("_fts_", collection, index.key);
        return {
            fmt::format("DROP TRIGGER IF EXISTS {}", quote(name + "_ai")),
            fmt::format("DROP TRIGGER IF EXISTS {}", quote(name + "_ad")),
            fmt::format("DROP TRIGGER IF EXISTS {}", quote(name + "_au")),
            fmt::format("DROP TABLE IF EXISTS {}", quote(name)),
        };
    }
};

}  // namespace

const Dialect& sqlite_dialect() {
    static const SqliteDialect dialect;
    return dialect;
}

}  // namespace basalt::db
