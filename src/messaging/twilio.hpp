// SMS through Twilio's Programmable Messaging REST API (Messages.json).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "messaging/sms_provider.hpp"

namespace basalt::messaging {

struct TwilioSettings {
    std::string account_sid;  // "AC..."; also the basic-auth user
    std::string auth_token;   // basic-auth password
    std::string from;         // sender number in E.164, or an alphanumeric sender ID
    std::string base_url =
        "https://api.twilio.com";  // without a trailing slash; tests point it at loopback
    std::int64_t timeout_ms = 10'000;
};

// A provider that POSTs To, From and Body to
// {base_url}/2010-04-01/Accounts/{account_sid}/Messages.json and treats any 2xx answer as accepted.
// A refusal becomes Error(kGeneralServerError) carrying Twilio's `message` (and `code`) from its
// JSON error body. Throws Error(kGeneralArgumentInvalid) when account_sid, auth_token or from is
// empty.
std::unique_ptr<SmsProvider> make_twilio_provider(TwilioSettings settings);

}  // namespace basalt::messaging
