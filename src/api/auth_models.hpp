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
// options are shown to API keys only, as Appwrite does.
boost::json::object user_model(const db::Document& user, std::span<const db::Document> targets, bool for_key);

// Model `session`. `secret` is the cookie value, shown only right after creation and only to
// keys; `country_name` comes from the locale.
boost::json::object session_model(const db::Document& session, bool current, std::string_view country_name,
                                  std::string_view secret = {});

// Model `target`.
boost::json::object target_model(const db::Document& target);

// Model `preferences`: the stored JSON object.
boost::json::object preferences_model(const db::Document& record);

// `$id`, `$createdAt`, `$updatedAt` of a document.
boost::json::object meta_model(const db::Document& doc);

}  // namespace basalt::api
