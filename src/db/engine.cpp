// Document operations of the engine. Schema operations live in engine_schema.cpp.
#include "db/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <boost/json.hpp>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "db/query_compiler.hpp"
#include "db/values.hpp"

namespace basalt::db {
namespace json = boost::json;
namespace {

constexpr int kMetaColumns = 5;  // _id, _uid, _createdAt, _updatedAt, _permissions

[[noreturn]] void unauthorized() {
    throw Error(ErrorType::kUserUnauthorized,
                "The current user is not authorized to perform the requested action.");
}

[[noreturn]] void not_found(std::string_view id) {
    throw Error(ErrorType::kDocumentNotFound,
                fmt::format("Document with the requested ID '{}' could not be found.", id));
}

enum class ReadAccess { kAll, kDocuments, kNone };

ReadAccess read_access(const CollectionInfo& info, const Authorization& auth) {
    if (info.allows(PermissionType::kRead, auth)) return ReadAccess::kAll;
    return info.schema->document_security ? ReadAccess::kDocuments : ReadAccess::kNone;
}

// Roles as "?, ?, ..." bound in order.
void bind_roles(SqlBuilder& b, const Authorization& auth) {
    for (std::size_t i = 0; i < auth.roles.size(); ++i) {
        if (i > 0) b << ", ";
        b.bind(auth.roles[i]);
    }
}

// " AND the document t grants `type` to one of the caller's roles", for statements that reach
// few rows (a get by id): a probe of the permission table's primary key per row.
void permission_probe(SqlBuilder& b, const CollectionInfo& info, const Authorization& auth,
                      std::string_view type) {
    if (auth.roles.empty()) {
        b << " AND 1 = 0";
        return;
    }
    b << " AND EXISTS (SELECT 1 FROM " << info.perms_table
      << " AS p WHERE p.\"_document\" = t.\"_id\" AND p.\"_type\" = ";
    b.bind(std::string{type}) << " AND p.\"_role\" IN (";
    bind_roles(b, auth);
    b << "))";
}

// Counts a write as started for its lifetime, and as ended when it ends, committed or not.
struct CountedWrite {
    std::atomic<std::uint64_t>& started;
    std::atomic<std::uint64_t>& ended;
    CountedWrite(std::atomic<std::uint64_t>& s, std::atomic<std::uint64_t>& e) : started(s), ended(e) {
        started.fetch_add(1, std::memory_order_acq_rel);
    }
    ~CountedWrite() { ended.fetch_add(1, std::memory_order_acq_rel); }
    CountedWrite(const CountedWrite&) = delete;
    CountedWrite& operator=(const CountedWrite&) = delete;
};

// A list's read scope holds at most this many granted ids; past it, statements use a sub-select.
constexpr std::int64_t kMaxGrantedIds = 50'000;

// The ids of the documents granting read to one of `auth`'s roles; null past kMaxGrantedIds.
std::shared_ptr<const IdSet> granted_ids(Connection& c, const Dialect& dialect,
                                         const CollectionInfo& info, const Authorization& auth) {
    auto b = dialect.builder();
    b << "SELECT \"_document\" FROM " << info.perms_table << " WHERE \"_type\" = ";
    b.bind(std::string{"read"}) << " AND \"_role\" IN (";
    bind_roles(b, auth);
    b << ") LIMIT ";
    b.bind(kMaxGrantedIds + 1);
    std::vector<std::int64_t> ids;
    RowCallback on_row = [&](const Row& row) { ids.push_back(row.get_int(0)); };
    c.run(b.sql(), b.params(), &on_row);
    if (static_cast<std::int64_t>(ids.size()) > kMaxGrantedIds) return nullptr;
    return std::make_shared<const IdSet>(std::move(ids));
}

}  // namespace

// What a list's statements (page and count) add so that they reach only documents the caller
// may read. With document security, the ids granting read to one of its roles are fetched once
// into an IdSet bound to both statements: a sub-select instead would be rebuilt by each
// statement and probed per row, about five times slower on SQLite with 10,000 granted ids.
struct ReadScope {
    ReadAccess access = ReadAccess::kAll;
    std::shared_ptr<const IdSet> granted;  // kDocuments: null when there are too many

