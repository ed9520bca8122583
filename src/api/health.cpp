#include <array>
#include <boost/json/object.hpp>

#include "api/params.hpp"
#include "api/services.hpp"
#include "core/error.hpp"
#include "platform/health.hpp"
#include "storage/antivirus.hpp"

namespace basalt::api {
namespace {

using boost::json::array;
using boost::json::object;
using http::Method;

constexpr std::string_view kScope = "health.read";

// Queues Appwrite reports on. Basalt runs its jobs in-process and has none of these queues
// yet, so each reports the true size of nothing waiting: 0.
constexpr std::array kQueues = {"audits",    "builds",  "certificates", "databases",       "deletes",
                                "functions", "logs",    "mails",        "messaging",       "migrations",
                                "stats-resources", "stats-usage", "webhooks"};
constexpr std::array kFailedQueueNames = {
    "v1-database", "v1-deletes",     "v1-audits",      "v1-mails",     "v1-functions",
    "v1-stats-resources", "v1-stats-usage", "v1-webhooks", "v1-certificates", "v1-builds",
    "v1-screenshots", "v1-messaging",  "v1-migrations"};

object status(std::string_view name, std::int64_t ping, bool pass) {
    return object{{"name", name}, {"ping", ping}, {"status", pass ? "pass" : "fail"}};
}

object status_list(object status) {
    return object{{"total", 1}, {"statuses", array{std::move(status)}}};
}

http::Response queue_size(Context& ctx, std::int64_t size) {
    const auto threshold = param::integer(ctx, "threshold", 5000, 0, INT32_MAX);
    if (size >= threshold) {
        throw Error(ErrorType::kHealthQueueSizeExceeded,
                    "Queue size threshold hit. Current size is " + std::to_string(size) +
                        " and threshold is " + std::to_string(threshold) + ".");
    }
    return json(200, object{{"size", size}});
}

}  // namespace

void add_health_endpoints(Api& api, platform::Health& health, const storage::Antivirus& antivirus) {
    api.add({Method::kGet, "/v1/health/version", "", http::Execution::kInline, [](Context&) {
                 return json(200, object{{"version", BASALT_APPWRITE_VERSION}});
             }});
    api.add({Method::kGet, "/v1/health", std::string(kScope), http::Execution::kInline,
             [](Context&) { return json(200, status("http", 0, true)); }});
    api.add({Method::kGet, "/v1/health/db", std::string(kScope), http::Execution::kBlocking,
             [&health](Context&) {
                 const auto probe = health.database();
                 return json(200, status_list(status("database", probe.ping_ms, probe.pass)));
             }});
    // Cache and pub/sub are in-process in a single-node Basalt: always reachable.
    api.add({Method::kGet, "/v1/health/cache", std::string(kScope), http::Execution::kInline,
             [](Context&) { return json(200, status_list(status("memory", 0, true))); }});
    api.add({Method::kGet, "/v1/health/pubsub", std::string(kScope), http::Execution::kInline,
             [](Context&) { return json(200, status_list(status("memory", 0, true))); }});
    api.add({Method::kGet, "/v1/health/storage", std::string(kScope), http::Execution::kBlocking,
             [&health](Context&) {
                 const auto probe = health.local_storage();
                 return json(200, status("storage", probe.ping_ms, probe.pass));
             }});
    api.add({Method::kGet, "/v1/health/storage/local", std::string(kScope), http::Execution::kBlocking,
             [&health](Context&) {
                 const auto probe = health.local_storage();
                 return json(200, status("local", probe.ping_ms, probe.pass));
             }});
    api.add({Method::kGet, "/v1/health/time", std::string(kScope), http::Execution::kBlocking,
             [&health](Context&) {
                 const auto check = health.time();
                 return json(200, object{{"remoteTime", check.remote_time},
                                         {"localTime", check.local_time},
                                         {"diff", check.diff}});
             }});
    // As Appwrite: "disabled" without clamd (--clamd), else clamd's VERSION line and "pass" or
    // "fail" for its PING (the model's enum says online/offline; Appwrite's code sends these).
    api.add({Method::kGet, "/v1/health/anti-virus", std::string(kScope), http::Execution::kBlocking,
             [&antivirus](Context&) {
                 if (!antivirus.enabled()) return json(200, object{{"version", ""}, {"status", "disabled"}});
                 try {
                     auto version = antivirus.version();
                     const bool pass = antivirus.ping();
                     return json(200, object{{"version", std::move(version)}, {"status", pass ? "pass" : "fail"}});
                 } catch (const Error&) {
                     throw Error(ErrorType::kGeneralServerError, "Antivirus is not available");
                 }
             }});
    api.add({Method::kGet, "/v1/health/certificate", std::string(kScope), http::Execution::kBlocking,
             [&health](Context& ctx) {
                 const auto cert = health.certificate(param::string(ctx, "domain", 2048));
                 return json(200, object{{"name", cert.name},
                                         {"subjectSN", cert.subject_sn},
                                         {"issuerOrganisation", cert.issuer_organisation},
                                         {"validFrom", cert.valid_from},
                                         {"validTo", cert.valid_to},
                                         {"signatureTypeSN", cert.signature_type_sn}});
             }});
    for (const auto* queue : kQueues) {
        api.add({Method::kGet, std::string("/v1/health/queue/") + queue, std::string(kScope),
                 http::Execution::kInline, [](Context& ctx) { return queue_size(ctx, 0); }});
    }
    api.add({Method::kGet, "/v1/health/queue/failed/{name}", std::string(kScope),
             http::Execution::kInline, [](Context& ctx) {
                 const auto name = ctx.request.path_param("name");
                 if (std::find(kFailedQueueNames.begin(), kFailedQueueNames.end(), name) ==
                     kFailedQueueNames.end()) {
                     throw Error(ErrorType::kGeneralArgumentInvalid,
                                 "Invalid `name` param: Value must be one of (v1-database, v1-deletes, "
                                 "v1-audits, v1-mails, v1-functions, v1-stats-resources, "
                                 "v1-stats-usage, v1-webhooks, v1-certificates, v1-builds, "
                                 "v1-screenshots, v1-messaging, v1-migrations)");
                 }
                 return queue_size(ctx, 0);
             }});
}

}  // namespace basalt::api
