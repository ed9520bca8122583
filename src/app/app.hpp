// The one place that wires modules together: backends, platform, API routes and the server.
#pragma once

#include <string>
#include <vector>

#include "app/config.hpp"

namespace basalt::app {

// Runs the server until SIGINT/SIGTERM; returns the process exit code.
int serve(const Config& config);

struct InitOptions {
    std::string project_id;
    std::string project_name;
    bool json = false;
};

// Creates a project and an API key with every scope, and prints them; returns the exit code.
int init(const Config& config, const InitOptions& options);

struct KeyOptions {
    std::string project_id;
    std::string key_id = "unique()";
    std::string name;
    std::vector<std::string> scopes;  // empty = every scope
    std::string expire;               // ISO-8601; empty = never
    bool json = false;
};

// Creates an API key in an existing project and prints its secret (Appwrite refuses key
// creation through the API with a key; this is the way in until the console exists).
int create_key(const Config& config, const KeyOptions& options);

// Prints every route the server serves ("GET /v1/health"), sorted; returns the exit code.
int list_routes();

}  // namespace basalt::app