    // Appends the condition to a statement over `t`.
    void filter(SqlBuilder& b, const Dialect& dialect, const CollectionInfo& info,
                const Authorization& auth) const {
        if (access != ReadAccess::kDocuments) return;
        if (auth.roles.empty() || (granted && granted->empty())) {
            b << " AND 1 = 0";
        } else if (granted) {
            b << " AND ";
            dialect.in_ids(b, "t.\"_id\"", granted);
        } else {
            b << " AND t.\"_id\" IN (SELECT \"_document\" FROM " << info.perms_table
              << " WHERE \"_type\" = ";
            b.bind(std::string{"read"}) << " AND \"_role\" IN (";
            bind_roles(b, auth);
            b << "))";
        }
    }
};

namespace {

std::string columns_for(const std::vector<const Attribute*>& attributes) {
    std::string out =
        "t.\"_id\", t.\"_uid\", t.\"_createdAt\", t.\"_updatedAt\", t.\"_permissions\"";
    for (const Attribute* a : attributes) out += ", t." + quote(a->key);
    return out;
}

Document read_document(const Row& row, const std::vector<const Attribute*>& attributes,
                       const ValueCipher& cipher) {
    Document doc;
    doc.sequence = row.get_int(0);
    doc.id = row.get_text(1);
    doc.created_at = row.get_int(2);
    doc.updated_at = row.get_int(3);
    // Parsed into a buffer on the stack: the strings are copied out, the parse is thrown away.
    unsigned char buffer[1024];
    json::monotonic_resource scratch(buffer);
    const auto permissions = json::parse(row.get_text(4), &scratch);
    doc.permissions.reserve(permissions.as_array().size());
    for (const auto& p : permissions.as_array()) doc.permissions.emplace_back(p.as_string());
    doc.data.reserve(attributes.size());
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        doc.data.emplace(attributes[i]->key,
                         from_storage(*attributes[i], row, kMetaColumns + static_cast<int>(i), &cipher));
    }
    return doc;
}

std::string permissions_json(const std::vector<std::string>& permissions) {
    json::array out;
    for (const auto& p : permissions) out.emplace_back(p);
    return json::serialize(out);
}

void reject_unknown_keys(const CollectionSchema& schema, const json::object& data) {
    for (const auto& [key, value] : data) {
        if (schema.attribute(key) == nullptr) {
            throw Error(ErrorType::kDocumentInvalidStructure,
                        fmt::format("Invalid document structure: Unknown attribute: \"{}\"",
                                    std::string_view{key}));
        }
    }
}

// Runs a write, turning driver-level unique violations into Appwrite errors.
template <typename Fn>
auto translating_unique(Fn&& fn) {
    try {
        return fn();
    } catch (const UniqueViolation& e) {
        if (e.on_uid()) {
            throw Error(ErrorType::kDocumentAlreadyExists,
                        "Document with the requested ID already exists. Try again with a "
                        "different ID or use ID.unique() to generate a unique ID.");
        }
        throw Error(ErrorType::kDocumentUniqueConstraintViolation,
                    "Document with the requested unique attributes already exists.");
    }
}

bool grants(const std::vector<std::string>& permissions, PermissionType type,
            const Authorization& auth) {
    std::string prefix{to_string(type)};
    prefix += "(\"";
    for (const auto& p : permissions) {
        if (!p.starts_with(prefix)) continue;
        std::string_view role{p};
        role = role.substr(prefix.size(), role.size() - prefix.size() - 2);
        if (std::find(auth.roles.begin(), auth.roles.end(), role) != auth.roles.end()) return true;
    }
    return false;
}

void check_write(const CollectionInfo& info, const Authorization& auth, const Document& doc,
                 PermissionType type) {
    if (info.allows(type, auth)) return;
    if (info.schema->document_security && grants(doc.permissions, type, auth)) return;
    unauthorized();
}

// Documents bound to one open transaction.
class TransactionDocuments final : public Documents {
public:
    TransactionDocuments(Engine& engine, Connection& c) : engine_(engine), c_(c) {}

