// The Teams service (/v1/teams*): teams, memberships, invitations; and a user's memberships for
// the Users service (/v1/users/{userId}/memberships).
//
// Users act through their roles: every read and change of a team or membership goes to the
// document engine with ctx.caller.authorization(), whose roles include team:T, team:T/ROLE and
// member:M of the caller's confirmed memberships, so the team's own permissions decide (API keys
// skip them).
#include "auth/teams/teams.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>

#include "api/auth_models.hpp"
#include "api/auth_support.hpp"
#include "api/params.hpp"
#include "api/services.hpp"
#include "auth/records.hpp"
#include "auth/session_cookie.hpp"
#include "auth/sessions.hpp"
#include "auth/teams/invitation_link.hpp"
#include "auth/teams/memberships.hpp"
#include "auth/users.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"

namespace basalt::api {
namespace {

namespace bj = boost::json;
using http::Method;
using namespace std::string_view_literals;

// Appwrite's query validators: Teams and Memberships.
constexpr std::array kTeamQueryAttributes = {"name"sv, "total"sv, "billingPlan"sv};
constexpr std::array kMembershipQueryAttributes = {"userId"sv, "teamId"sv,  "invited"sv,
                                                   "joined"sv, "confirm"sv, "roles"sv};

constexpr std::size_t kMaxRoles = 100;         // APP_LIMIT_ARRAY_PARAMS_SIZE
constexpr std::size_t kTeamRoleLength = 36;    // a creator's roles (Key)
constexpr std::size_t kMemberRoleLength = 81;  // a member's roles (Key, maxLength 81)
constexpr std::size_t kPrefsMaxBytes = 65535;

db::Query equal(std::string attribute, std::string_view value) {
    return db::Query::equal(std::move(attribute), bj::array{bj::string(value)});
}

// Appwrite's Key validator: 1..max chars of [A-Za-z0-9._-], not starting with . - _
bool is_key(std::string_view key, std::size_t max_length) {
    return !key.empty() && key.size() <= max_length && key.front() != '.' && key.front() != '-' &&
           key.front() != '_' &&
           key.find_first_not_of(
               "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
               std::string_view::npos;
}

// The `roles` param: an array of Keys; `fallback` when absent (else it is required).
std::vector<std::string> roles_param(Context& ctx, std::optional<std::vector<std::string>> fallback,
                                     std::size_t max_length) {
    const auto* value = ctx.params().if_contains("roles");
    if (!value || value->is_null()) {
        if (fallback) return std::move(*fallback);
        throw Error(ErrorType::kGeneralArgumentInvalid, "Param \"roles\" is not optional.");
    }
    const auto invalid = [&] {
        return Error(
            ErrorType::kGeneralArgumentInvalid,
            fmt::format(
                "Invalid `roles` param: Value must a valid array no longer than {} items and "
                "Parameter must contain at most {} chars. Valid chars are a-z, A-Z, 0-9, "
                "period, hyphen, and underscore. Can't start with a special char",
                kMaxRoles, max_length));
    };
    if (!value->is_array() || value->get_array().size() > kMaxRoles) throw invalid();
    std::vector<std::string> roles;
    for (const auto& item : value->get_array()) {
        if (!item.is_string() || !is_key(item.get_string(), max_length)) throw invalid();
        roles.emplace_back(item.get_string());
    }
    return roles;
}

// An optional user ID (Appwrite's UID validator: no "unique()").
std::string optional_uid(Context& ctx, std::string_view name) {
    auto id = param::optional_string(ctx, name, 2048);
    if (!id.empty() && !ids::is_valid(id)) {
        throw Error(
            ErrorType::kGeneralArgumentInvalid,
            fmt::format(
                "Invalid `{}` param: UID must contain at most 36 chars. Valid chars are a-z, A-Z, "
                "0-9, period, hyphen, and underscore. Can't start with a special char",
                name));
    }
    return id;
}

// The `url` an invitation links to: empty, or allowed by Appwrite's redirect rule.
std::string redirect_param(Context& ctx, std::string_view name) {
    auto url = param::optional_string(ctx, name, 2048);
    if (url.empty()) return url;
    const auto& project = ctx.require_project();
    if (!auth::redirect_allowed(url, project.web_hostnames, project.id)) {
        const auto parts = auth::url_parts(url);
        throw Error(
            ErrorType::kGeneralArgumentInvalid,
            parts ? fmt::format(
                        "Invalid `{}` param: Invalid URI. Register your new client ({}) as a new "
                        "Web platform on your project console dashboard",
                        name, parts->host)
                  : fmt::format("Invalid `{}` param: Invalid URI.", name));
    }
    return url;
}

bj::object prefs_param(Context& ctx) {
    const auto* prefs = ctx.params().if_contains("prefs");
    if (!prefs || !prefs->is_object()) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    "Invalid `prefs` param: Value must be a valid object.");
    }
    if (bj::serialize(*prefs).size() > kPrefsMaxBytes) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    "Invalid `prefs` param: Value must be at most 65535 bytes.");
    }
    return prefs->get_object();
}

