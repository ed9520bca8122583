#include "platform/device/pattern.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <spdlog/spdlog.h>

#include <array>
#include <new>

#include "core/error.hpp"

namespace basalt::device {
namespace {

// Matomo's token boundary: the start of the text, a character that cannot be part of a
// name, or the "_"/"sprd-" prefixes some vendors glue to model names. Matomo writes it as a
// consuming prefix; as lookbehinds it accepts the same positions and lets PCRE2 skip ahead
// to the pattern's possible first characters, which makes detection ~5x faster.
constexpr std::string_view kTokenBoundary =
    "(?:(?<![A-Z0-9\\-_])|(?<=[^A-Z0-9\\-]_)|(?<=sprd-))(?:";

// Enough for every pattern of the data (the largest has a handful of groups); a match with
// more groups reports the first ones.
constexpr std::uint32_t kGroupSlots = 32;

// Bounds the work on one hostile subject; real user agents stay far below.
constexpr std::uint32_t kMatchLimit = 1'000'000;
constexpr std::size_t kJitStackStart = 32 * 1024;
constexpr std::size_t kJitStackMax = 512 * 1024;

// PCRE2 needs writable match state per call; one set per thread avoids allocating per match.
class MatchScratch {
public:
    MatchScratch()
        : data_(pcre2_match_data_create(kGroupSlots, nullptr)),
          context_(pcre2_match_context_create(nullptr)),
          jit_stack_(pcre2_jit_stack_create(kJitStackStart, kJitStackMax, nullptr)) {
        if (data_ == nullptr || context_ == nullptr || jit_stack_ == nullptr) {
            release();
            throw std::bad_alloc();
        }
        pcre2_set_match_limit(context_, kMatchLimit);
        pcre2_jit_stack_assign(context_, nullptr, jit_stack_);
    }
    MatchScratch(const MatchScratch&) = delete;
    MatchScratch& operator=(const MatchScratch&) = delete;
    ~MatchScratch() { release(); }

    pcre2_match_data* data() const noexcept { return data_; }
    pcre2_match_context* context() const noexcept { return context_; }

private:
    void release() noexcept {
        pcre2_match_data_free(data_);
        pcre2_match_context_free(context_);
        pcre2_jit_stack_free(jit_stack_);
    }

    pcre2_match_data* data_;
    pcre2_match_context* context_;
    pcre2_jit_stack* jit_stack_;
};

MatchScratch& scratch() {
    thread_local MatchScratch instance;
    return instance;
}

std::string error_text(int code) {
    std::array<PCRE2_UCHAR, 256> buffer{};
    pcre2_get_error_message(code, buffer.data(), buffer.size());
    return reinterpret_cast<const char*>(buffer.data());
}

}  // namespace

Pattern::Pattern(std::string_view source, Anchor anchor) {
    if (anchor == Anchor::kToken) {
        source_.reserve(kTokenBoundary.size() + source.size() + 1);
        source_.append(kTokenBoundary).append(source).append(")");
    } else {
        source_ = std::string(source);
    }
}

Pattern::Pattern(Pattern&& other) noexcept
    : source_(std::move(other.source_)), code_(other.code_.exchange(nullptr)) {}

Pattern& Pattern::operator=(Pattern&& other) noexcept {
    if (this != &other) {
        source_ = std::move(other.source_);
        pcre2_code_free(code_.exchange(other.code_.exchange(nullptr)));
    }
    return *this;
}

Pattern::~Pattern() { pcre2_code_free(code_.load()); }

void Pattern::compile() const { (void)code(); }

pcre2_real_code_8* Pattern::code() const {
    pcre2_code* current = code_.load(std::memory_order_acquire);
    if (current != nullptr) {
        return current;
    }
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* fresh = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(source_.data()), source_.size(),
                                      PCRE2_CASELESS, &error, &offset, nullptr);
    if (fresh == nullptr) {
        throw Error(ErrorType::kGeneralServerError,
                    "device-detector pattern does not compile at offset " + std::to_string(offset) +
                        " (" + error_text(error) + "): " + source_);
    }
    // Without JIT support (or memory for it) pcre2_match interprets the pattern instead, with
    // the same results; so a JIT failure only costs speed.
    (void)pcre2_jit_compile(fresh, PCRE2_JIT_COMPLETE);
    // Two threads may compile the same pattern at once; the first one stored wins.
    if (code_.compare_exchange_strong(current, fresh, std::memory_order_acq_rel,
                                      std::memory_order_acquire)) {
        return fresh;
    }
    pcre2_code_free(fresh);
    return current;
}

int Pattern::run(std::string_view subject) const {
    static constexpr char kEmpty[] = "";
    const char* text = subject.empty() ? kEmpty : subject.data();
    MatchScratch& state = scratch();
    const int rc = pcre2_match(code(), reinterpret_cast<PCRE2_SPTR>(text), subject.size(), 0, 0,
                               state.data(), state.context());
    if (rc == PCRE2_ERROR_NOMATCH) {
        return 0;
    }
    if (rc < 0) {
        spdlog::warn("device detection: user agent skipped by pattern {}: {}", source_,
                     error_text(rc));
        return 0;
    }
    return rc == 0 ? static_cast<int>(kGroupSlots) : rc;  // 0: more groups than slots
}

bool Pattern::matches(std::string_view subject) const { return run(subject) > 0; }

std::optional<Match> Pattern::match(std::string_view subject) const {
    const int groups = run(subject);
    if (groups == 0) {
        return std::nullopt;
    }
    const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(scratch().data());
    std::vector<std::string_view> views;
    views.reserve(static_cast<std::size_t>(groups));
    for (int i = 0; i < groups; ++i) {
        const PCRE2_SIZE start = ovector[2 * i];
        const PCRE2_SIZE end = ovector[2 * i + 1];
        if (start == PCRE2_UNSET || end < start) {
            views.emplace_back();
        } else {
            views.push_back(subject.substr(start, end - start));
        }
    }
    return Match(std::move(views));
}

}  // namespace basalt::device
