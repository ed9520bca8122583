// Schema operations of the engine: the catalog, the cache and the DDL.
#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

#include "core/error.hpp"
#include "db/engine.hpp"
#include "db/values.hpp"

namespace basalt::db {
namespace json = boost::json;
namespace {

[[noreturn]] void collection_not_found(std::string_view id) {
    throw Error(ErrorType::kCollectionNotFound,
                fmt::format("Collection with the requested ID '{}' could not be found.", id));
}

std::string index_column(const std::string& key) {
    if (key == "$id") return "\"_uid\"";
    if (key == "$sequence") return "\"_id\"";
    if (key == "$createdAt") return "\"_createdAt\"";
    if (key == "$updatedAt") return "\"_updatedAt\"";
    return quote(key);
}

// The attribute (index) `key` of a schema being changed. Throws kAttributeNotFound (kIndexNotFound).
std::vector<Attribute>::iterator attribute_in(CollectionSchema& s, std::string_view key) {
    auto it = std::find_if(s.attributes.begin(), s.attributes.end(), [&](const Attribute& a) { return a.key == key; });
    if (it == s.attributes.end()) {
        throw Error(ErrorType::kAttributeNotFound,
                    fmt::format("Attribute with the requested key '{}' could not be found.", key));
    }
    return it;
}

std::vector<Index>::iterator index_in(CollectionSchema& s, std::string_view key) {
    auto it = std::find_if(s.indexes.begin(), s.indexes.end(), [&](const Index& i) { return i.key == key; });
    if (it == s.indexes.end()) {
        throw Error(ErrorType::kIndexNotFound, fmt::format("Index with the requested key '{}' could not be found.", key));
    }
    return it;
}

}  // namespace

Engine::Engine(std::unique_ptr<Backend> backend, const Dialect& dialect, std::string prefix,
               std::string value_key)
    : backend_(std::move(backend)),
      dialect_(dialect),
      prefix_(std::move(prefix)),
      catalog_(prefix_ + "\"_collections\""),
      cipher_(std::move(value_key)) {
    schema_write([&](Connection& c) {
        c.run_script(fmt::format(
            "CREATE TABLE IF NOT EXISTS {} (\"_uid\" TEXT PRIMARY KEY, \"_schema\" TEXT NOT NULL)",
            catalog_));
    });
}

std::shared_ptr<const CollectionInfo> Engine::make_info(CollectionSchema schema) const {
    auto out = std::make_shared<CollectionInfo>();
    out->table = prefix_ + quote(schema.id);
    out->perms_table = prefix_ + quote("_perms_" + schema.id);
    for (const auto& p : parse_permissions(schema.permissions, PermissionScope::kCollection)) {
        out->roles[role_slot(p.type)].push_back(p.role);
    }
    out->schema = std::make_shared<const CollectionSchema>(std::move(schema));
    for (const auto& a : out->schema->attributes) out->attributes.push_back(&a);
    out->columns = "t.\"_id\", t.\"_uid\", t.\"_createdAt\", t.\"_updatedAt\", t.\"_permissions\"";
    for (const auto* a : out->attributes) out->columns += ", t." + quote(a->key);
    out->select_by_uid =
        fmt::format("SELECT {} FROM {} AS t WHERE t.\"_uid\" = ", out->columns, out->table);
    out->spatial = backend_->supports_spatial();
    return out;
}

void Engine::require_spatial() const {
    if (!backend_->supports_spatial()) {
        throw Error(ErrorType::kIndexInvalid,
                    "Spatial indexes need the PostGIS extension, which this PostgreSQL server "
                    "does not have (CREATE EXTENSION postgis).");
    }
}

std::shared_ptr<const CollectionInfo> Engine::read_catalog(Connection& c,
                                                           std::string_view id) const {
    auto b = dialect_.builder();
    b << "SELECT \"_schema\" FROM " << catalog_ << " WHERE \"_uid\" = ";
    b.bind(std::string{id});
    std::shared_ptr<const CollectionInfo> out;
    RowCallback on_row = [&](const Row& row) {
        out = make_info(schema_from_json(json::parse(row.get_text(0)).as_object()));
    };
    c.run(b.sql(), b.params(), &on_row);
    return out;
}

void Engine::publish(std::shared_ptr<const CollectionInfo> info, bool replace) {
    std::unique_lock lock(cache_mutex_);
    auto id = info->schema->id;
    if (replace) {
        cache_.insert_or_assign(std::move(id), std::move(info));
    } else {
        cache_.try_emplace(std::move(id), std::move(info));
    }
}

std::shared_ptr<const CollectionInfo> Engine::info(std::string_view id) {
    {
        std::shared_lock lock(cache_mutex_);
        auto it = cache_.find(id);
        if (it != cache_.end()) return it->second;
    }
    // Another node (or an earlier run) may have created it: look in the catalog once.
    std::shared_ptr<const CollectionInfo> found;
    backend_->with_reader([&](Connection& c) { found = read_catalog(c, id); });
    if (!found) collection_not_found(id);
    publish(found, false);
    return found;
}

void Engine::create_tables(Connection& c, const CollectionInfo& info) const {
    const auto& schema = *info.schema;
    Attribute stamp;
    stamp.type = AttributeType::kDatetime;
    auto stamp_type = dialect_.column_type(stamp);
    std::string columns;
    for (const auto& a : schema.attributes) {
        columns += fmt::format(", {} {}", quote(a.key), dialect_.column_type(a));
    }
    c.run_script(fmt::format(
        "CREATE TABLE {} ({}, \"_uid\" TEXT NOT NULL UNIQUE, \"_createdAt\" {} NOT NULL, "
        "\"_updatedAt\" {} NOT NULL, \"_permissions\" TEXT NOT NULL{})",
        info.table, dialect_.sequence_column(), stamp_type, stamp_type, columns));
    for (const auto* meta : {"_createdAt", "_updatedAt"}) {
        c.run_script(fmt::format("CREATE INDEX {} ON {} (\"{}\")",
                                 quote(derived_name("_i_", schema.id, meta)), info.table, meta));
    }
    bool sqlite = !dialect_.numbered_placeholders();
    c.run_script(
        fmt::format("CREATE TABLE {} (\"_document\" BIGINT NOT NULL, \"_type\" TEXT NOT NULL, "
                    "\"_role\" TEXT NOT NULL, PRIMARY KEY (\"_document\", \"_type\", \"_role\")){}",
                    info.perms_table, sqlite ? " WITHOUT ROWID" : ""));
    c.run_script(fmt::format("CREATE INDEX {} ON {} (\"_type\", \"_role\", \"_document\")",
                             quote(derived_name("_i_", schema.id, "_perms")), info.perms_table));
    for (const auto& index : schema.indexes) create_index_sql(c, info, index);
}

void Engine::create_index_sql(Connection& c, const CollectionInfo& info, const Index& index) const {
    const auto& id = info.schema->id;
    if (index.type == IndexType::kFulltext) {
        for (const auto& sql : dialect_.create_fulltext(prefix_, info.table, id, index)) {
            c.run_script(sql);
        }
        return;
    }
    if (index.type == IndexType::kSpatial) {
        require_spatial();
        const Attribute* a = info.schema->attribute(index.attributes.front());
        for (const auto& sql : dialect_.create_spatial(prefix_, info.table, id, index, *a)) {
            c.run_script(sql);
        }
        return;
    }
    std::string columns;
    for (std::size_t i = 0; i < index.attributes.size(); ++i) {
        if (i > 0) columns += ", ";
        const auto& key = index.attributes[i];
        bool desc = !index.orders.empty() && index.orders[i] == SortOrder::kDesc;
        columns += index_column(key);
        // Meta columns are NOT NULL and ordered without a NULLS clause (see compile_order_by).
        columns += key.starts_with('$') ? (desc ? " DESC" : " ASC") : dialect_.index_order(desc);
    }
    c.run_script(fmt::format("CREATE {}INDEX {} ON {} ({})",
                             index.type == IndexType::kUnique ? "UNIQUE " : "",
                             quote(derived_name("_i_", id, index.key)), info.table, columns));
}

void Engine::drop_index_sql(Connection& c, const CollectionInfo& info, const Index& index) const {
    const auto& id = info.schema->id;
    if (index.type == IndexType::kFulltext) {
        for (const auto& sql : dialect_.drop_fulltext(prefix_, id, index)) c.run_script(sql);
        return;
    }
    if (index.type == IndexType::kSpatial) {
        for (const auto& sql : dialect_.drop_spatial(prefix_, id, index)) c.run_script(sql);
        return;
    }
    c.run_script(fmt::format("DROP INDEX IF EXISTS {}{}", prefix_,
                             quote(derived_name("_i_", id, index.key))));
}

void Engine::create_collection(const CollectionSchema& requested) {
    validate_schema(requested);
    CollectionSchema schema = requested;
    schema.permissions = normalize_permissions(schema.permissions, PermissionScope::kCollection);
    auto created = make_info(std::move(schema));
    std::lock_guard ddl(ddl_mutex_);
    schema_write([&](Connection& c) {
        if (read_catalog(c, requested.id)) {
            throw Error(
                ErrorType::kCollectionAlreadyExists,
                fmt::format("Collection with the requested ID '{}' already exists.", requested.id));
        }
        create_tables(c, *created);
        auto b = dialect_.builder();
        b << "INSERT INTO " << catalog_ << " (\"_uid\", \"_schema\") VALUES (";
        b.bind(created->schema->id) << ", ";
        b.bind(json::serialize(to_json(*created->schema))) << ")";
        c.run(b.sql(), b.params());
    });
    publish(created, true);
}

void Engine::ensure_collections(std::span<const CollectionSchema> schemas) {
    for (const auto& wanted : schemas) {
        auto current = get_collection(wanted.id);
        if (!current) {
            create_collection(wanted);
            continue;
        }
        for (const auto& a : wanted.attributes) {
            if (current->attribute(a.key) == nullptr) create_attribute(wanted.id, a);
        }
        for (const auto& index : wanted.indexes) {
            if (get_collection(wanted.id)->index(index.key) == nullptr) {
                create_index(wanted.id, index);
            }
        }
        auto permissions = normalize_permissions(wanted.permissions, PermissionScope::kCollection);
        if (permissions != current->permissions ||
            wanted.document_security != current->document_security) {
            update_collection(wanted.id, permissions, wanted.document_security);
        }
    }
}

std::shared_ptr<const CollectionSchema> Engine::get_collection(std::string_view id) {
    try {
        return info(id)->schema;
    } catch (const Error& e) {
        if (e.type() == ErrorType::kCollectionNotFound) return nullptr;
        throw;
    }
}

std::vector<std::shared_ptr<const CollectionSchema>> Engine::list_collections() {
    std::vector<std::shared_ptr<const CollectionInfo>> infos;
    backend_->with_reader([&](Connection& c) {
        RowCallback on_row = [&](const Row& row) {
            infos.push_back(make_info(schema_from_json(json::parse(row.get_text(0)).as_object())));
        };
        c.run("SELECT \"_schema\" FROM " + catalog_ + " ORDER BY \"_uid\"", {}, &on_row);
    });
    std::vector<std::shared_ptr<const CollectionSchema>> out;
    for (auto& i : infos) {
        out.push_back(i->schema);
        publish(std::move(i), false);
    }
    return out;
}

void Engine::alter(std::string_view id, const std::function<void(CollectionSchema&)>& change,
                   const std::function<void(Connection&, const CollectionInfo&)>& ddl) {
    std::lock_guard lock(ddl_mutex_);
    std::shared_ptr<const CollectionInfo> updated;
    schema_write([&](Connection& c) {
        auto current = read_catalog(c, id);
        if (!current) collection_not_found(id);
        CollectionSchema schema = *current->schema;
        change(schema);
        updated = make_info(std::move(schema));
        ddl(c, *updated);
        auto b = dialect_.builder();
        b << "UPDATE " << catalog_ << " SET \"_schema\" = ";
        b.bind(json::serialize(to_json(*updated->schema))) << " WHERE \"_uid\" = ";
        b.bind(std::string{id});
        c.run(b.sql(), b.params());
    });
    publish(updated, true);
}

void Engine::update_collection(std::string_view id, const std::vector<std::string>& permissions,
                               bool document_security) {
    auto normalized = normalize_permissions(permissions, PermissionScope::kCollection);
    alter(
        id,
        [&](CollectionSchema& s) {
            s.permissions = normalized;
            s.document_security = document_security;
        },
        [](Connection&, const CollectionInfo&) {});
}

void Engine::drop_collection(std::string_view id) {
    std::lock_guard lock(ddl_mutex_);
    schema_write([&](Connection& c) {
        auto current = read_catalog(c, id);
        if (!current) collection_not_found(id);
        for (const auto& index : current->schema->indexes) {
            if (index.type == IndexType::kFulltext || index.type == IndexType::kSpatial) {
                drop_index_sql(c, *current, index);
            }
        }
        c.run_script("DROP TABLE " + current->table);
        c.run_script("DROP TABLE " + current->perms_table);
        auto b = dialect_.builder();
        b << "DELETE FROM " << catalog_ << " WHERE \"_uid\" = ";
        b.bind(std::string{id});
        c.run(b.sql(), b.params());
    });
    std::unique_lock cache(cache_mutex_);
    if (auto it = cache_.find(id); it != cache_.end()) cache_.erase(it);
}

void Engine::create_attribute(std::string_view collection, const Attribute& attribute) {
    validate_attribute(attribute);
    alter(
        collection,
        [&](CollectionSchema& s) {
            if (s.attribute(attribute.key) != nullptr) {
                throw Error(ErrorType::kAttributeAlreadyExists,
                            fmt::format("Attribute with the requested key '{}' already exists.",
                                        attribute.key));
            }
            s.attributes.push_back(attribute);
        },
        [&](Connection& c, const CollectionInfo& info) {
            // A constant DEFAULT gives existing rows the value without rewriting the table on
            // either backend (SQLite keeps it in the schema, PostgreSQL 11+ in the catalog), so
            // adding a column to a large table takes constant time. New rows never rely on it:
            // inserts name every column.
            std::string default_clause;
            if (!attribute.default_value.is_null()) {
                default_clause =
                    " DEFAULT " + sql_literal(to_storage(attribute, attribute.default_value, &cipher_));
            }
            c.run_script(fmt::format("ALTER TABLE {} ADD COLUMN {} {}{}", info.table,
                                     quote(attribute.key), dialect_.column_type(attribute),
                                     default_clause));
        });
}

void Engine::update_attribute(std::string_view collection, std::string_view key,
                              const Attribute& updated) {
    validate_attribute(updated);
    Attribute previous;
    alter(
        collection,
        [&](CollectionSchema& s) {
            auto it = attribute_in(s, key);
            if (it->type != updated.type || it->array != updated.array) {
                throw Error(ErrorType::kAttributeValueInvalid,
                            fmt::format("The type of attribute '{}' cannot change.", key));
            }
            if (updated.key != key && s.attribute(updated.key) != nullptr) {
                throw Error(ErrorType::kAttributeAlreadyExists,
                            fmt::format("Attribute with the requested key '{}' already exists.",
                                        updated.key));
            }
            previous = *it;
            *it = updated;
            for (auto& index : s.indexes) {
                std::replace(index.attributes.begin(), index.attributes.end(),
                             std::string{key}, updated.key);
            }
        },
        [&](Connection& c, const CollectionInfo& info) {
            if (updated.type == AttributeType::kString && updated.size < previous.size) {
                check_resize(c, info, previous, updated.size);
            }
            if (updated.key == key) return;
            for (const auto& sql : dialect_.rename_column(prefix_, info.table, info.schema->id,
                                                          info.schema->indexes, key, updated.key)) {
                c.run_script(sql);
            }
        });
}

void Engine::check_resize(Connection& c, const CollectionInfo& info, const Attribute& attribute,
                          std::int64_t size) const {
    Attribute resized = attribute;
    resized.size = size;
    auto b = dialect_.builder();
    b << "SELECT " << quote(attribute.key) << " FROM " << info.table << " WHERE "
      << quote(attribute.key) << " IS NOT NULL";
    // Arrays are JSON: every stored one is decoded; scalars longer than `size` are found in SQL.
    if (!attribute.array) {
        b << " AND length(" << quote(attribute.key) << ") > ";
        b.bind(size);
    }
    bool too_long = false;
    RowCallback on_row = [&](const Row& row) {
        if (too_long) return;
        try {
            (void)to_storage(resized, from_storage(attribute, row, 0, &cipher_), &cipher_);
        } catch (const Error&) {
            too_long = true;
        }
    };
    c.run(b.sql(), b.params(), &on_row);
    if (too_long) {
        throw Error(ErrorType::kAttributeInvalidResize,
                    "Existing data is too large for new size, truncate your existing data then "
                    "try again.");
    }
}

void Engine::drop_attribute(std::string_view collection, std::string_view key) {
    alter(
        collection,
        [&](CollectionSchema& s) {
            auto it = attribute_in(s, key);
            for (const auto& index : s.indexes) {
                if (std::find(index.attributes.begin(), index.attributes.end(), key) !=
                    index.attributes.end()) {
                    throw Error(
                        ErrorType::kIndexDependency,
                        fmt::format("Attribute '{}' is used by index '{}'.", key, index.key));
                }
            }
            s.attributes.erase(it);
        },
        [&](Connection& c, const CollectionInfo& info) {
            c.run_script(
                fmt::format("ALTER TABLE {} DROP COLUMN {}", info.table, quote(std::string{key})));
        });
}

void Engine::create_index(std::string_view collection, const Index& index) {
    alter(
        collection,
        [&](CollectionSchema& s) {
            if (s.index(index.key) != nullptr) {
                throw Error(
                    ErrorType::kIndexAlreadyExists,
                    fmt::format("Index with the requested key '{}' already exists.", index.key));
            }
            validate_index(s, index);
            s.indexes.push_back(index);
        },
        [&](Connection& c, const CollectionInfo& info) {
            try {
                create_index_sql(c, info, index);
            } catch (const UniqueViolation&) {
                throw Error(
                    ErrorType::kDocumentUniqueConstraintViolation,
                    fmt::format("Index '{}' cannot be unique: documents share values.", index.key));
            }
        });
}

void Engine::drop_index(std::string_view collection, std::string_view key) {
    Index dropped;
    alter(
        collection,
        [&](CollectionSchema& s) {
            auto it = index_in(s, key);
            dropped = *it;
            s.indexes.erase(it);
        },
        [&](Connection& c, const CollectionInfo& info) { drop_index_sql(c, info, dropped); });
}

}  // namespace basalt::db
