// The two vocabularies of one data API: Databases (collections, attributes, documents) and
// TablesDB (tables, columns, rows). Both reach the same records; only the words differ — in
// paths, parameters, response models and error types.
#pragma once

#include <string_view>

#include "core/error.hpp"

namespace basalt::databases {

struct Vocabulary {
    std::string_view root;              // "databases" | "tablesdb"   (path segment, database `type`)
    std::string_view database_type;     // "legacy" | "tablesdb"
    std::string_view collections;       // "collections" | "tables"   (path segment, list key)
    std::string_view collection_id;     // "collectionId" | "tableId"
    std::string_view attributes;        // "attributes" | "columns"
    std::string_view documents;         // "documents" | "rows"
    std::string_view document_id;       // "documentId" | "rowId"
    std::string_view document_security; // "documentSecurity" | "rowSecurity"
    std::string_view meta_collection;   // "$collectionId" | "$tableId"
    // Scopes of API keys per route group ('|' separates alternatives, see api::Endpoint).
    std::string_view collections_read, collections_write;
    std::string_view attributes_read, attributes_write;
    std::string_view indexes_read, indexes_write;
    std::string_view documents_read, documents_write;
    bool tables = false;

    // The Databases form of an error raised by the engine, in this vocabulary: its type
    // (collection_not_found -> table_not_found, ...) and the nouns of its message.
    Error translate(const Error& error) const;
};

// An error Vocabulary::translate leaves as it is: its type and message are already the ones the
// caller's vocabulary reports (Appwrite 1.9.6 answers some TablesDB requests with Databases
// types, e.g. index_invalid for an index over an array column, and some messages keep the
// Databases nouns).
class SettledError : public Error {
public:
    using Error::Error;
};

extern const Vocabulary kDocumentsVocabulary;
extern const Vocabulary kTablesVocabulary;

}  // namespace basalt::databases
