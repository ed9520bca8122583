#include "db/values.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <charconv>

#include "core/error.hpp"
#include "core/time.hpp"
#include "db/geometry.hpp"

namespace basalt::db {
namespace json = boost::json;
namespace {

std::size_t utf8_length(std::string_view text) noexcept {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

std::string expectation(const Attribute& a) {
    switch (a.type) {
        case AttributeType::kString:
            return fmt::format("a valid string and no longer than {} chars", a.size);
        case AttributeType::kInteger:
            return "a valid integer";
        case AttributeType::kFloat:
            return "a valid float";
        case AttributeType::kBoolean:
            return "a valid boolean";
        case AttributeType::kDatetime:
            return "a valid ISO 8601 date";
        case AttributeType::kPoint:
        case AttributeType::kLinestring:
        case AttributeType::kPolygon:
            return fmt::format("a valid {}", kind_name(*geometry_kind(a.type)));
    }
    return "valid";
}

[[noreturn]] void invalid_type(const Attribute& a) {
    throw Error(
        ErrorType::kDocumentInvalidStructure,
        fmt::format("Invalid document structure: Attribute \"{}\" has invalid {}type. Value "
                    "must be {}",
                    a.key, a.array ? "element " : "", expectation(a)));
}

// The storage scalar for one (non-null) value; nullopt when it does not fit.
std::optional<SqlValue> scalar(AttributeType type, std::int64_t size, const json::value& v) {
    switch (type) {
        case AttributeType::kString:
            if (!v.is_string() || static_cast<std::int64_t>(utf8_length(v.as_string())) > size) {
                return std::nullopt;
            }
            return SqlValue{std::string{v.as_string()}};
        case AttributeType::kInteger:
            if (v.is_int64()) return SqlValue{v.as_int64()};
            if (v.is_uint64() && v.as_uint64() <= INT64_MAX) {
                return SqlValue{static_cast<std::int64_t>(v.as_uint64())};
            }
            return std::nullopt;
        case AttributeType::kFloat:
            if (!v.is_number()) return std::nullopt;
            return SqlValue{v.to_number<double>()};
        case AttributeType::kBoolean:
            if (!v.is_bool()) return std::nullopt;
            return SqlValue{v.as_bool()};
        case AttributeType::kDatetime:
            if (!v.is_string()) return std::nullopt;
            if (auto ms = time::parse_iso(v.as_string())) return SqlValue{*ms};
            return std::nullopt;
        case AttributeType::kPoint:
        case AttributeType::kLinestring:
        case AttributeType::kPolygon: {
            // The array, or the JSON text of it; stored as compact JSON text.
            auto g = read_geometry(v);
            if (!g || g->kind != *geometry_kind(type)) return std::nullopt;
            return SqlValue{json::serialize(g->coordinates)};
        }
    }
    return std::nullopt;
}

json::value element_json(const SqlValue& v) {
    if (const auto* b = std::get_if<bool>(&v)) return *b;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    if (const auto* d = std::get_if<double>(&v)) return *d;
    return json::string(std::get<std::string>(v));
}

json::value element_out(AttributeType type, const json::value& v) {
    if (v.is_null()) return nullptr;
    switch (type) {
        case AttributeType::kDatetime:
            return json::string(time::format_iso(v.to_number<std::int64_t>()));
        case AttributeType::kFloat:
            return v.to_number<double>();
        case AttributeType::kBoolean:
            // SQLite's JSON functions may hand back 0/1 for booleans.
            return v.is_bool() ? v.as_bool() : v.to_number<std::int64_t>() != 0;
        default:
            return v;
    }
}

const ValueCipher& cipher_for(const Attribute& a, const ValueCipher* cipher) {
    if (cipher == nullptr) {
        throw Error(ErrorType::kGeneralServerError,
                    fmt::format("Attribute \"{}\" is encrypted and no key is configured", a.key));
    }
    return *cipher;
}

// A checked scalar in its stored form: sealed when the attribute is encrypted.
SqlValue sealed(const Attribute& a, SqlValue v, const ValueCipher* cipher) {
    if (!a.encrypt) return v;
    return SqlValue{cipher_for(a, cipher).seal(std::get<std::string>(v))};
}

}  // namespace

SqlValue to_storage(const Attribute& a, const json::value& value, const ValueCipher* cipher) {
    if (value.is_null()) {
        if (a.required) {
            throw Error(ErrorType::kDocumentInvalidStructure,
                        fmt::format("Invalid document structure: Missing required attribute \"{}\"",
                                    a.key));
        }
        return SqlValue{};
    }
    if (is_spatial(a.type)) {
        auto v = scalar(a.type, a.size, value);
        if (!v) invalid_type(a);
        return *v;
    }
    if (!a.array) {
        if (value.is_array()) {
            throw Error(ErrorType::kDocumentInvalidStructure,
                        fmt::format("Invalid document structure: Attribute \"{}\" must not be an "
                                    "array",
                                    a.key));
        }
        auto v = scalar(a.type, a.size, value);
        if (!v) invalid_type(a);
        return sealed(a, std::move(*v), cipher);
    }
    if (!value.is_array()) {
        throw Error(
            ErrorType::kDocumentInvalidStructure,
            fmt::format("Invalid document structure: Attribute \"{}\" must be an array", a.key));
    }
    json::array stored;
    stored.reserve(value.as_array().size());
    for (const auto& element : value.as_array()) {
        auto v = element.is_null() ? std::nullopt : scalar(a.type, a.size, element);
        if (!v) invalid_type(a);
        stored.push_back(element_json(sealed(a, std::move(*v), cipher)));
    }
    return SqlValue{json::serialize(stored)};
}

json::value from_storage(const Attribute& a, const Row& row, int column, const ValueCipher* cipher) {
    if (row.is_null(column)) return nullptr;
    if (a.array) {
        const auto text = row.get_text(column);
        if (text == "[]") return json::array();  // most stored arrays: no parser needed
        json::error_code ec;
        auto parsed = json::parse(text, ec);
        if (ec || !parsed.is_array()) {
            throw Error(ErrorType::kGeneralServerError,
                        fmt::format("Corrupt array value in attribute \"{}\"", a.key));
        }
        for (auto& element : parsed.as_array()) {
            if (a.encrypt && element.is_string()) {
                element = json::string(cipher_for(a, cipher).open(element.as_string(), a.key));
            } else {
                element = element_out(a.type, element);
            }
        }
        return parsed;
    }
    switch (a.type) {
        case AttributeType::kString:
            if (a.encrypt) return json::string(cipher_for(a, cipher).open(row.get_text(column), a.key));
            return json::string(row.get_text(column));
        case AttributeType::kInteger:
            return row.get_int(column);
        case AttributeType::kFloat:
            return row.get_double(column);
        case AttributeType::kBoolean:
            return row.get_bool(column);
        case AttributeType::kDatetime:
            return json::string(time::format_iso(row.get_int(column)));
        case AttributeType::kPoint:
        case AttributeType::kLinestring:
        case AttributeType::kPolygon: {
            json::error_code ec;
            auto parsed = json::parse(row.get_text(column), ec);
            if (ec) {
                throw Error(ErrorType::kGeneralServerError,
                            fmt::format("Corrupt spatial value in attribute \"{}\"", a.key));
            }
            return parsed;
        }
    }
    return nullptr;
}

SqlValue query_value(const ColumnRef& ref, std::string_view key, const json::value& value) {
    // $sequence is a string in Appwrite's models since 1.8; accept both spellings.
    if (ref.attribute == nullptr && ref.type == AttributeType::kInteger && value.is_string()) {
        std::int64_t n = 0;
        auto text = std::string_view{value.as_string()};
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec == std::errc{} && end == text.data() + text.size()) return SqlValue{n};
    }
    auto v = scalar(ref.type, INT64_MAX, value);
    if (!v) {
        throw Error(ErrorType::kGeneralQueryInvalid,
                    fmt::format("Invalid query: Query value is invalid for attribute \"{}\"", key));
    }
    return *v;
}

SqlValue read_value(AttributeType type, const Row& row, int column) {
    if (row.is_null(column)) return SqlValue{};
    switch (type) {
        case AttributeType::kString:
        case AttributeType::kPoint:
        case AttributeType::kLinestring:
        case AttributeType::kPolygon:
            return SqlValue{std::string{row.get_text(column)}};
        case AttributeType::kFloat:
            return SqlValue{row.get_double(column)};
        case AttributeType::kBoolean:
            return SqlValue{row.get_bool(column)};
        case AttributeType::kInteger:
        case AttributeType::kDatetime:
            return SqlValue{row.get_int(column)};
    }
    return SqlValue{};
}

}  // namespace basalt::db
