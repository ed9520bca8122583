#include "auth/courier.hpp"

#include <spdlog/spdlog.h>

#include "core/error.hpp"

namespace basalt::auth {

Courier::Courier(CourierOptions options)
    : options_(std::move(options)), worker_([this] { run(); }) {}

Courier::~Courier() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
    worker_.join();
}

namespace {

// The sender and reply-to the template names replace the project's (its empty fields leave them).
void apply_template_sender(const platform::EmailTemplate& custom, outbound::SmtpSettings& smtp) {
    const auto set = [](const std::string& value, std::string& to) {
        if (!value.empty()) to = value;
    };
    set(custom.sender_name, smtp.sender_name);
    set(custom.sender_email, smtp.sender_email);
    set(custom.reply_to_name, smtp.reply_to_name);
    set(custom.reply_to_email, smtp.reply_to_email);
}

}  // namespace

void Courier::send_email(const platform::Project& project, EmailKind kind, std::string_view locale,
                         const EmailParams& params, const std::string& to_email,
                         const std::string& to_name) {
    auto smtp = project.smtp.enabled ? project.smtp : options_.smtp;
    if (smtp.host.empty()) throw Error(ErrorType::kGeneralSmtpDisabled);
    // Appwrite reads custom templates only while the project's own SMTP is enabled: for the
    // request's locale, else English (a template stored for "de" does not serve "de-at").
    const auto* custom = project.smtp.enabled ? platform::find_email_template(
                                                    project, email_template_id(kind), locale)
                                              : nullptr;
    RenderedEmail rendered;
    if (custom) {
        rendered = render_custom_email(
            kind,
            {.locale = custom->locale, .subject = custom->subject, .message = custom->message},
            params);
        apply_template_sender(*custom, smtp);
    } else {
        rendered = render_email(kind, locale, params);
    }
    outbound::Email email{.to_email = to_email,
                          .to_name = to_name,
                          .subject = rendered.subject,
                          .html = rendered.html,
                          .text = rendered.text};
    enqueue([smtp, email = std::move(email)] { outbound::send_email(smtp, email); });
}

void Courier::send_sms(const std::string& to_e164, const std::string& body) {
    if (!options_.sms) throw Error(ErrorType::kGeneralPhoneDisabled);
    enqueue([sms = options_.sms, to_e164, body] { sms->send(to_e164, body); });
}

void Courier::enqueue(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        if (queue_.size() >= options_.queue_limit) {
            throw Error(ErrorType::kGeneralServerError,
                        "Too many messages are waiting to be sent; try again later.");
        }
        queue_.push_back(std::move(job));
    }
    ready_.notify_one();
}

void Courier::run() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and everything delivered
            job = std::move(queue_.front());
            queue_.pop_front();
        }
        try {
            job();
        } catch (const std::exception& e) {
            spdlog::error("Message not delivered: {}", e.what());
        }
    }
}

}  // namespace basalt::auth