    Document create_document(const Authorization& auth, std::string_view collection,
                             Document doc) override {
        return engine_.create_in(c_, auth, collection, std::move(doc));
    }
    std::optional<Document> get_document(const Authorization& auth, std::string_view collection,
                                         std::string_view id,
                                         std::span<const Query> queries) override {
        return engine_.get_in(c_, auth, collection, id, queries);
    }
    Document update_document(const Authorization& auth, std::string_view collection,
                             std::string_view id, const DocumentPatch& patch) override {
        return engine_.update_in(c_, auth, collection, id, patch);
    }
    void delete_document(const Authorization& auth, std::string_view collection,
                         std::string_view id) override {
        engine_.delete_in(c_, auth, collection, id);
    }
    std::optional<Document> increment_document(const Authorization& auth, std::string_view collection,
                                               std::string_view id, const Increment& step) override {
        return engine_.increment_in(c_, auth, collection, id, step);
    }
    DocumentList list_documents(const Authorization& auth, std::string_view collection,
                                std::span<const Query> queries, ListOptions options) override {
        return engine_.list_in(c_, auth, collection, queries, options, true);
    }
    std::int64_t count_documents(const Authorization& auth, std::string_view collection,
                                 std::span<const Query> queries, std::int64_t max) override {
        return engine_.count_in(c_, auth, collection, queries, max, true);
    }

private:
    Engine& engine_;
    Connection& c_;
};

// Documents bound to one read connection: the reads, and a refusal of every write.
class ReadDocuments final : public Documents {
public:
    ReadDocuments(Engine& engine, Connection& c) : engine_(engine), c_(c) {}

    Document create_document(const Authorization&, std::string_view, Document) override { refuse(); }
    std::optional<Document> get_document(const Authorization& auth, std::string_view collection,
                                         std::string_view id, std::span<const Query> queries) override {
        return engine_.get_in(c_, auth, collection, id, queries);
    }
    Document update_document(const Authorization&, std::string_view, std::string_view, const DocumentPatch&) override {
        refuse();
    }
    void delete_document(const Authorization&, std::string_view, std::string_view) override { refuse(); }
    std::optional<Document> increment_document(const Authorization&, std::string_view, std::string_view,
                                               const Increment&) override {
        refuse();
    }
    DocumentList list_documents(const Authorization& auth, std::string_view collection,
                                std::span<const Query> queries, ListOptions options) override {
        return engine_.list_in(c_, auth, collection, queries, options, false);
    }
    std::int64_t count_documents(const Authorization& auth, std::string_view collection,
                                 std::span<const Query> queries, std::int64_t max) override {
        return engine_.count_in(c_, auth, collection, queries, max, false);
    }

private:
    [[noreturn]] static void refuse() {
        throw Error(ErrorType::kGeneralServerError, "A write inside Database::read: use transact");
    }

    Engine& engine_;
    Connection& c_;
};

}  // namespace

std::optional<Document> Engine::fetch(Connection& c, const CollectionInfo& info,
                                      const Authorization& auth, std::string_view id,
                                      const std::vector<const Attribute*>& attributes,
                                      const std::string& columns) {
    auto access = read_access(info, auth);
    if (access == ReadAccess::kNone) return std::nullopt;
    auto b = dialect_.builder();
    // The full column list comes with a precomputed statement prefix (the get-by-id hot path).
    if (&columns == &info.columns) {
        b << info.select_by_uid;
    } else {
        b << "SELECT " << columns << " FROM " << info.table << " AS t WHERE t.\"_uid\" = ";
    }
    b.bind(std::string{id});
    if (access == ReadAccess::kDocuments) permission_probe(b, info, auth, "read");
    std::optional<Document> out;
    RowCallback on_row = [&](const Row& row) { out = read_document(row, attributes, cipher_); };
    c.run(b.sql(), b.params(), &on_row);
    return out;
}

void Engine::write_permissions(Connection& c, const CollectionInfo& info, std::int64_t sequence,
                               const std::vector<std::string>& permissions) {
    if (permissions.empty()) return;
    auto b = dialect_.builder();
    b << "INSERT INTO " << info.perms_table << " (\"_document\", \"_type\", \"_role\") VALUES ";
    bool first = true;
    for (const auto& text : permissions) {
        auto p = parse_permission(text);
        if (!first) b << ", ";
        first = false;
        b << "(";
        b.bind(sequence) << ", ";
        b.bind(std::string{to_string(p->type)}) << ", ";
        b.bind(p->role) << ")";
    }
    c.run(b.sql(), b.params());
}

