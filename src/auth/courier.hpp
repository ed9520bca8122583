// Delivers the auth module's emails and text messages in the background, so a request never
// waits on an SMTP server or an SMS gateway (Appwrite queues them too). Failures are logged,
// as a queued message's failure would be.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "auth/emails/emails.hpp"
#include "messaging/sms_provider.hpp"
#include "outbound/smtp.hpp"
#include "platform/project.hpp"

namespace basalt::auth {

struct CourierOptions {
    // The server's SMTP server; host empty = none (projects may still bring their own).
    outbound::SmtpSettings smtp;
    // The server's SMS gateway; null = none (mock numbers still work).
    std::shared_ptr<messaging::SmsProvider> sms;
    std::size_t queue_limit = 10'000;  // messages waiting; beyond it new ones are refused
};

class Courier {
public:
    explicit Courier(CourierOptions options);
    ~Courier();  // delivers what is queued, then stops
    Courier(const Courier&) = delete;
    Courier& operator=(const Courier&) = delete;

    // Renders `kind` for `locale` and queues it for `to_email`, through the project's own SMTP
    // server when it enabled one, else the server's. With its own SMTP enabled, the project's
    // custom template for (kind, locale), else for (kind, "en"), replaces Basalt's email
    // (render_custom_email), and its non-empty sender and reply-to fields replace the project's
    // SMTP ones. Throws kGeneralSmtpDisabled when there is no SMTP server, kGeneralServerError
    // when the queue is full or a value the kind needs is empty.
    void send_email(const platform::Project& project, EmailKind kind, std::string_view locale,
                    const EmailParams& params, const std::string& to_email,
                    const std::string& to_name);

    // Queues a text message. Throws kGeneralPhoneDisabled when no SMS gateway is configured.
    void send_sms(const std::string& to_e164, const std::string& body);

    bool has_sms() const noexcept { return options_.sms != nullptr; }

private:
    void enqueue(std::function<void()> job);
    void run();

    const CourierOptions options_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> queue_;
    bool stopping_ = false;
    std::thread worker_;
};

}  // namespace basalt::auth
