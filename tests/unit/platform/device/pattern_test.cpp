#include "platform/device/pattern.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"

namespace basalt::device {
namespace {

TEST(PatternTest, TokenAnchorNeedsABoundary) {
    const Pattern chrome("Chrome", Pattern::Anchor::kToken);
    EXPECT_TRUE(chrome.matches("Chrome/126"));
    EXPECT_TRUE(chrome.matches("x Chrome/126"));
    EXPECT_TRUE(chrome.matches("(Chrome)"));
    EXPECT_TRUE(chrome.matches("x;_Chrome"));     // "_" after a non-name character
    EXPECT_TRUE(chrome.matches("sprd-Chrome"));   // a vendor prefix Matomo allows
    EXPECT_FALSE(chrome.matches("XChrome/126"));  // inside a word
    EXPECT_FALSE(chrome.matches("9Chrome"));
    EXPECT_FALSE(chrome.matches("my-Chrome"));
    EXPECT_FALSE(chrome.matches("a_Chrome"));
    EXPECT_FALSE(chrome.matches(""));
}

TEST(PatternTest, UnanchoredPatternsMatchAnywhere) {
    const Pattern chrome("Chrome", Pattern::Anchor::kNone);
    EXPECT_TRUE(chrome.matches("XChrome/126"));
    EXPECT_EQ(chrome.source(), "Chrome");
}

TEST(PatternTest, IgnoresCase) {
    const Pattern curl("curl/(\\d+)", Pattern::Anchor::kToken);
    const auto match = curl.match("CURL/8");
    ASSERT_TRUE(match.has_value());
    EXPECT_EQ(match->group(1), "8");
}

TEST(PatternTest, ReportsGroupsAndMissingGroups) {
    const Pattern pattern("Firefox(?:/(\\d+)(\\.\\d+)?)?( esr)?", Pattern::Anchor::kNone);
    const auto with = pattern.match("Firefox/47.0");
    ASSERT_TRUE(with.has_value());
    EXPECT_EQ(with->group(0), "Firefox/47.0");
    EXPECT_EQ(with->group(1), "47");
    EXPECT_EQ(with->group(2), ".0");
    EXPECT_EQ(with->group(3), "");   // did not take part
    EXPECT_EQ(with->group(12), "");  // does not exist
    const auto without = pattern.match("Firefox");
    ASSERT_TRUE(without.has_value());
    EXPECT_EQ(without->group(1), "");
    EXPECT_FALSE(pattern.match("Chrome").has_value());
}

TEST(PatternTest, MatchesArbitraryBytes) {
    const Pattern pattern("abc", Pattern::Anchor::kToken);
    const std::string bytes("\xff\xfe abc\x00\x01", 8);
    EXPECT_TRUE(pattern.matches(bytes));
    EXPECT_FALSE(pattern.matches(std::string("\xc3\x28\x00", 3)));
}

TEST(PatternTest, BadPatternsThrowOnFirstUse) {
    const Pattern bad("Chrome(", Pattern::Anchor::kToken);  // constructing is fine
    try {
        (void)bad.matches("Chrome(");
        FAIL() << "a broken pattern matched";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::kGeneralServerError);
        EXPECT_NE(std::string(e.what()).find("Chrome("), std::string::npos);
    }
    EXPECT_THROW(bad.compile(), Error);  // and again: nothing was cached
}

TEST(PatternTest, CatastrophicBacktrackingIsNoMatch) {
    // Exhausts PCRE2's match limit; a client's header must not fail the request.
    const Pattern pattern("(a+)+$", Pattern::Anchor::kNone);
    const std::string hostile = std::string(40, 'a') + "!";
    EXPECT_FALSE(pattern.matches(hostile));
    EXPECT_TRUE(pattern.matches("aaa"));
}

TEST(PatternTest, MovesBeforeUse) {
    Pattern first("one", Pattern::Anchor::kNone);
    first.compile();
    Pattern second(std::move(first));
    EXPECT_TRUE(second.matches("one"));
    Pattern third("two", Pattern::Anchor::kNone);
    third = std::move(second);
    EXPECT_TRUE(third.matches("one"));
    EXPECT_FALSE(third.matches("two"));
}

TEST(PatternTest, CompilesOnceUnderConcurrentFirstUse) {
    const Pattern pattern("Version/(\\d+[\\.\\d]+)", Pattern::Anchor::kToken);
    std::vector<std::thread> threads;
    std::vector<int> hits(8, 0);
    for (std::size_t t = 0; t < hits.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                const auto match = pattern.match("Safari Version/17.4 Mobile");
                if (match && match->group(1) == "17.4") {
                    ++hits[t];
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (const int count : hits) {
        EXPECT_EQ(count, 200);
    }
}

}  // namespace
}  // namespace basalt::device
