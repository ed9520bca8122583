// One regular expression of the device-detector data, matched with PCRE2.
#pragma once

#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pcre2_real_code_8;

namespace basalt::device {

// The groups of one successful match, as views into the subject (which must outlive it).
class Match {
public:
    explicit Match(std::vector<std::string_view> groups) : groups_(std::move(groups)) {}

    // Group `index` (0 = the whole match); empty when the group did not take part or does
    // not exist.
    std::string_view group(std::size_t index) const noexcept {
        return index < groups_.size() ? groups_[index] : std::string_view{};
    }

private:
    std::vector<std::string_view> groups_;
};

// A case-insensitive pattern over bytes (no UTF-8 check, so any header bytes are fine).
// It is compiled, with PCRE2's JIT where the platform has one, on first use: the data holds
// ~2,800 patterns and most are never reached.
//
// Thread-safety: match(), matches() and compile() may run concurrently. Moving is for
// building rule tables only, before any other thread sees the pattern.
class Pattern {
public:
    enum class Anchor {
        kToken,  // Matomo's rule: the pattern must start at a token boundary of the subject
        kNone,   // the pattern as written
    };

    Pattern(std::string_view source, Anchor anchor);
    Pattern(Pattern&& other) noexcept;
    Pattern& operator=(Pattern&& other) noexcept;
    Pattern(const Pattern&) = delete;
    Pattern& operator=(const Pattern&) = delete;
    ~Pattern();

    // The first match in `subject`, or nullopt. A subject that exhausts PCRE2's match limits
    // counts as no match (and is logged): user agents are client input and must not fail a
    // request. Throws basalt::Error(kGeneralServerError) if the pattern does not compile.
    std::optional<Match> match(std::string_view subject) const;
    bool matches(std::string_view subject) const;

    // Compiles now; throws as match() does. Used to warm up and to validate data files.
    void compile() const;

    // The expression as compiled, anchor included.
    const std::string& source() const noexcept { return source_; }

private:
    pcre2_real_code_8* code() const;
    // Runs the match; the group count on success, 0 on no match.
    int run(std::string_view subject) const;

    std::string source_;
    mutable std::atomic<pcre2_real_code_8*> code_{nullptr};
};

}  // namespace basalt::device
