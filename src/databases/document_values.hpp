// Document data between the API and the engine: the checks Appwrite's structure validator
// makes beyond the storage types the engine checks (formats, enum elements, numeric bounds,
// spatial shapes, attributes not yet available), and the storage form of spatial values.
#pragma once

#include <boost/json/object.hpp>

#include "databases/catalog.hpp"

namespace basalt::databases {

// The storage form of `data` (a create's data, or a patch's). Throws
// Error(kDocumentInvalidStructure) naming the attribute; Error(kAttributeNotAvailable) when the
// attribute is still being created.
boost::json::object stored_values(const Collection& collection, const boost::json::object& data);

// The API form of a stored document's data (spatial JSON text back to arrays), in place.
void api_values(const Collection& collection, boost::json::object& data);

}  // namespace basalt::databases
