// File tokens: records of `resourceTokens` (see tokens.hpp).
#include "storage/tokens.hpp"

#include <charconv>

#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/json_fields.hpp"
#include "core/time.hpp"

namespace basalt::storage {
namespace json = boost::json;
namespace {

constexpr std::string_view kCollection = "resourceTokens";
const auto kInternal = db::Authorization::internal();

[[noreturn]] void token_not_found() {
    throw Error(ErrorType::kTokenNotFound, "The requested file token could not be found.");
}

std::string internal_id(const Bucket& bucket, const db::Document& file) {
    return std::to_string(bucket.record.sequence) + ":" + std::to_string(file.sequence);
}

json::value expire_value(std::optional<std::int64_t> expire_ms) {
    if (!expire_ms) return nullptr;
    return json::value(time::format_iso(*expire_ms));
}

std::optional<std::int64_t> number(std::string_view text) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// Deletes every token matching `filter`, a page at a time.
void delete_matching(db::Database& db, const db::Query& filter) {
    for (;;) {
        const std::vector<db::Query> queries{filter, db::Query::limit(100)};
        const auto page = db.list_documents(kInternal, kCollection, queries, {.with_total = false});
        for (const auto& token : page.documents)
            db.delete_document(kInternal, kCollection, token.id);
        if (page.documents.size() < 100) return;
    }
}

}  // namespace

FileTokens::FileTokens(db::Store& store) : store_(store) {}

db::Document FileTokens::create(std::string_view project, const Bucket& bucket,
                                const db::Document& file, std::optional<std::int64_t> expire_ms) {
    return store_.project(project)->create_document(
        kInternal, kCollection,
        {.id = ids::unique(),
         .data = {{"resourceId", bucket.id() + ":" + file.id},
                  {"resourceInternalId", internal_id(bucket, file)},
                  {"resourceType", kFileTokenType},
                  {"bucketInternalId", std::to_string(bucket.record.sequence)},
                  {"expire", expire_value(expire_ms)},
                  {"accessedAt", nullptr}}});
}

db::DocumentList FileTokens::list(std::string_view project, const Bucket& bucket,
                                  const db::Document& file, std::vector<db::Query> queries,
                                  bool with_total) {
    queries.push_back(db::Query::equal("resourceType", json::array{json::value(kFileTokenType)}));
    queries.push_back(db::Query::equal("resourceInternalId",
                                       json::array{json::value(internal_id(bucket, file))}));
    return store_.project(project)->list_documents(kInternal, kCollection, queries,
                                                   {.with_total = with_total});
}

db::Document FileTokens::get(std::string_view project, std::string_view id) {
    auto token = store_.project(project)->get_document(kInternal, kCollection, id);
    if (!token) token_not_found();
    return std::move(*token);
}

db::Document FileTokens::update(std::string_view project, std::string_view id,
                                std::optional<std::int64_t> expire_ms) {
    auto db = store_.project(project);
    if (!db->get_document(kInternal, kCollection, id)) token_not_found();
    return db->update_document(kInternal, kCollection, id,
                               {.data = {{"expire", expire_value(expire_ms)}}});
}

void FileTokens::remove(std::string_view project, std::string_view id) {
    auto db = store_.project(project);
    if (!db->get_document(kInternal, kCollection, id)) token_not_found();
    db->delete_document(kInternal, kCollection, id);
}

std::optional<FileGrant> FileTokens::grant(std::string_view project, std::string_view id,
                                           std::int64_t now_ms) {
    if (!ids::is_valid(id)) return std::nullopt;
    auto db = store_.project(project);
    const auto token = db->get_document(kInternal, kCollection, id);
    if (!token || text_of(token->data, "resourceType") != kFileTokenType) return std::nullopt;
    const auto expire = text_of(token->data, "expire");
    if (!expire.empty()) {
        const auto at = time::parse_iso(expire);
        if (!at || *at < now_ms) return std::nullopt;
    }
    const auto ids = text_of(token->data, "resourceInternalId");
    const auto colon = ids.find(':');
    if (colon == std::string::npos) return std::nullopt;
    const auto bucket = number(std::string_view(ids).substr(0, colon));
    const auto file = number(std::string_view(ids).substr(colon + 1));
    if (!bucket || !file) return std::nullopt;
    const auto accessed = time::parse_iso(text_of(token->data, "accessedAt"));
    if (!accessed || *accessed < now_ms - kTokenAccessPeriodMs) {
        db->update_document(kInternal, kCollection, id,
                            {.data = {{"accessedAt", time::format_iso(now_ms)}}});
    }
    return FileGrant{.bucket_sequence = *bucket, .file_sequence = *file};
}

void delete_file_tokens(db::Database& db, const Bucket& bucket, const db::Document& file) {
    delete_matching(db, db::Query::equal("resourceInternalId",
                                         json::array{json::value(internal_id(bucket, file))}));
}

void delete_bucket_tokens(db::Database& db, const Bucket& bucket) {
    delete_matching(
        db, db::Query::equal("bucketInternalId",
                             json::array{json::value(std::to_string(bucket.record.sequence))}));
}

}  // namespace basalt::storage
