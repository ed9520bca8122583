#include "outbound/curl_global.hpp"

#include <curl/curl.h>

namespace basalt::outbound {
namespace {

struct CurlGlobal {
    CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
    ~CurlGlobal() { curl_global_cleanup(); }
};

}  // namespace

void ensure_curl_initialised() { static const CurlGlobal global; }

}  // namespace basalt::outbound
