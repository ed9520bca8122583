#include "avatars/remote.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace basalt::avatars {
namespace {

void expect_refused(std::string_view url) {
    try {
        check_remote_url(url, false);
        ADD_FAILURE() << url << " was allowed";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::kAvatarRemoteUrlFailed) << url;
    }
}

TEST(RemoteUrl, PublicTargetsOnlyByDefault) {
    EXPECT_NO_THROW(check_remote_url("https://example.com/a.png", false));
    EXPECT_NO_THROW(check_remote_url("http://appwrite.io", false));
    EXPECT_NO_THROW(check_remote_url("http://8.8.8.8/x", false));
    expect_refused("http://127.0.0.1:8080/x.png");
    expect_refused("http://localhost/x.png");
    expect_refused("http://192.168.1.2/");
    expect_refused("http://[::1]/");
    expect_refused("http://unknown-address.test/");
    expect_refused("ftp://example.com/x.png");
    expect_refused("not a url");
}

TEST(RemoteUrl, PrivateHostsWhenAllowed) {
    EXPECT_NO_THROW(check_remote_url("http://127.0.0.1:8080/x.png", true));
    EXPECT_NO_THROW(check_remote_url("http://localhost/x.png", true));
    expect_refused("file:///etc/passwd");
}

TEST(RemoteUrl, ResolveAndExtension) {
    EXPECT_EQ(resolve_url("http://h.org/a/b/", "c.png"), "http://h.org/a/b/c.png");
    EXPECT_EQ(resolve_url("http://h.org:81/a/b", "/favicon.ico"), "http://h.org:81/favicon.ico");
    EXPECT_EQ(resolve_url("http://h.org/", "//cdn.org/i.svg"), "http://cdn.org/i.svg");
    EXPECT_EQ(resolve_url("http://h.org/", "https://x.org/y.png"), "https://x.org/y.png");
    EXPECT_EQ(path_extension("https://x.org/a/icon.PNG?v=1"), "png");
    EXPECT_EQ(path_extension("https://x.org/a.b/icon"), "");
}

TEST(FaviconLinks, SvgFirstThenLargest) {
    const auto pick = [](std::string_view html) {
        const auto link = best_icon_link(html, "http://h.org/dir/page");
        return link ? link->url : std::string("none");
    };
    EXPECT_EQ(
        pick(
            R"(<link rel="icon" href="a.png" sizes="16x16"><link rel="icon" href="b.png" sizes="32x32">)"),
        "http://h.org/dir/b.png");
    EXPECT_EQ(
        pick(
            R"(<link rel="icon" href="a.png" sizes="64x64"><link rel="icon" href="b.png" sizes="32x32">)"),
        "http://h.org/dir/a.png");
    EXPECT_EQ(
        pick(
            R"(<LINK REL="Shortcut Icon" HREF="/x.ico"><link rel=icon href=/y.svg><link rel=icon href=z.png sizes=999x999>)"),
        "http://h.org/y.svg");
    EXPECT_EQ(pick(R"(<link rel="apple-touch-icon" href="a.png"><link rel="icon" href="b.gif">)"),
              "none");
    EXPECT_EQ(pick(R"(<link rel="icon" href="a.png"><link rel="icon" href="b.png">)"),
              "http://h.org/dir/b.png");
    EXPECT_EQ(pick("<html><body><p>unclosed <b>tags"), "none");
    EXPECT_EQ(pick(""), "none");
}

}  // namespace
}  // namespace basalt::avatars