Document Engine::create_in(Connection& c, const Authorization& auth, std::string_view collection,
                           Document doc) {
    auto in = info(collection);
    const auto& schema = *in->schema;
    if (!in->allows(PermissionType::kCreate, auth)) unauthorized();
    doc.id = doc.id.empty() ? ids::unique() : ids::resolve(doc.id, "documentId");
    doc.permissions = normalize_permissions(doc.permissions, PermissionScope::kDocument);
    reject_unknown_keys(schema, doc.data);
    if (doc.created_at == 0) doc.created_at = time::now_ms();
    if (doc.updated_at == 0) doc.updated_at = doc.created_at;

    auto b = dialect_.builder();
    b << "INSERT INTO " << in->table
      << " (\"_uid\", \"_createdAt\", \"_updatedAt\", \"_permissions\"";
    for (const auto& a : schema.attributes) b << ", " << quote(a.key);
    b << ") VALUES (";
    b.bind(doc.id) << ", ";
    b.bind(doc.created_at) << ", ";
    b.bind(doc.updated_at) << ", ";
    b.bind(permissions_json(doc.permissions));
    for (const auto& a : schema.attributes) {
        const auto* given = doc.data.if_contains(a.key);
        b << ", ";
        b.bind(to_storage(a, given != nullptr ? *given : a.default_value, &cipher_));
    }
    b << ") RETURNING \"_id\"";
    std::int64_t sequence = 0;
    RowCallback on_row = [&](const Row& row) { sequence = row.get_int(0); };
    translating_unique([&] { return c.run(b.sql(), b.params(), &on_row); });
    write_permissions(c, *in, sequence, doc.permissions);
    auto stored = fetch(c, *in, Authorization::internal(), doc.id, in->attributes, in->columns);
    return std::move(*stored);
}

std::optional<Document> Engine::get_in(Connection& c, const Authorization& auth,
                                       std::string_view collection, std::string_view id,
                                       std::span<const Query> queries) {
    auto in = info(collection);
    if (queries.empty()) return fetch(c, *in, auth, id, in->attributes, in->columns);
    for (const auto& q : queries) {
        if (q.method != QueryMethod::kSelect) {
            throw Error(ErrorType::kGeneralQueryInvalid,
                        fmt::format("Invalid query: {} is not allowed here, only select",
                                    method_name(q.method)));
        }
    }
    auto plan = plan_list(*in->schema, queries);
    if (plan.select_all) return fetch(c, *in, auth, id, in->attributes, in->columns);
    return fetch(c, *in, auth, id, plan.select, columns_for(plan.select));
}

Document Engine::update_in(Connection& c, const Authorization& auth, std::string_view collection,
                           std::string_view id, const DocumentPatch& patch) {
    auto in = info(collection);
    const auto& schema = *in->schema;
    auto current = fetch(c, *in, auth, id, in->attributes, in->columns);
    if (!current) not_found(id);
    check_write(*in, auth, *current, PermissionType::kUpdate);
    reject_unknown_keys(schema, patch.data);

    auto b = dialect_.builder();
    b << "UPDATE " << in->table << " SET \"_updatedAt\" = ";
    b.bind(time::now_ms());
    std::vector<std::string> permissions;
    if (patch.permissions) {
        permissions = normalize_permissions(*patch.permissions, PermissionScope::kDocument);
        b << ", \"_permissions\" = ";
        b.bind(permissions_json(permissions));
    }
    for (const auto& [key, value] : patch.data) {
        b << ", " << quote(key) << " = ";
        b.bind(to_storage(*schema.attribute(key), value, &cipher_));
    }
    b << " WHERE \"_id\" = ";
    b.bind(current->sequence);
    translating_unique([&] { return c.run(b.sql(), b.params()); });
    if (patch.permissions) {
        auto del = dialect_.builder();
        del << "DELETE FROM " << in->perms_table << " WHERE \"_document\" = ";
        del.bind(current->sequence);
        c.run(del.sql(), del.params());
        write_permissions(c, *in, current->sequence, permissions);
    }
    // A concurrent transaction (PostgreSQL, read committed) may have deleted the row since the
    // first read: the update then touched nothing, and the document is gone.
    auto stored = fetch(c, *in, Authorization::internal(), id, in->attributes, in->columns);
    if (!stored) not_found(id);
    return std::move(*stored);
}

