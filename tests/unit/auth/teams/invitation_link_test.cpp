// Invitation links (query encoding as PHP's http_build_query, replaced parameters, fragments) and
// the redirect rule for app URLs.
#include "auth/teams/invitation_link.hpp"

#include "support/backend_test.hpp"

namespace basalt::auth {
namespace {

using testing::error_type;

TEST(InvitationLink, AddsTheFiveParametersFormEncoded) {
    const auto link =
        invitation_link("https://app.example.com/join", "m1", "u1", "s3cr3t", "t1", "A & B+C/Ü");
    // libcurl writes lower-case hex digits (PHP upper-case); RFC 3986 makes them equivalent.
    EXPECT_EQ(link,
              "https://app.example.com/join?membershipId=m1&userId=u1&secret=s3cr3t&teamId=t1"
              "&teamName=A+%26+B%2bC%2f%c3%9c");
}

TEST(InvitationLink, KeepsTheQueryAndFragmentAndReplacesClashingNames) {
    const auto link =
        invitation_link("https://app.example.com/join?from=mail&secret=old&teamIds=x#top", "m1",
                        "u1", "new", "t1", "T");
    EXPECT_EQ(
        link,
        "https://app.example.com/join?from=mail&teamIds=x&membershipId=m1&userId=u1&secret=new"
        "&teamId=t1&teamName=T#top");
}

TEST(InvitationLink, WorksForAppLinks) {
    EXPECT_EQ(
        invitation_link("exp://192.168.1.5:8081/--/join", "m", "u", "s", "t", "n"),
        "exp://192.168.1.5:8081/--/join?membershipId=m&userId=u&secret=s&teamId=t&teamName=n");
}

TEST(InvitationLink, RefusesWhatIsNotAnAbsoluteUrl) {
    EXPECT_EQ(error_type([] { invitation_link("/join", "m", "u", "s", "t", "n"); }),
              "general_argument_invalid");
    EXPECT_EQ(error_type([] { invitation_link("not a url", "m", "u", "s", "t", "n"); }),
              "general_argument_invalid");
    EXPECT_EQ(error_type([] { invitation_link("", "m", "u", "s", "t", "n"); }),
              "general_argument_invalid");
    EXPECT_EQ(error_type([] {
                  invitation_link(std::string_view("https://a.com/\0x", 16), "m", "u", "s", "t",
                                  "n");
              }),
              "general_argument_invalid");
}

TEST(UrlParts, SchemeAndHostInLowerCase) {
    const auto parts = url_parts("HTTPS://App.Example.COM:8443/x?y#z");
    ASSERT_TRUE(parts);
    EXPECT_EQ(parts->scheme, "https");
    EXPECT_EQ(parts->host, "app.example.com");
    EXPECT_FALSE(url_parts("relative/path"));
    EXPECT_FALSE(url_parts(""));
}

TEST(RedirectAllowed, LoopbackAndTheProjectsWebHostnames) {
    const std::vector<std::string> hostnames = {"app.example.com", "*.example.org"};
    EXPECT_TRUE(redirect_allowed("http://localhost:3000/join", {}, "p1"));
    EXPECT_TRUE(redirect_allowed("http://127.0.0.1/join", {}, "p1"));
    EXPECT_TRUE(redirect_allowed("http://[::1]:8080/", {}, "p1"));
    EXPECT_TRUE(redirect_allowed("https://app.example.com/join", hostnames, "p1"));
    EXPECT_TRUE(redirect_allowed("https://APP.example.com/join", hostnames, "p1"));
    EXPECT_TRUE(redirect_allowed("https://a.b.example.org/", hostnames, "p1"));
    EXPECT_TRUE(redirect_allowed("chrome-extension://localhost/x", {}, "p1"));
    EXPECT_TRUE(redirect_allowed("https://anything.test/", std::vector<std::string>{"*"}, "p1"));

    EXPECT_FALSE(redirect_allowed("https://evil.com/join", hostnames, "p1"));
    EXPECT_FALSE(redirect_allowed("https://example.org/", hostnames, "p1"))
        << "*.example.org is subdomains only";
    EXPECT_FALSE(redirect_allowed("https://app.example.com.evil.com/", hostnames, "p1"));
    EXPECT_FALSE(redirect_allowed("https://localhost.evil.com/", {}, "p1"));
    EXPECT_FALSE(redirect_allowed("ftp://localhost/", {}, "p1"));
    EXPECT_FALSE(redirect_allowed("javascript:alert(1)", {}, "p1"));
    EXPECT_FALSE(redirect_allowed("/join", {}, "p1"));
    EXPECT_FALSE(redirect_allowed("", {}, "p1"));
}

TEST(RedirectAllowed, AppSchemesOfThisProject) {
    EXPECT_TRUE(redirect_allowed("exp://192.168.1.5:8081", {}, "p1"));
    EXPECT_TRUE(redirect_allowed("appwrite-callback-p1://join", {}, "p1"));
    EXPECT_TRUE(redirect_allowed("appwrite-callback-MyApp://join", {}, "MyApp"));
    EXPECT_FALSE(redirect_allowed("appwrite-callback-p2://join", {}, "p1"));
    EXPECT_FALSE(redirect_allowed("myapp://join", {}, "p1"));
}

}  // namespace
}  // namespace basalt::auth
