// libcurl's process-wide initialisation, done once for every outbound client (HTTP, SMTP).
#pragma once

namespace basalt::outbound {

// curl_global_init is not thread-safe: the first caller runs it (a function-local static),
// and it is undone at exit.
void ensure_curl_initialised();

}  // namespace basalt::outbound
