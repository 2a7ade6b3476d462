// Assertions for bugs in the engine. Unlike assert(), they stay on in release builds: a broken
// invariant in a ticketing engine means double-sold seats, so we stop rather than carry on.
// Domain outcomes (sold out, unknown seat) are never assertions; they are enums.
#pragma once

namespace tix::engine::detail {

// Prints where and why to stderr, then std::abort()s.
[[noreturn]] void AssertFailed(const char* file, int line, const char* condition,
                               const char* message);

}  // namespace tix::engine::detail

#define TIX_ASSERT(condition, message)                                                      \
    do {                                                                                    \
        if (!(condition)) [[unlikely]] {                                                    \
            ::tix::engine::detail::AssertFailed(__FILE__, __LINE__, #condition, (message)); \
        }                                                                                   \
    } while (false)
