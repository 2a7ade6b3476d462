#include "tickets/sodium_ready.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

#include "tickets/secret_bytes.h"

namespace tix::tickets {

void EnsureSodium() {
    static const bool kReady = [] {
        if (sodium_init() < 0) {
            std::fputs("libsodium failed to initialize\n", stderr);
            std::abort();
        }
        return true;
    }();
    (void)kReady;
}

namespace detail {

void WipeBytes(std::uint8_t* data, std::size_t size) { sodium_memzero(data, size); }

bool SameBytes(const std::uint8_t* a, const std::uint8_t* b, std::size_t size) {
    return sodium_memcmp(a, b, size) == 0;
}

}  // namespace detail
}  // namespace tix::tickets
