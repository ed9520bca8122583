// The parameters of the attribute (column) routes, and the inline `attributes`/`columns` and
// `indexes` of POST .../collections (tables), checked with Appwrite's param errors
// (general_argument_invalid naming the param).
#pragma once

#include <vector>

#include "api/context.hpp"
#include "databases/attributes.hpp"
#include "databases/schema_changes.hpp"
#include "databases/vocabulary.hpp"

namespace basalt::api::data {

// POST .../attributes/<kind>: key, required, array, encrypt, size, min, max, default, elements
// as the kind takes them; the default's format is checked, its fit is not (prepare_attribute).
databases::AttributeSpec attribute_params(Context& ctx, const databases::KindInfo& info);

// PATCH .../attributes/<kind>/{key}: required, default (a required key, null allowed; optional
// for spatial kinds), size, min, max, elements, newKey.
databases::AttributeChanges attribute_changes(Context& ctx, const databases::KindInfo& info);

// The inline definitions of a collection create, prepared (prepare_attribute); an empty list
// when the param is absent. Relationships are refused.
std::vector<databases::AttributeSpec> inline_attributes(Context& ctx,
                                                        const databases::Vocabulary& words);
std::vector<databases::IndexSpec> inline_indexes(Context& ctx, const databases::Vocabulary& words);

}  // namespace basalt::api::data
