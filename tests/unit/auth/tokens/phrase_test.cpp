#include "auth/tokens/phrase.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace basalt::auth {
namespace {

TEST(PhraseTest, IsACapitalisedAdjectiveAndALowerCaseNoun) {
    const std::regex shape("[A-Z][a-z]+ [a-z]+");
    for (int i = 0; i < 200; ++i) {
        const auto phrase = generate_phrase();
        EXPECT_TRUE(std::regex_match(phrase, shape)) << phrase;
    }
}

TEST(PhraseTest, Varies) {
    std::set<std::string> seen;
    for (int i = 0; i < 200; ++i) seen.insert(generate_phrase());
    // 48 x 48 combinations: 200 draws give well over 100 distinct phrases.
    EXPECT_GT(seen.size(), 100u);
}

}  // namespace
}  // namespace basalt::auth
