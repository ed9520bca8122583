// Appwrite's response models for the auth services, rendered from the auth module's documents.
#pragma once

#include <boost/json/object.hpp>
#include <span>
#include <string>
#include <string_view>

#include "api/context.hpp"
#include "db/document.hpp"

namespace basalt::api {

// Model `user`. `targets` are the user's messaging targets. The password hash, algorithm and
// options are shown to API keys only, as Appwrite does. The model's memory comes from `storage`
// (a request-scoped buffer where the model is serialised at once; the heap by default).
boost::json::object user_model(const db::Document& user, std::span<const db::Document> targets,
                               bool for_key, boost::json::storage_ptr storage = {});

// Model `session`. `secret` is the cookie value, shown only right after creation and only to
// keys; `country_name` comes from the locale.
boost::json::object session_model(const db::Document& session, bool current, std::string_view country_name,
                                  std::string_view secret = {});

// Model `target`, in `storage`.
boost::json::object target_model(const db::Document& target, boost::json::storage_ptr storage = {});

// Model `preferences`: the stored JSON object.
boost::json::object preferences_model(const db::Document& record);

// `$id`, `$createdAt`, `$updatedAt` of a document, in `storage`.
boost::json::object meta_model(const db::Document& doc, boost::json::storage_ptr storage = {});

}  // namespace basalt::api
