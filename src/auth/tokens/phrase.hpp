// Security phrases for magic URL and email OTP sign-in: when the client asks for one, the same
// phrase is shown in its response and in the email, so the user can tell that the email answers
// their own request. Shaped like Appwrite's: a capitalised adjective, a space, a lower-case noun
// ("Brave lantern"). Not a secret.
#pragma once

#include <string>

namespace basalt::auth {

// A random phrase. Thread-safe.
std::string generate_phrase();

}  // namespace basalt::auth
