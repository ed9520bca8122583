// The one place that wires modules together: backends, platform, API routes and the server.
#pragma once

#include <string>

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

}  // namespace basalt::app