void Engine::delete_in(Connection& c, const Authorization& auth, std::string_view collection,
                       std::string_view id) {
    auto in = info(collection);
    auto current = fetch(c, *in, auth, id, in->attributes, in->columns);
    if (!current) not_found(id);
    check_write(*in, auth, *current, PermissionType::kDelete);
    for (const auto* table : {&in->perms_table, &in->table}) {
        auto b = dialect_.builder();
        b << "DELETE FROM " << *table
          << (table == &in->table ? " WHERE \"_id\" = " : " WHERE \"_document\" = ");
        b.bind(current->sequence);
        c.run(b.sql(), b.params());
    }
}

namespace {

// 128-bit integers (a GCC extension) hold int64 sums and differences without overflow.
__extension__ typedef __int128 Wide;

// An integer bound for an integer attribute: a double limit rounded inwards, as 128 bits so
// that sums and differences with int64 values cannot overflow.
Wide integer_bound(double limit, bool upper) {
    constexpr double kFar = 1e19;  // beyond int64 either way
    const double clamped = std::clamp(limit, -kFar, kFar);
    return static_cast<Wide>(upper ? std::floor(clamped) : std::ceil(clamped));
}

}  // namespace

std::optional<Document> Engine::increment_in(Connection& c, const Authorization& auth,
                                              std::string_view collection, std::string_view id,
                                              const Increment& step) {
    auto in = info(collection);
    const auto* a = in->schema->attribute(step.attribute);
    const bool integer = a != nullptr && a->type == AttributeType::kInteger;
    if (a == nullptr || a->array || (!integer && a->type != AttributeType::kFloat) ||
        (integer && !step.by.is_int64()) || !step.by.is_number()) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    fmt::format("Attribute \"{}\" is not a number", step.attribute));
    }
    auto current = fetch(c, *in, auth, id, in->attributes, in->columns);
    if (!current) not_found(id);
    check_write(*in, auth, *current, PermissionType::kUpdate);

    // One statement: the new value is computed from the stored one under the row's write lock,
    // and the bounds are part of the WHERE, so no concurrent step (another node's included)
    // can slip in between a read and the write.
    const std::string column = quote(a->key);
    const std::string value = "COALESCE(" + column + ", 0)";
    auto b = dialect_.builder();
    b << "UPDATE " << in->table << " SET " << column << " = " << value << " + ";
    if (integer) {
        b.bind(step.by.as_int64());
    } else {
        b.bind(step.by.to_number<double>());
    }
    b << ", \"_updatedAt\" = ";
    b.bind(time::now_ms()) << " WHERE \"_id\" = ";
    b.bind(current->sequence);
    if (integer) {
        // value + by within [lo, hi] (and int64)  <=>  value within [lo - by, hi - by].
        constexpr auto kMin = static_cast<Wide>(INT64_MIN);
        constexpr auto kMax = static_cast<Wide>(INT64_MAX);
        const auto by = static_cast<Wide>(step.by.as_int64());
        const Wide lo = std::max(step.min ? integer_bound(*step.min, false) : kMin, kMin) - by;
        const Wide hi = std::min(step.max ? integer_bound(*step.max, true) : kMax, kMax) - by;
        if (lo > hi || lo > kMax || hi < kMin) return std::nullopt;
        if (lo > kMin) {
            b << " AND " << value << " >= ";
            b.bind(static_cast<std::int64_t>(lo));
        }
        if (hi < kMax) {
            b << " AND " << value << " <= ";
            b.bind(static_cast<std::int64_t>(hi));
        }
    } else {
        const double by = step.by.to_number<double>();
        if (step.min) {
            b << " AND " << value << " + ";
            b.bind(by) << " >= ";
            b.bind(*step.min);
        }
        if (step.max) {
            b << " AND " << value << " + ";
            b.bind(by) << " <= ";
            b.bind(*step.max);
        }
    }
    b << " RETURNING \"_id\"";
    bool changed = false;
    RowCallback on_row = [&](const Row&) { changed = true; };
    c.run(b.sql(), b.params(), &on_row);
    if (!changed) return std::nullopt;
    // Read in the same transaction, under the row lock the update took: the value this step made.
    return fetch(c, *in, Authorization::internal(), id, in->attributes, in->columns);
}

