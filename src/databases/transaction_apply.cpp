#include "databases/transaction_apply.hpp"

#include <fmt/format.h>

#include <vector>

#include "core/error.hpp"
#include "core/ids.hpp"

namespace basalt::databases {
namespace {

namespace bj = boost::json;
using Written = std::pair<std::string, std::string>;

const bj::object& object_of(const bj::value& value) {
    static const bj::object empty;
    return value.is_object() ? value.get_object() : empty;
}

// A staged document's attributes: everything but the `$` keys.
bj::object attributes_of(const bj::object& data) {
    bj::object out;
    for (const auto& [key, value] : data) {
        if (!key.starts_with("$")) out.emplace(key, value);
    }
    return out;
}

std::optional<std::vector<std::string>> permissions_of(const bj::object& data) {
    const auto* value = data.if_contains("$permissions");
    if (!value || value->is_null()) return std::nullopt;
    std::vector<std::string> out;
    if (value->is_array()) {
        for (const auto& item : value->get_array()) {
            if (item.is_string()) out.emplace_back(item.get_string());
        }
    }
    return out;
}

[[noreturn]] void document_not_found(std::string_view id) {
    throw Error(ErrorType::kDocumentNotFound, fmt::format("Document with the requested ID '{}' could not be found.", id));
}

[[noreturn]] void conflict() {
    throw Error(ErrorType::kTransactionConflict,
                "The transaction has a conflict. Please resolve the conflict and try again.");
}

std::optional<db::Document> stored(db::Documents& documents, const Collection& collection, std::string_view id) {
    return documents.get_document(db::Authorization::internal(), collection.documents_table(), id);
}

// A document this commit has not written yet must not have changed since the operation was
// staged (Appwrite's request-timestamp check).
void check_unchanged(const ApplyState& state, const Collection& collection, const db::Document& document,
                     std::int64_t staged_at) {
    if (state.written.contains(Written{collection.documents_table(), document.id})) return;
    if (document.updated_at > staged_at) conflict();
}

class Applier {
public:
    Applier(db::Documents& documents, const Actor& actor, const Collection& collection, std::int64_t staged_at,
            ApplyState& state)
        : documents_(documents), actor_(actor), collection_(collection), staged_at_(staged_at), state_(state) {}

    void create(const std::string& id, const bj::object& data) {
        try {
            const auto created = create_document(documents_, collection_, actor_,
                                                 {.id = id, .data = attributes_of(data), .permissions = permissions_of(data)});
            wrote(created.id);
        } catch (const Error& e) {
            if (e.type() == ErrorType::kDocumentAlreadyExists ||
                e.type() == ErrorType::kDocumentUniqueConstraintViolation) {
                conflict();
            }
            throw;
        }
    }

    void update(const std::string& id, const bj::object& data) {
        const auto current = stored(documents_, collection_, id);
        if (!current) document_not_found(id);
        check_unchanged(state_, collection_, *current, staged_at_);
        auto attributes = attributes_of(data);
        auto permissions = permissions_of(data);
        if (!attributes.empty() || permissions) {
            update_document(documents_, collection_, actor_, id, attributes, std::move(permissions));
        }
        wrote(id);
    }

    void upsert(const std::string& id, const bj::object& data) {
        if (stored(documents_, collection_, id)) {
            update(id, data);
        } else {
            create(id, data);
        }
    }

    void remove(const std::string& id) {
        const auto current = stored(documents_, collection_, id);
        if (!current) document_not_found(id);
        check_unchanged(state_, collection_, *current, staged_at_);
        delete_document(documents_, collection_, actor_, id);
        wrote(id);
    }

    void count(const std::string& id, const bj::object& data, bool increment);

