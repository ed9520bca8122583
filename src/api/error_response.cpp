#include "api/error_response.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace basalt::api {

http::Response error_response(const Error& error, int status_override) {
    const auto& info = error.info();
    // Realtime close codes are not HTTP statuses.
    int status = info.status >= 100 && info.status < 600 ? info.status : 400;
    if (status_override) status = status_override;
    boost::json::object body;
    body["message"] = error.what();
    body["code"] = status;
    body["type"] = info.type;
    body["version"] = BASALT_APPWRITE_VERSION;
    return http::Response::json(status, boost::json::serialize(body));
}

}  // namespace basalt::api
