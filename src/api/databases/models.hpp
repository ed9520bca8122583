// Response models of the data API, in either vocabulary: database, collection/table,
// attribute*/column*, index/columnIndex, document/row.
#pragma once

#include <boost/json/object.hpp>

#include "databases/attributes.hpp"
#include "databases/catalog.hpp"
#include "databases/vocabulary.hpp"
#include "db/document.hpp"

namespace basalt::api::data {

boost::json::object database_model(const db::Document& database);
boost::json::object collection_model(const databases::Collection& collection, const databases::Vocabulary& words);
boost::json::object attribute_model(const databases::AttributeSpec& attribute, const databases::Vocabulary& words);
// `$id` is Appwrite's internal id of the index: <database sequence>_<collection sequence>_<key>.
boost::json::object index_model(const databases::IndexSpec& index, const databases::Collection& collection,
                                const databases::Vocabulary& words);
boost::json::object document_model(const db::Document& document, const databases::Collection& collection,
                                   const databases::Vocabulary& words);

}  // namespace basalt::api::data
