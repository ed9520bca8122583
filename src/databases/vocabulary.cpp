#include "databases/vocabulary.hpp"

#include <array>
#include <string>
#include <utility>

namespace basalt::databases {
namespace {

using enum ErrorType;

// Each Databases error type and its TablesDB twin.
constexpr std::array<std::pair<ErrorType, ErrorType>, 24> kTwinErrors = {{
    {kCollectionNotFound, kTableNotFound},
    {kCollectionAlreadyExists, kTableAlreadyExists},
    {kCollectionLimitExceeded, kTableLimitExceeded},
    {kDocumentNotFound, kRowNotFound},
    {kDocumentInvalidStructure, kRowInvalidStructure},
    {kDocumentMissingData, kRowMissingData},
    {kDocumentMissingPayload, kRowMissingPayload},
    {kDocumentAlreadyExists, kRowAlreadyExists},
    {kDocumentUniqueConstraintViolation, kRowUniqueConstraintViolation},
    {kDocumentUpdateConflict, kRowUpdateConflict},
    {kDocumentDeleteRestricted, kRowDeleteRestricted},
    {kAttributeNotFound, kColumnNotFound},
    {kAttributeNotAvailable, kColumnNotAvailable},
    {kAttributeAlreadyExists, kColumnAlreadyExists},
    {kAttributeLimitExceeded, kColumnLimitExceeded},
    {kAttributeValueInvalid, kColumnValueInvalid},
    {kAttributeDefaultUnsupported, kColumnDefaultUnsupported},
    {kAttributeUnknown, kColumnUnknown},
    {kIndexNotFound, kColumnIndexNotFound},
    {kIndexAlreadyExists, kColumnIndexAlreadyExists},
    {kIndexLimitExceeded, kColumnIndexLimitExceeded},
    {kIndexInvalid, kColumnIndexInvalid},
    {kIndexDependency, kColumnIndexDependency},
    {kAttributeInvalidResize, kColumnInvalidResize},
}};

// The nouns of messages, Databases -> TablesDB.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kTwinNouns = {{
    {"Document", "Row"},
    {"document", "row"},
    {"Collection", "Table"},
    {"collection", "table"},
    {"Attribute", "Column"},
    {"attribute", "column"},
}};

bool is_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_word_char(char c) noexcept { return is_letter(c) || (c >= '0' && c <= '9'); }

// Replaces the nouns where they start a word ("documents" -> "rows", not "subdocument"), but
// not inside quotes: ids and keys ('documentA', "attributes") are the caller's own words.
std::string table_nouns(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    char quote = 0;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
            out += text[i++];
            continue;
        }
        if ((c == '\'' || c == '"') && (i == 0 || !is_word_char(text[i - 1]))) {
            quote = c;
            out += text[i++];
            continue;
        }
        bool replaced = false;
        if (i == 0 || !is_letter(text[i - 1])) {
            for (const auto& [from, to] : kTwinNouns) {
                if (text.substr(i).starts_with(from)) {
                    out += to;
                    i += from.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out += text[i++];
    }
    return out;
}

}  // namespace

const Vocabulary kDocumentsVocabulary{
    .root = "databases",
    .database_type = "legacy",
    .collections = "collections",
    .collection_id = "collectionId",
    .attributes = "attributes",
    .documents = "documents",
    .document_id = "documentId",
    .document_security = "documentSecurity",
    .meta_collection = "$collectionId",
    .collections_read = "collections.read",
    .collections_write = "collections.write",
    .attributes_read = "collections.read",
    .attributes_write = "collections.write",
    .indexes_read = "collections.read",
    .indexes_write = "collections.write",
    .documents_read = "documents.read",
    .documents_write = "documents.write",
    .tables = false,
};

const Vocabulary kTablesVocabulary{
    .root = "tablesdb",
    .database_type = "tablesdb",
    .collections = "tables",
    .collection_id = "tableId",
    .attributes = "columns",
    .documents = "rows",
    .document_id = "rowId",
    .document_security = "rowSecurity",
    .meta_collection = "$tableId",
    .collections_read = "tables.read|collections.read",
    .collections_write = "tables.write|collections.write",
    .attributes_read = "tables.read|collections.read|columns.read|attributes.read",
    .attributes_write = "tables.write|collections.write|columns.write|attributes.write",
    .indexes_read = "tables.read|collections.read|indexes.read",
    .indexes_write = "tables.write|collections.write|indexes.write",
    .documents_read = "rows.read|documents.read",
    .documents_write = "rows.write|documents.write",
    .tables = true,
};

Error Vocabulary::translate(const Error& error) const {
    if (!tables || dynamic_cast<const SettledError*>(&error) != nullptr) return error;
    for (const auto& [documents_type, tables_type] : kTwinErrors) {
        if (error.type() != documents_type) continue;
        // utopia's structure messages ("Invalid document structure: Attribute ...") reach
        // TablesDB callers unchanged in Appwrite 1.9.
        if (error.type() == kDocumentInvalidStructure) return Error(tables_type, error.what());
        return Error(tables_type, table_nouns(error.what()));
    }
    return error;
}

}  // namespace basalt::databases
