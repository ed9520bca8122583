#include "auth/oauth2/user_mapping.hpp"

#include "auth/oauth2/json_path.hpp"

namespace basalt::auth::oauth2 {

OAuth2User map_user(const Provider& provider, const boost::json::value& document) {
    const auto* user = find_path(document, provider.user_root);
    if (!user) return {};
    const auto& fields = provider.fields;
    return OAuth2User{
        .id = text_at(*user, fields.id),
        .email = text_at(*user, fields.email),
        .name = name_at(*user, fields.name),
        .email_verified = flag_at(*user, fields.verified),
    };
}

}  // namespace basalt::auth::oauth2
