// Document data between the API and the engine: the checks Appwrite's structure validator
// makes beyond the storage types the engine checks (formats, enum elements, numeric bounds,
// spatial shapes, attributes not yet available), and the storage form of spatial values.
// The same rules check attribute defaults (format_problem, value_problem).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>

#include "databases/catalog.hpp"

namespace basalt::databases {

// The storage form of `data` (a create's data, or a patch's). Throws
// Error(kDocumentInvalidStructure) naming the attribute; Error(kAttributeNotAvailable) when the
// attribute is still being created.
boost::json::object stored_values(const Collection& collection, const boost::json::object& data);

// The API form of a stored document's data (spatial JSON text back to arrays), in place.
void api_values(const Collection& collection, boost::json::object& data);

// Why non-null `value` is not of the attribute's type and format (a string, an integer, a valid
// email, URL, IP, ISO date, a spatial shape...), as Appwrite's validators describe it
// ("Value must be a valid email address"); nullopt when it is.
std::optional<std::string> format_problem(const AttributeSpec& attribute,
                                          const boost::json::value& value);

// Why a value of the right type does not fit the attribute (longer than its size, outside
// [min, max], not one of its elements); nullopt when it fits.
std::optional<std::string> value_problem(const AttributeSpec& attribute,
                                         const boost::json::value& value);

// Appwrite's Range description for an integer or float attribute:
// "Value must be a valid range between 1 and 9,223,372,036,854,775,807".
std::string range_rule(const AttributeSpec& attribute);

}  // namespace basalt::databases
