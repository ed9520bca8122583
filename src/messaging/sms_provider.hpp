// Outgoing SMS: one small interface with one implementation per gateway (Twilio so far; the
// Messaging service adds the others). Used for phone verification, phone OTP sessions and
// Messaging's SMS messages.
#pragma once

#include <string>

namespace basalt::messaging {

class SmsProvider {
public:
    virtual ~SmsProvider() = default;

    // Sends `body` to `to_e164` ("+14155550100"). Blocking: call it from worker threads.
    // Throws Error(kGeneralServerError) with the gateway's reason when the message is not
    // accepted or the gateway cannot be reached. Implementations are thread-safe.
    virtual void send(const std::string& to_e164, const std::string& body) = 0;
};

}  // namespace basalt::messaging