// Model `team`.
bj::object team_model(const db::Document& team) {
    auto model = meta_model(team);
    model["name"] = auth::text_of(team.data, "name");
    model["total"] = auth::int_of(team.data, "total");
    model["prefs"] = auth::object_of(team.data, "prefs");
    return model;
}

// Which facts about a member's user a membership shows; the rest render as "" / false.
struct MemberFields {
    bool name = false;
    bool email = false;
    bool phone = false;
    bool mfa = false;
    bool user_id = true;
};

// What create, role updates and acceptance answer with (Appwrite fills in name and email there).
constexpr MemberFields kNameAndEmail{.name = true, .email = true};

// Membership privacy for list and get: keys see everything, others what the project's
// membership-privacy policy shows to team members.
MemberFields member_privacy(const Context& ctx) {
    if (ctx.caller.is_key())
        return {.name = true, .email = true, .phone = true, .mfa = true, .user_id = true};
    const auto& settings = ctx.require_project().auth;
    return {.name = settings.memberships_user_name,
            .email = settings.memberships_user_email,
            .phone = settings.memberships_user_phone,
            .mfa = settings.memberships_mfa,
            .user_id = settings.memberships_user_id};
}

// Appwrite's MFA status of a member: MFA on, with at least one factor that can be used.
bool mfa_usable(db::Database& db, const db::Document& user) {
    if (!auth::bool_of(user.data, "mfa")) return false;
    const auto& d = user.data;
    if (!auth::text_of(d, "email").empty() && auth::bool_of(d, "emailVerification")) return true;
    if (!auth::text_of(d, "phone").empty() && auth::bool_of(d, "phoneVerification")) return true;
    const std::vector<db::Query> totp = {equal("userId", user.id), equal("type", "totp"),
                                         db::Query::equal("verified", bj::array{true}),
                                         db::Query::limit(1)};
    return db.count_documents(db::Authorization::internal(), "authenticators", totp, 1) > 0;
}

// Model `membership`. `user` may be null (a deleted user) or left out when nothing of it shows.
bj::object membership_model(db::Database& db, const db::Document& membership,
                            std::string_view team_name, const db::Document* user,
                            const MemberFields& show) {
    using auth::text_of;
    const auto& d = membership.data;
    auto model = meta_model(membership);
    model["userId"] = show.user_id ? text_of(d, "userId") : "";
    model["userName"] = show.name && user ? text_of(user->data, "name") : "";
    model["userEmail"] = show.email && user ? text_of(user->data, "email") : "";
    model["userPhone"] = show.phone && user ? text_of(user->data, "phone") : "";
    model["teamId"] = text_of(d, "teamId");
    model["teamName"] = team_name;
    model["invited"] = text_of(d, "invited");
    model["joined"] = text_of(d, "joined");
    model["confirm"] = auth::bool_of(d, "confirm");
    model["mfa"] = show.mfa && user && mfa_usable(db, *user);
    bj::array roles;
    for (auto& role : auth::strings_of(d, "roles")) roles.push_back(bj::string(role));
    model["roles"] = std::move(roles);
    return model;
}

class TeamsEndpoints {
public:
    explicit TeamsEndpoints(AuthServices services) : s_(services) {}

