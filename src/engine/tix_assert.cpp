#include "engine/tix_assert.h"

#include <cstdio>
#include <cstdlib>

namespace tix::engine::detail {

void AssertFailed(const char* file, int line, const char* condition, const char* message) {
    // The one place the engine writes anything: it is about to die and must say why.
    std::fprintf(stderr, "%s:%d: TIX_ASSERT(%s) failed: %s\n", file, line, condition, message);
    std::fflush(stderr);
    std::abort();
}

}  // namespace tix::engine::detail
