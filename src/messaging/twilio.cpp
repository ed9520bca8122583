#include "messaging/twilio.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "outbound/http_client.hpp"

namespace basalt::messaging {
namespace {

// Twilio's error body is {"code": 21211, "message": "...", "more_info": "...", "status": 400}.
std::string reason_from(const outbound::HttpResponse& response) {
    boost::system::error_code ec;
    const auto parsed = boost::json::parse(response.body, ec);
    if (!ec && parsed.is_object()) {
        const auto& object = parsed.as_object();
        const auto* message = object.if_contains("message");
        if (message && message->is_string()) {
            const auto* code = object.if_contains("code");
            if (code && code->is_int64()) {
                return fmt::format("{} (Twilio error {})", std::string_view(message->as_string()),
                                   code->as_int64());
            }
            return std::string(message->as_string());
        }
    }
    return fmt::format("Twilio answered HTTP {}", response.status);
}

class TwilioProvider final : public SmsProvider {
public:
    explicit TwilioProvider(TwilioSettings settings) : settings_(std::move(settings)) {
        if (settings_.account_sid.empty() || settings_.auth_token.empty() ||
            settings_.from.empty()) {
            throw Error(ErrorType::kGeneralArgumentInvalid,
                        "Twilio needs an account SID, an auth token and a sender");
        }
        while (settings_.base_url.ends_with('/')) settings_.base_url.pop_back();
        url_ = fmt::format("{}/2010-04-01/Accounts/{}/Messages.json", settings_.base_url,
                           outbound::url_encode(settings_.account_sid));
    }

    void send(const std::string& to_e164, const std::string& body) override {
        outbound::HttpRequest request{
            .method = "POST",
            .url = url_,
            .headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                        {"Accept", "application/json"},
                        {"Authorization", basic_authorization()}},
            .body =
                outbound::form_encode({{"To", to_e164}, {"From", settings_.from}, {"Body", body}}),
            .timeout_ms = settings_.timeout_ms,
            .max_response_bytes = 64 * 1024,
        };
        const auto response = outbound::fetch(request);
        if (response.status < 200 || response.status > 299) {
            throw Error(ErrorType::kGeneralServerError,
                        "Sending SMS failed: " + reason_from(response));
        }
    }

private:
    std::string basic_authorization() const;

    TwilioSettings settings_;  // constant after construction
    std::string url_;
};

std::string TwilioProvider::basic_authorization() const {
    return "Basic " + crypto::base64_encode(settings_.account_sid + ":" + settings_.auth_token);
}

}  // namespace

std::unique_ptr<SmsProvider> make_twilio_provider(TwilioSettings settings) {
    return std::make_unique<TwilioProvider>(std::move(settings));
}

}  // namespace basalt::messaging
