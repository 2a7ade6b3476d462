#include "auth/sodium_setup.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace tix::auth {

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

}  // namespace tix::auth