    // Teams.
    http::Response create_team(Context& ctx) {
        const auto id = param::id(ctx, "teamId");
        const auto name = param::string(ctx, "name", 128);
        auto roles = roles_param(ctx, std::vector<std::string>{std::string(auth::kOwnerRole)},
                                 kTeamRoleLength);
        std::optional<auth::TeamCreator> creator;
        // A signed-in user becomes the team's first member; a key creates an empty team.
        if (ctx.caller.is_user())
            creator = auth::TeamCreator{ctx.caller.user->id, std::move(roles)};
        return json(201, team_model(auth::create_team(*s_.db(ctx), id, name, creator)));
    }

    http::Response list_teams(Context& ctx) {
        const auto page = list_as_caller(ctx, "teams", kTeamQueryAttributes);
        bj::array teams;
        for (const auto& team : page.documents) teams.push_back(team_model(team));
        return json(200, bj::object{{"total", page.total}, {"teams", std::move(teams)}});
    }

    http::Response get_team(Context& ctx) { return json(200, team_model(team_of_path(ctx))); }

    http::Response logs(Context& ctx) { return logs_response(ctx, s_, LogsOf::kTeam, team_of_path(ctx).id); }

    http::Response update_name(Context& ctx) {
        const auto name = param::string(ctx, "name", 128);
        const auto id = param::path_id(ctx, "teamId");
        return json(
            200, team_model(auth::rename_team(*s_.db(ctx), ctx.caller.authorization(), id, name)));
    }

    http::Response delete_team(Context& ctx) {
        auth::delete_team(*s_.db(ctx), ctx.caller.authorization(), param::path_id(ctx, "teamId"));
        return http::Response::no_content();
    }

    http::Response get_prefs(Context& ctx) {
        return json(200, preferences_model(team_of_path(ctx)));
    }

    http::Response update_prefs(Context& ctx) {
        const auto prefs = prefs_param(ctx);
        const auto id = param::path_id(ctx, "teamId");
        const auto team =
            auth::update_team_prefs(*s_.db(ctx), ctx.caller.authorization(), id, prefs);
        return json(200, preferences_model(team));
    }

    // Memberships.
    http::Response create_membership(Context& ctx);

    http::Response list_memberships(Context& ctx) {
        const auto team = team_of_path(ctx);
        auto db = s_.db(ctx);
        const auto page = list_internal(ctx, *db,
                                        {.collection = "memberships",
                                         .allowed = kMembershipQueryAttributes,
                                         .filters = {equal("teamId", team.id)},
                                         .searchable = true});
        return json(200, membership_list(ctx, *db, page, [&](const db::Document&) {
                        return auth::text_of(team.data, "name");
                    }));
    }

    http::Response get_membership(Context& ctx) {
        const auto team = team_of_path(ctx);
        auto db = s_.db(ctx);
        const auto membership = auth::require_membership_of(
            *db, ctx.caller.authorization(), team.id, param::path_id(ctx, "membershipId"));
        return json(200, render_member(*db, membership, auth::text_of(team.data, "name"),
                                       member_privacy(ctx)));
    }

    http::Response update_membership(Context& ctx) {
        const auto roles = roles_param(ctx, std::nullopt, kMemberRoleLength);
        const auto team = team_of_path(ctx);
        const auto caller = ctx.caller.authorization();
        auto db = s_.db(ctx);
        const auto membership =
            auth::require_membership_of(*db, caller, team.id, param::path_id(ctx, "membershipId"));
        const auto user = auth::require_user(*db, auth::text_of(membership.data, "userId"));
        if (!auth::is_team_owner(caller, team.id)) {
            throw Error(ErrorType::kUserUnauthorized, "User is not allowed to modify roles");
        }
        const auto updated = auth::update_member_roles(*db, membership.id, roles);
        return json(200, membership_model(*db, updated, auth::text_of(team.data, "name"), &user,
                                          kNameAndEmail));
    }

