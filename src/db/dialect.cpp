#include "db/dialect.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace basalt::db {

SqlBuilder& SqlBuilder::bind(SqlValue value) {
    params_.push_back(std::move(value));
    if (numbered_) {
        sql_ += '$';
        sql_ += std::to_string(params_.size());
    } else {
        sql_ += '?';
    }
    return *this;
}

std::string quote(std::string_view identifier) {
    std::string out;
    out.reserve(identifier.size() + 2);
    out += '"';
    for (char c : identifier) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string derived_name(std::string_view prefix, std::string_view collection,
                         std::string_view key) {
    // FNV-1a: short names that fit PostgreSQL's 63-byte identifiers whatever the ids are.
    std::uint64_t hash = 14695981039346656037ull;
    auto mix = [&hash](std::string_view text) {
        for (unsigned char c : text) {
            hash ^= c;
            hash *= 1099511628211ull;
        }
    };
    mix(collection);
    mix("/");
    mix(key);
    return fmt::format("{}{:016x}", prefix, hash);
}

std::string sql_literal(const SqlValue& value) {
    if (const auto* b = std::get_if<bool>(&value)) return *b ? "TRUE" : "FALSE";
    if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&value)) return fmt::format("{}", *d);
    if (const auto* s = std::get_if<std::string>(&value)) {
        std::string out = "'";
        for (char c : *s) {
            if (c == '\'') out += '\'';
            out += c;
        }
        return out + "'";
    }
    if (std::holds_alternative<std::shared_ptr<const IdSet>>(value)) {
        throw Error(ErrorType::kGeneralServerError, "An id set has no SQL literal");
    }
    return "NULL";
}

std::vector<std::string> fulltext_words(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (unsigned char c : text) {
        bool letter =
            (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
        if (letter) {
            word += static_cast<char>(c);
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

}  // namespace basalt::db
