// Bulk writes and increments (see documents.hpp). They read before they write, so the API layer
// runs each inside Database::transact: an error on any document rolls the whole batch back.
#include <fmt/format.h>

#include <climits>
#include <cmath>
#include <cstdint>

#include "core/error.hpp"
#include "databases/document_values.hpp"
#include "databases/documents.hpp"
#include "databases/relationships.hpp"

namespace basalt::databases {
namespace json = boost::json;
namespace {

using db::QueryMethod;

// The engine's largest page: matches are collected in pages of this size.
constexpr std::int64_t kPage = db::kMaxLimit;

void require_privileged(const Actor& actor) {
    if (!actor.privileged()) {
        throw Error(ErrorType::kGeneralUnauthorizedScope,
                    "The current user or API key does not have the required scopes to access the requested resource.");
    }
}

void keep(db::DocumentList& result, db::Document document) {
    ++result.total;
    if (result.documents.size() < kBatchLimit) result.documents.push_back(std::move(document));
}

// Every document matching `queries` that the actor can read: the caller's limit (none = all),
// offset, cursor and orders apply; collected before anything changes, so writes cannot move the
// window.
std::vector<db::Document> matching(db::Documents& tx, const Collection& collection, const Actor& actor,
                                   std::span<const db::Query> queries) {
    std::vector<db::Query> base;
    std::optional<std::int64_t> wanted;
    bool before = false;
    for (const auto& q : queries) {
        if (q.method == QueryMethod::kLimit) {
            wanted = q.values.at(0).to_number<std::int64_t>();
            continue;
        }
        before = before || q.method == QueryMethod::kCursorBefore;
        base.push_back(q);
    }
    std::vector<db::Document> out;
    for (;;) {
        auto page_queries = base;
        const std::int64_t remaining = wanted ? *wanted - static_cast<std::int64_t>(out.size()) : kPage;
        if (remaining <= 0) break;
        page_queries.push_back(db::Query::limit(std::min(kPage, remaining)));
        auto page = tx.list_documents(actor.auth, collection.documents_table(), page_queries, {.with_total = false});
        const bool last = static_cast<std::int64_t>(page.documents.size()) < std::min(kPage, remaining);
        for (auto& d : page.documents) out.push_back(std::move(d));
        if (last || before) break;  // a cursorBefore window is served in one page
        // Next page: after the last document, without the caller's offset or cursor.
        std::erase_if(base, [](const db::Query& q) {
            return q.method == QueryMethod::kOffset || q.method == QueryMethod::kCursorAfter;
        });
        base.push_back(db::Query::cursor_after(out.back().id));
    }
    return out;
}

std::string number_text(double v) {
    if (std::floor(v) == v && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<std::int64_t>(v));
    return fmt::format("{}", v);
}

[[noreturn]] void limit_exceeded(const Step& step) {
    throw Error(ErrorType::kAttributeLimitExceeded,
                fmt::format("{} \"{}\" has reached the {} value of {}", step.service, step.attribute,
                            step.decrement ? "minimum" : "maximum", number_text(*step.bound)));
}

}  // namespace

db::DocumentList create_documents(db::Documents& tx, const Collection& collection, const Actor& actor,
                                  std::vector<NewDocument> documents) {
    require_privileged(actor);
    db::DocumentList result;
    for (auto& document : documents) keep(result, create_document(tx, collection, actor, std::move(document)));
    return result;
}

db::DocumentList upsert_documents(db::Documents& tx, const Collection& collection, const Actor& actor,
                                  std::vector<NewDocument> documents) {
    db::DocumentList result;
    for (auto& document : documents) {
        if (document.id.empty()) {
            keep(result, create_document(tx, collection, actor, std::move(document)));
        } else {
            keep(result, upsert_document(tx, collection, actor, std::move(document)));
        }
    }
    return result;
}

db::DocumentList update_documents(db::Documents& tx, const Collection& collection, const Actor& actor,
                                  const json::object& data, std::span<const db::Query> queries) {
    if (data.empty()) {
        throw Error(ErrorType::kDocumentMissingPayload,
                    "The document data and permissions are missing. You must provide either document data or "
                    "permissions to be updated.");
    }
    auto fields = bulk_item(data);  // $permissions validated as a bulk item's
    if (fields.data.empty() && !fields.permissions) {
        throw Error(ErrorType::kDocumentMissingPayload,
                    "The document data and permissions are missing. You must provide either document data or "
                    "permissions to be updated.");
    }
    db::DocumentList result;
    for (const auto& match : matching(tx, collection, actor, queries)) {
        keep(result, update_document(tx, collection, actor, match.id, fields.data, fields.permissions));
    }
    return result;
}

db::DocumentList delete_documents(db::Documents& tx, const Collection& collection, const Actor& actor,
                                  std::span<const db::Query> queries) {
    db::DocumentList result;
    for (auto& match : matching(tx, collection, actor, queries)) {
        delete_document(tx, collection, actor, match.id);
        to_api(collection, match);
        keep(result, std::move(match));
    }
    return result;
}

namespace {

// Why a step that the engine did not apply was refused, with the errors the step always gave:
// the document is gone (kAttributeNotFound), the caller's bound (kAttributeLimitExceeded), int64
// overflow or the attribute's own range (kDocumentInvalidStructure). Returns normally when the
// stored value has changed since and the step may now fit.
void explain_refusal(db::Documents& tx, const Collection& collection, std::string_view id, const Step& step,
                     bool exact) {
    const auto current = tx.get_document(db::Authorization::internal(), collection.documents_table(), id);
    if (!current) throw Error(ErrorType::kAttributeNotFound, "Attribute with the requested ID could not be found.");
    const auto* value = current->data.if_contains(step.attribute);
    json::object data;
    if (exact) {
        // Integers in integer arithmetic (doubles lose precision above 2^53).
        const std::int64_t before = value && value->is_int64() ? value->get_int64() : 0;
        const auto delta = static_cast<std::int64_t>(step.value);
        std::int64_t after = 0;
        if (step.decrement ? __builtin_sub_overflow(before, delta, &after) : __builtin_add_overflow(before, delta, &after)) {
            throw Error(ErrorType::kDocumentInvalidStructure,
                        fmt::format("Invalid document structure: Attribute \"{}\" has invalid format. Value must be a "
                                    "valid range between {} and {}",
                                    step.attribute, INT64_MIN, INT64_MAX));
        }
        if (step.bound && (step.decrement ? static_cast<double>(after) < *step.bound : static_cast<double>(after) > *step.bound)) {
            limit_exceeded(step);
        }
        data[step.attribute] = after;
    } else {
        const double before = value && value->is_number() ? value->to_number<double>() : 0;
        const double after = step.decrement ? before - step.value : before + step.value;
        if (step.bound && (step.decrement ? after < *step.bound : after > *step.bound)) limit_exceeded(step);
        data[step.attribute] = after;  // an integer attribute refuses a fraction (structure error)
    }
    // The attribute's own type and range, as a write of the result would check them.
    (void)stored_values(collection, data);
}

}  // namespace

db::Document step_document(db::Documents& tx, const Collection& collection, const Actor& actor, std::string_view id,
                           const Step& step) {
    const auto* attribute = find_attribute(collection.attributes, step.attribute);
    const auto exists = [&] {
        return tx.get_document(db::Authorization::internal(), collection.documents_table(), id).has_value();
    };
    // Appwrite reports an unknown document as an unknown attribute here.
    if (!attribute || !attribute->available() ||
        ((attribute->kind != Kind::kInteger && attribute->kind != Kind::kFloat) || attribute->array ? !exists()
                                                                                                   : false)) {
        throw Error(ErrorType::kAttributeNotFound, "Attribute with the requested ID could not be found.");
    }
    if ((attribute->kind != Kind::kInteger && attribute->kind != Kind::kFloat) || attribute->array) {
        throw Error(ErrorType::kAttributeTypeInvalid, fmt::format("{} \"{}\" is not a number", step.service, step.attribute));
    }
    const bool integer = attribute->kind == Kind::kInteger;
    const bool exact = integer && std::floor(step.value) == step.value && step.value < 9e15;
    // A fraction (or a huge value) cannot be added to an integer attribute: refused as a write of
    // the result would be.
    if (integer && !exact) explain_refusal(tx, collection, id, step, false);

    db::Increment increment{.attribute = step.attribute, .by = nullptr, .min = std::nullopt, .max = std::nullopt};
    if (exact) {
        const auto delta = static_cast<std::int64_t>(step.value);
        increment.by = step.decrement ? -delta : delta;
    } else {
        increment.by = step.decrement ? -step.value : step.value;
    }
    // The result stays within the caller's bound and the attribute's own range.
    const auto bound_of = [](const json::value& v) -> std::optional<double> {
        if (v.is_number()) return v.to_number<double>();
        return std::nullopt;
    };
    increment.min = bound_of(attribute->min);
    increment.max = bound_of(attribute->max);
    if (step.bound) {
        auto& limit = step.decrement ? increment.min : increment.max;
        limit = limit ? (step.decrement ? std::max(*limit, *step.bound) : std::min(*limit, *step.bound)) : *step.bound;
    }
    // A refusal is explained from the stored value; when that value has changed since (another
    // step landed) and the step now fits, it is tried again.
    for (int attempt = 0;; ++attempt) {
        std::optional<db::Document> stepped;
        try {
            stepped = tx.increment_document(actor.auth, collection.documents_table(), id, increment);
        } catch (const Error& e) {
            if (e.type() != ErrorType::kDocumentNotFound) throw;
            // Not readable: a permission failure when it exists (Appwrite looks it up with
            // authorization skipped), else the unknown-attribute error of a missing document.
            if (exists()) {
                throw Error(ErrorType::kUserUnauthorized, "The current user is not authorized to perform the requested action.");
            }
            throw Error(ErrorType::kAttributeNotFound, "Attribute with the requested ID could not be found.");
        }
        if (stepped) {
            to_api(collection, *stepped);
            relationships::after_write(tx, collection, actor, *stepped, nullptr);  // relationships: loaded as on updates
            return std::move(*stepped);
        }
        explain_refusal(tx, collection, id, step, exact);
        if (attempt == 3) {
            throw Error(ErrorType::kGeneralServerError, "The value kept changing during the increment");
        }
    }
}

}  // namespace basalt::databases