    http::Response delete_membership(Context& ctx) {
        const auto caller = ctx.caller.authorization();
        auto db = s_.db(ctx);
        // Appwrite's order: the membership, its user, then the team.
        const auto membership =
            auth::find_membership(*db, caller, param::path_id(ctx, "membershipId"));
        if (!membership) throw Error(ErrorType::kTeamInviteNotFound);
        auth::require_user(*db, auth::text_of(membership->data, "userId"));
        const auto team = team_of_path(ctx);
        if (auth::text_of(membership->data, "teamId") != team.id)
            throw Error(ErrorType::kTeamMembershipMismatch);
        auth::remove_membership(*db, caller, *membership);
        return http::Response::no_content();
    }

    http::Response update_membership_status(Context& ctx);

    // Users: a user's memberships.
    http::Response list_user_memberships(Context& ctx) {
        auto db = s_.db(ctx);
        const auto user = auth::require_user(*db, param::path_id(ctx, "userId"));
        const auto page = list_internal(ctx, *db,
                                        {.collection = "memberships",
                                         .allowed = kMembershipQueryAttributes,
                                         .filters = {equal("userId", user.id)},
                                         .searchable = true});
        return json(200, membership_list(ctx, *db, page, [&](const db::Document& membership) {
                        const auto team =
                            db->get_document(db::Authorization::internal(), "teams",
                                             auth::text_of(membership.data, "teamId"));
                        return team ? auth::text_of(team->data, "name") : std::string();
                    }));
    }

private:
    db::Document team_of_path(Context& ctx) {
        return auth::require_team(*s_.db(ctx), ctx.caller.authorization(),
                                  param::path_id(ctx, "teamId"));
    }

    // list_internal's contract, read with the caller's roles instead of past permissions.
    db::DocumentList list_as_caller(Context& ctx, std::string_view collection,
                                    std::span<const std::string_view> allowed) {
        const auto texts = param::queries(ctx);
        const bool total = param::boolean(ctx, "total", true);
        const auto search = param::optional_string(ctx, "search", 256);
        auto db = s_.db(ctx);
        return param::with_queries([&] {
            auto queries = db::parse_queries(texts);
            db::check_query_attributes(queries, allowed);
            if (!search.empty()) queries.push_back(db::Query::search("search", search));
            return db->list_documents(ctx.caller.authorization(), collection, queries,
                                      {.with_total = total});
        });
    }

    static bj::object render_member(db::Database& db, const db::Document& membership,
                                    std::string_view team_name, const MemberFields& show) {
        std::optional<db::Document> user;
        if (show.name || show.email || show.phone || show.mfa)
            user = auth::get_user(db, auth::text_of(membership.data, "userId"));
        return membership_model(db, membership, team_name, user ? &*user : nullptr, show);
    }

    template <typename TeamName>
    bj::object membership_list(const Context& ctx, db::Database& db, const db::DocumentList& page,
                               TeamName team_name) {
        const auto show = member_privacy(ctx);
        bj::array memberships;
        for (const auto& membership : page.documents) {
            memberships.push_back(render_member(db, membership, team_name(membership), show));
        }
        return bj::object{{"total", page.total}, {"memberships", std::move(memberships)}};
    }

    void deliver_invitation(Context& ctx, const db::Document& team, const db::Document& invitee,
                            const std::string& url, const std::string& greeting_name,
                            const auth::InvitedMembership& invited);

    AuthServices s_;
};