std::vector<SqlValue> Engine::cursor_values(Connection& c, const CollectionInfo& info,
                                            const Authorization& auth, const std::string& cursor,
                                            const std::vector<OrderTerm>& orders) {
    auto b = dialect_.builder();
    b << "SELECT ";
    for (std::size_t i = 0; i < orders.size(); ++i) {
        b << (i > 0 ? ", " : "") << orders[i].ref.column;
    }
    b << " FROM " << info.table << " AS t WHERE t.\"_uid\" = ";
    b.bind(cursor);
    if (read_access(info, auth) == ReadAccess::kDocuments) {
        permission_probe(b, info, auth, "read");
    }
    std::optional<std::vector<SqlValue>> values;
    RowCallback on_row = [&](const Row& row) {
        values.emplace();
        for (std::size_t i = 0; i < orders.size(); ++i) {
            values->push_back(read_value(orders[i].ref.type, row, static_cast<int>(i)));
        }
    };
    c.run(b.sql(), b.params(), &on_row);
    if (!values) {
        throw Error(ErrorType::kGeneralCursorNotFound,
                    fmt::format("Cursor document '{}' could not be found.", cursor));
    }
    return std::move(*values);
}

ReadScope Engine::read_scope(Connection& c, const CollectionInfo& info, const Authorization& auth,
                             bool own_writes) {
    ReadScope scope{read_access(info, auth), nullptr};
    if (scope.access != ReadAccess::kDocuments || auth.roles.empty() || !dialect_.binds_id_sets()) {
        return scope;
    }
    if (own_writes || !backend_->sole_writer()) {
        scope.granted = granted_ids(c, dialect_, info, auth);
        return scope;
    }
    // Read before the ids: a write ending meanwhile makes the entry stale at once.
    const auto writes = writes_.load(std::memory_order_acquire);
    std::string key = info.perms_table;
    for (const auto& role : auth.roles) (key += '\n') += role;
    scope.granted = granted_.find(key, writes);
    if (!scope.granted) {
        scope.granted = granted_ids(c, dialect_, info, auth);
        if (scope.granted) granted_.store(key, writes, scope.granted);
    }
    return scope;
}

DocumentList Engine::list_in(Connection& c, const Authorization& auth, std::string_view collection,
                             std::span<const Query> queries, ListOptions options, bool own_writes) {
    auto in = info(collection);
    auto plan = plan_list(*in->schema, queries);
    const auto scope = read_scope(c, *in, auth, own_writes);
    if (scope.access == ReadAccess::kNone) unauthorized();
    const auto& attributes = plan.select_all ? in->attributes : plan.select;
    auto orders = effective_orders(plan);

    auto b = dialect_.builder();
    b << "SELECT " << (plan.select_all ? in->columns : columns_for(plan.select)) << " FROM "
      << in->table << " AS t WHERE 1 = 1";
    scope.filter(b, dialect_, *in, auth);
    compile_filters(b, dialect_, *in, plan.filters);
    if (!plan.cursor.empty()) {
        compile_cursor(b, orders, cursor_values(c, *in, auth, plan.cursor, orders));
    }
    compile_order_by(b, orders, plan.random);
    b << " LIMIT ";
    b.bind(plan.limit) << " OFFSET ";
    b.bind(plan.offset);

    DocumentList out;
    out.documents.reserve(static_cast<std::size_t>(std::min<std::int64_t>(plan.limit, 100)));
    RowCallback on_row = [&](const Row& row) {
        out.documents.push_back(read_document(row, attributes, cipher_));
    };
    c.run(b.sql(), b.params(), &on_row);
    if (plan.cursor_before) std::reverse(out.documents.begin(), out.documents.end());
    if (!options.with_total) return out;
    // A short page without a cursor ends the matches: they number offset + rows, no COUNT needed.
    // (Past the end, a page is empty whatever the total, so that one still counts.)
    const auto rows = static_cast<std::int64_t>(out.documents.size());
    if (plan.cursor.empty() && rows < plan.limit && (rows > 0 || plan.offset == 0)) {
        out.total = std::min(plan.offset + rows, kMaxCount);
    } else {
        out.total = count_planned(c, *in, auth, scope, plan, kMaxCount);
    }
    return out;
}

