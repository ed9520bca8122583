#include "auth/tokens/phrase.hpp"

#include <array>
#include <random>
#include <string_view>

namespace basalt::auth {
namespace {

// Basalt's own word lists: friendly words, easy to read aloud and to compare at a glance.
constexpr std::array<std::string_view, 48> kAdjectives = {
    "Agile",    "Amber",  "Ancient", "Bold",    "Brave",  "Breezy", "Bright",   "Calm",
    "Clever",   "Cosmic", "Crisp",   "Curious", "Daring", "Eager",  "Electric", "Gentle",
    "Gleaming", "Golden", "Grand",   "Happy",   "Humble", "Jolly",  "Keen",     "Kind",
    "Lively",   "Lucky",  "Mellow",  "Merry",   "Mighty", "Nimble", "Noble",    "Patient",
    "Polished", "Quiet",  "Radiant", "Rapid",   "Silent", "Silver", "Smooth",   "Steady",
    "Sunny",    "Swift",  "Tidy",    "Velvet",  "Vivid",  "Warm",   "Wise",     "Witty"};

constexpr std::array<std::string_view, 48> kNouns = {
    "acorn",   "anchor",  "badger",  "beacon",  "bison",   "canyon", "cedar",   "comet",
    "compass", "coral",   "cricket", "delta",   "falcon",  "fern",   "fjord",   "glacier",
    "harbor",  "heron",   "kettle",  "lantern", "maple",   "meadow", "meteor",  "otter",
    "paddle",  "pebble",  "pelican", "pepper",  "pine",    "planet", "prairie", "quartz",
    "raven",   "reef",    "river",   "saddle",  "sparrow", "spruce", "summit",  "thistle",
    "tide",    "trumpet", "tulip",   "valley",  "walnut",  "willow", "yak",     "zither"};

template <std::size_t N>
std::string_view pick(const std::array<std::string_view, N>& words) {
    // The phrase is not a secret, so a per-thread PRNG seeded from the OS is enough.
    thread_local std::mt19937 engine{std::random_device{}()};
    std::uniform_int_distribution<std::size_t> index(0, N - 1);
    return words[index(engine)];
}

}  // namespace

std::string generate_phrase() {
    std::string out(pick(kAdjectives));
    out += ' ';
    out += pick(kNouns);
    return out;
}

}  // namespace basalt::auth
