#include "auth/oauth2/quirks.hpp"

#include "auth/oauth2/json_path.hpp"

namespace basalt::auth::oauth2 {
namespace {

namespace json = boost::json;

// GitHub's /user shows only the public address, maybe unverified. /user/emails lists every
// address: the verified primary one is preferred, else any verified one.
void github_emails(const ApiGet& get, json::value& user) {
    const auto emails = get("https://api.github.com/user/emails");
    const auto* list = emails.if_array();
    if (!list) return;
    const json::value* chosen = nullptr;
    for (const auto& email : *list) {
        if (!flag_at(email, "/verified")) continue;
        if (!chosen || flag_at(email, "/primary")) chosen = &email;
        if (flag_at(email, "/primary")) break;
    }
    if (!chosen) return;
    user.as_object()["email"] = text_at(*chosen, "/email");
    user.as_object()["verified"] = true;
}

// Bitbucket's /2.0/user has no address at all; /2.0/user/emails does. The confirmed primary
// address is preferred, else the first confirmed one.
void bitbucket_emails(const ApiGet& get, json::value& user) {
    const auto emails = get("https://api.bitbucket.org/2.0/user/emails");
    const auto* list = find_path(emails, "/values");
    if (!list || !list->is_array()) return;
    const json::value* chosen = nullptr;
    for (const auto& email : list->get_array()) {
        if (!flag_at(email, "/is_confirmed")) continue;
        if (!chosen || flag_at(email, "/is_primary")) chosen = &email;
        if (flag_at(email, "/is_primary")) break;
    }
    if (!chosen) return;
    user.as_object()["email"] = text_at(*chosen, "/email");
    user.as_object()["is_confirmed"] = true;
}

// Podio's /user has the addresses but not the name, which is on /user/profile. The main
// address (`mail`) is verified when its entry in `mails` says so; that goes to `mail_verified`,
// the field the provider table reads.
void podio_profile(const ApiGet& get, json::value& user) {
    const auto profile = get("https://api.podio.com/user/profile");
    const auto main = text_at(user, "/mail");
    bool verified = false;
    if (const auto* mails = find_path(user, "/mails");
        mails && mails->is_array() && !main.empty()) {
        for (const auto& mail : mails->get_array()) {
            if (text_at(mail, "/mail") == main) {
                verified = flag_at(mail, "/verified");
                break;
            }
        }
    }
    auto& object = user.as_object();
    object["name"] = text_at(profile, "/name");
    object["mail_verified"] = verified;
}

}  // namespace

void apply_quirk(const Provider& provider, const ApiGet& get, json::value& user) {
    if (provider.quirk == Quirk::kNone) return;
    if (!user.is_object()) return;  // no user to complete: the id check reports it
    switch (provider.quirk) {
        case Quirk::kNone:
            break;
        case Quirk::kGithubEmails:
            github_emails(get, user);
            break;
        case Quirk::kBitbucketEmails:
            bitbucket_emails(get, user);
            break;
        case Quirk::kPodioProfile:
            podio_profile(get, user);
            break;
    }
}

}  // namespace basalt::auth::oauth2