http::Response TeamsEndpoints::create_membership(Context& ctx) {
    require_auth_method(ctx, "invites");
    const bool by_key = ctx.caller.is_key();
    const auto team_id = std::string(param::path_id(ctx, "teamId"));
    const auto email = param::optional_string(ctx, "email", 2048).empty()
                           ? std::string()
                           : param::email(ctx, "email");
    const auto user_id = optional_uid(ctx, "userId");
    const auto phone = param::optional_string(ctx, "phone", 2048).empty()
                           ? std::string()
                           : param::phone(ctx, "phone");
    const auto roles = roles_param(ctx, std::nullopt, kMemberRoleLength);
    const auto url = redirect_param(ctx, "url");
    auto name = param::optional_string(ctx, "name", 128);
    if (url.empty() && !by_key) throw Error(ErrorType::kGeneralArgumentInvalid, "URL is required");
    if (user_id.empty() && email.empty() && phone.empty()) {
        throw Error(ErrorType::kGeneralArgumentInvalid,
                    "At least one of userId, email, or phone is required");
    }
    if (name.empty()) name = email;

    const auto caller = ctx.caller.authorization();
    auto db = s_.db(ctx);
    const auto team = auth::require_team(*db, caller, team_id);
    // Checked before anything about the invitee is looked up or created (Appwrite creates the
    // invitee first and may leave it behind when the caller turns out not to be an owner).
    if (!auth::is_team_owner(caller, team.id)) {
        throw Error(ErrorType::kUserUnauthorized,
                    "User is not allowed to send invitations for this team");
    }

    std::optional<db::Document> invitee;
    if (!user_id.empty()) {
        invitee = auth::get_user(*db, user_id);
        if (!invitee)
            throw Error(ErrorType::kUserNotFound, "User with given userId doesn't exist.");
        if (!email.empty() && auth::text_of(invitee->data, "email") != email) {
            throw Error(ErrorType::kUserAlreadyExists, "Given userId and email doesn't match");
        }
        if (!phone.empty() && auth::text_of(invitee->data, "phone") != phone) {
            throw Error(ErrorType::kUserAlreadyExists, "Given userId and phone doesn't match");
        }
        if (const auto own = auth::text_of(invitee->data, "name"); !own.empty()) name = own;
    } else if (!email.empty()) {
        invitee = auth::find_user_by(*db, "email", email);
        if (invitee && !phone.empty() && auth::text_of(invitee->data, "phone") != phone) {
            throw Error(ErrorType::kUserAlreadyExists, "Given email and phone doesn't match");
        }
    } else {
        invitee = auth::find_user_by(*db, "phone", phone);
    }

    bool created_invitee = false;
    if (!invitee) {
        // An email an OAuth2 identity already uses is not given to a new account.
        const std::vector<db::Query> identity = {equal("providerEmail", email),
                                                 db::Query::limit(1)};
        if (!email.empty() &&
            db->count_documents(db::Authorization::internal(), "identities", identity, 1) > 0) {
            throw Error(ErrorType::kUserEmailAlreadyExists);
        }
        auto settings = ctx.require_project().auth;
        if (by_key) settings.user_limit = 0;  // the project's user limit binds sign-ups, not keys
        invitee = auth::create_user(
            *db, settings, {.id = ids::unique(), .email = email, .phone = phone, .name = name});
        created_invitee = true;
    }

    auth::InvitedMembership invited;
    try {
        invited = auth::invite_member(
            *db, {.team_id = team.id, .user_id = invitee->id, .roles = roles, .confirm = by_key},
            [&](const auth::InvitedMembership& m) {
                if (!by_key) deliver_invitation(ctx, team, *invitee, url, name, m);
            });
    } catch (...) {
        // The invitee account was made for this invitation alone: it goes with it.
        if (created_invitee) {
            try {
                auth::delete_user(*db, invitee->id);
            } catch (const std::exception& e) {
                spdlog::error("Invitee {} left behind after a failed invitation: {}", invitee->id,
                              e.what());
            }
        }
        throw;
    }
    return json(201, membership_model(*db, invited.membership, auth::text_of(team.data, "name"),
                                      &*invitee, kNameAndEmail));
}

void TeamsEndpoints::deliver_invitation(Context& ctx, const db::Document& team,
                                        const db::Document& invitee, const std::string& url,
                                        const std::string& greeting_name,
                                        const auth::InvitedMembership& invited) {
    const auto team_name = auth::text_of(team.data, "name");
    const auto link = auth::invitation_link(url, invited.membership.id, invitee.id, invited.secret,
                                            team.id, team_name);
    const auto email = auth::text_of(invitee.data, "email");
    if (!email.empty()) {
        const auto& project = ctx.require_project();
        auth::EmailParams params;
        params.user = greeting_name;
        params.project = project.name;
        params.redirect = link;
        params.team = team_name;
        params.owner =
            ctx.caller.is_user() ? auth::text_of(ctx.caller.user->data, "name") : std::string();
        s_.courier.send_email(project, auth::EmailKind::kInvitation, ctx.locale, params, email,
                              auth::text_of(invitee.data, "name"));
    } else {
        // Appwrite's SMS template is the link alone.
        s_.courier.send_sms(auth::text_of(invitee.data, "phone"), link);
    }
}