std::int64_t Engine::count_in(Connection& c, const Authorization& auth, std::string_view collection,
                              std::span<const Query> queries, std::int64_t max, bool own_writes) {
    auto in = info(collection);
    auto plan = plan_list(*in->schema, queries);
    const auto scope = read_scope(c, *in, auth, own_writes);
    if (scope.access == ReadAccess::kNone) unauthorized();
    return count_planned(c, *in, auth, scope, plan, max);
}

std::int64_t Engine::count_planned(Connection& c, const CollectionInfo& in, const Authorization& auth,
                                   const ReadScope& scope, const ListPlan& plan, std::int64_t max) {
    auto b = dialect_.builder();
    b << "SELECT COUNT(*) FROM (SELECT 1 FROM " << in.table << " AS t WHERE 1 = 1";
    scope.filter(b, dialect_, in, auth);
    compile_filters(b, dialect_, in, plan.filters);
    b << " LIMIT ";
    b.bind(max) << ") AS counted";
    std::int64_t total = 0;
    RowCallback on_row = [&](const Row& row) { total = row.get_int(0); };
    c.run(b.sql(), b.params(), &on_row);
    return total;
}

Document Engine::create_document(const Authorization& auth, std::string_view collection,
                                 Document doc) {
    Document out;
    write(
        [&](Connection& c) { out = create_in(c, auth, collection, std::move(doc)); });
    return out;
}

std::optional<Document> Engine::get_document(const Authorization& auth, std::string_view collection,
                                             std::string_view id, std::span<const Query> queries) {
    std::optional<Document> out;
    backend_->with_reader([&](Connection& c) { out = get_in(c, auth, collection, id, queries); });
    return out;
}

Document Engine::update_document(const Authorization& auth, std::string_view collection,
                                 std::string_view id, const DocumentPatch& patch) {
    Document out;
    write([&](Connection& c) { out = update_in(c, auth, collection, id, patch); });
    return out;
}

std::optional<Document> Engine::increment_document(const Authorization& auth, std::string_view collection,
                                                   std::string_view id, const Increment& step) {
    std::optional<Document> out;
    write([&](Connection& c) { out = increment_in(c, auth, collection, id, step); });
    return out;
}

void Engine::delete_document(const Authorization& auth, std::string_view collection,
                             std::string_view id) {
    write([&](Connection& c) { delete_in(c, auth, collection, id); });
}

DocumentList Engine::list_documents(const Authorization& auth, std::string_view collection,
                                    std::span<const Query> queries, ListOptions options) {
    DocumentList out;
    backend_->with_reader(
        [&](Connection& c) { out = list_in(c, auth, collection, queries, options, false); });
    return out;
}

std::int64_t Engine::count_documents(const Authorization& auth, std::string_view collection,
                                     std::span<const Query> queries, std::int64_t max) {
    std::int64_t out = 0;
    backend_->with_reader(
        [&](Connection& c) { out = count_in(c, auth, collection, queries, max, false); });
    return out;
}

void Engine::read(const std::function<void(Documents&)>& body) {
    backend_->with_snapshot([&](Connection& c) {
        ReadDocuments documents(*this, c);
        body(documents);
    });
}

void Engine::write(const std::function<void(Connection&)>& fn) {
    const CountedWrite counted(writes_started_, writes_);
    backend_->with_writer(fn);
}

void Engine::schema_write(const std::function<void(Connection&)>& fn) {
    const CountedWrite counted(writes_started_, writes_);
    backend_->with_schema_writer(fn);
}

Database::WriteCounts Engine::write_counts() const noexcept {
    // Ended before started: equal values then mean every write begun so far has ended.
    const auto ended = writes_.load(std::memory_order_acquire);
    return {writes_started_.load(std::memory_order_acquire), ended};
}

void Engine::transact(const std::function<void(Documents&)>& body) {
    write([&](Connection& c) {
        TransactionDocuments documents(*this, c);
        body(documents);
    });
}

}  // namespace basalt::db
