// Internal: attribute values between their JSON form and their storage form.
#pragma once

#include <boost/json/value.hpp>
#include <string_view>

#include "db/collection.hpp"
#include "db/connection.hpp"
#include "db/schema.hpp"
#include "db/value_cipher.hpp"

namespace basalt::db {

// Storage value of `value` for `attribute` (null -> NULL, arrays -> JSON text, datetimes -> ms).
// Throws Error(kDocumentInvalidStructure) naming the attribute when the value does not fit
// (type, size, array-ness, null on a required attribute).
// An encrypted attribute's strings are sealed with `cipher` (Error(kGeneralServerError) when it
// is null).
SqlValue to_storage(const Attribute& attribute, const boost::json::value& value,
                    const ValueCipher* cipher = nullptr);

// JSON value of column `column` of `row` holding `attribute` (datetimes as ISO strings); an
// encrypted attribute's strings are opened with `cipher`.
boost::json::value from_storage(const Attribute& attribute, const Row& row, int column,
                                const ValueCipher* cipher = nullptr);

// Storage value of one scalar query value compared with a column of `ref.type`.
// Throws Error(kGeneralQueryInvalid) naming `key` when the value has the wrong type.
SqlValue query_value(const ColumnRef& ref, std::string_view key, const boost::json::value& value);

// Typed read of a column of type `type` (for cursor values).
SqlValue read_value(AttributeType type, const Row& row, int column);

}  // namespace basalt::db