    // The ids of the documents matching the filter queries of `texts`.
    std::vector<std::string> matching(const bj::value& texts) {
        std::vector<std::string> strings;
        if (texts.is_array()) {
            for (const auto& text : texts.get_array()) {
                if (text.is_string()) strings.emplace_back(text.get_string());
            }
        }
        std::vector<db::Query> filters;
        for (auto& query : db::parse_queries(strings)) {
            if (query.is_filter()) filters.push_back(std::move(query));
        }
        std::vector<std::string> ids;
        for (;;) {
            auto queries = filters;
            queries.push_back(db::Query::limit(db::kMaxLimit));
            if (!ids.empty()) queries.push_back(db::Query::cursor_after(ids.back()));
            const auto page = list_documents(documents_, collection_, actor_, queries, false);
            for (const auto& document : page.documents) ids.push_back(document.id);
            if (page.documents.size() < static_cast<std::size_t>(db::kMaxLimit)) return ids;
        }
    }

private:
    void wrote(const std::string& id) { state_.written.emplace(collection_.documents_table(), id); }

    db::Documents& documents_;
    const Actor& actor_;
    const Collection& collection_;
    std::int64_t staged_at_;
    ApplyState& state_;
};

// Increments and decrements as the row routes make them (documents.hpp), once the staged
// operation is known not to conflict.
void Applier::count(const std::string& id, const bj::object& data, bool increment) {
    const auto current = stored(documents_, collection_, id);
    if (!current) document_not_found(id);
    check_unchanged(state_, collection_, *current, staged_at_);
    const auto* by = data.if_contains("value");
    const auto* bound = data.if_contains(increment ? "max" : "min");
    step_document(documents_, collection_, actor_, id,
                  Step{.attribute = counter_attribute(data),
                       .value = by && by->is_number() ? by->to_number<double>() : 1.0,
                       .bound = bound && bound->is_number() ? std::optional(bound->to_number<double>()) : std::nullopt,
                       .decrement = !increment,
                       .service = "databases"});
    wrote(id);
}

// A bulk item's id: its `$id` ("unique()" or absent: a new one).
std::string item_id(const bj::object& item) {
    const auto* id = item.if_contains("$id");
    if (!id || !id->is_string()) return ids::unique();
    return ids::resolve(id->get_string(), "$id");
}

}  // namespace

std::string counter_attribute(const boost::json::object& data) {
    for (const char* key : {"attribute", "column"}) {
        const auto* value = data.if_contains(key);
        if (value && value->is_string()) return std::string(value->get_string());
    }
    return {};
}

void apply_operation(db::Documents& documents, const Actor& actor, const Operation& operation,
                     std::int64_t staged_at, ApplyState& state) {
    const auto collection = require_collection(documents, operation.database_id, operation.collection_id, actor);
    Applier applier(documents, actor, collection, staged_at, state);
    const auto& data = object_of(operation.data);
    const auto& id = operation.document_id;
    switch (operation.action) {
        case Action::kCreate: return applier.create(id, data);
        case Action::kUpdate: return applier.update(id, data);
        case Action::kUpsert: return applier.upsert(id, data);
        case Action::kDelete: return applier.remove(id);
        case Action::kIncrement: return applier.count(id, data, true);
        case Action::kDecrement: return applier.count(id, data, false);
        case Action::kBulkCreate:
        case Action::kBulkUpsert:
            if (!operation.data.is_array()) return;
            for (const auto& item : operation.data.get_array()) {
                const auto& document = object_of(item);
                if (operation.action == Action::kBulkCreate) {
                    applier.create(item_id(document), document);
                } else {
                    applier.upsert(item_id(document), document);
                }
            }
            return;
        case Action::kBulkUpdate: {
            const auto* patch = data.if_contains("data");
            for (const auto& match : applier.matching(data.contains("queries") ? data.at("queries") : bj::value())) {
                applier.update(match, patch ? object_of(*patch) : bj::object());
            }
            return;
        }
        case Action::kBulkDelete:
            for (const auto& match : applier.matching(data.contains("queries") ? data.at("queries") : bj::value())) {
                applier.remove(match);
            }
            return;
    }
}

}  // namespace basalt::databases
