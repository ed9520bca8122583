#include "auth/courier.hpp"

#include <spdlog/spdlog.h>

#include "core/error.hpp"

namespace basalt::auth {

Courier::Courier(CourierOptions options) : options_(std::move(options)), worker_([this] { run(); }) {}

Courier::~Courier() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
    worker_.join();
}

void Courier::send_email(const platform::Project& project, EmailKind kind, std::string_view locale,
                         const EmailParams& params, const std::string& to_email, const std::string& to_name) {
    const auto& smtp = project.smtp.enabled ? project.smtp : options_.smtp;
    if (smtp.host.empty()) throw Error(ErrorType::kGeneralSmtpDisabled);
    const auto rendered = render_email(kind, locale, params);
    outbound::Email email{.to_email = to_email, .to_name = to_name, .subject = rendered.subject,
                          .html = rendered.html, .text = rendered.text};
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
            throw Error(ErrorType::kGeneralServerError, "Too many messages are waiting to be sent; try again later.");
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