http::Response TeamsEndpoints::update_membership_status(Context& ctx) {
    auth::InvitationAnswer answer;
    answer.team_id = param::path_id(ctx, "teamId");
    answer.membership_id = param::path_id(ctx, "membershipId");
    answer.user_id = optional_uid(ctx, "userId");
    if (answer.user_id.empty())
        throw Error(ErrorType::kGeneralArgumentInvalid, "Param \"userId\" is not optional.");
    answer.secret = param::string(ctx, "secret", 256);
    if (ctx.caller.is_user()) answer.signed_in_user_id = ctx.caller.user->id;
    auto db = s_.db(ctx);
    const auto pending = auth::check_invitation(*db, ctx.caller.authorization(), answer);

    // A signed-out invitee is signed in, as Appwrite does. The session comes first so that a
    // failure leaves the invitation pending; it is removed again when confirming fails.
    std::optional<auth::CreatedSession> session;
    if (answer.signed_in_user_id.empty()) {
        session = auth::create_session(*db, ctx.require_project().auth, pending.user.id,
                                       {.provider = "email",
                                        .provider_uid = auth::text_of(pending.user.data, "email"),
                                        .factors = {"email"},
                                        .client = client_details(ctx, s_)});
    }
    db::Document confirmed;
    try {
        confirmed = auth::confirm_invitation(*db, pending);
    } catch (...) {
        if (session) {
            try {
                db->delete_document(db::Authorization::internal(), "sessions", session->session.id);
            } catch (const std::exception& e) {
                spdlog::error("Session {} left behind after a failed acceptance: {}",
                              session->session.id, e.what());
            }
        }
        throw;
    }
    auto user = pending.user;
    user.data["emailVerification"] = true;
    auto response =
        json(200, membership_model(*db, confirmed, auth::text_of(pending.team.data, "name"), &user,
                                   kNameAndEmail));
    if (session) {
        set_session_cookies(ctx, response, auth::encode_session_cookie({user.id, session->secret}),
                            auth::time_of(session->session.data, "expire").value_or(0));
        alert_new_session(ctx, s_, user, session->session);
    }
    return response;
}

}  // namespace

void add_teams_endpoints(Api& api, const AuthServices& services) {
    using E = TeamsEndpoints;
    const Routes<E> route(api, std::make_shared<E>(services));
    route(Method::kPost, "/v1/teams", "teams.write", &E::create_team);
    route(Method::kGet, "/v1/teams", "teams.read", &E::list_teams);
    route(Method::kGet, "/v1/teams/{teamId}", "teams.read", &E::get_team);
    route(Method::kPut, "/v1/teams/{teamId}", "teams.write", &E::update_name);
    route(Method::kDelete, "/v1/teams/{teamId}", "teams.write", &E::delete_team);
    route(Method::kGet, "/v1/teams/{teamId}/logs", "teams.read", &E::logs);
    route(Method::kGet, "/v1/teams/{teamId}/prefs", "teams.read", &E::get_prefs);
    route(Method::kPut, "/v1/teams/{teamId}/prefs", "teams.write", &E::update_prefs);
    route(Method::kPost, "/v1/teams/{teamId}/memberships", "teams.write", &E::create_membership);
    route(Method::kGet, "/v1/teams/{teamId}/memberships", "teams.read", &E::list_memberships);
    route(Method::kGet, "/v1/teams/{teamId}/memberships/{membershipId}", "teams.read",
          &E::get_membership);
    route(Method::kPatch, "/v1/teams/{teamId}/memberships/{membershipId}", "teams.write",
          &E::update_membership);
    route(Method::kDelete, "/v1/teams/{teamId}/memberships/{membershipId}", "teams.write",
          &E::delete_membership);
    route(Method::kPatch, "/v1/teams/{teamId}/memberships/{membershipId}/status", "public",
          &E::update_membership_status);
    route(Method::kGet, "/v1/users/{userId}/memberships", "users.read", &E::list_user_memberships);
}

}  // namespace basalt::api
