// libsodium start-up for the tickets library. Every function here that signs, hashes or draws
// random bytes calls EnsureSodium() first; any thread.
#pragma once

namespace tix::tickets {

// Initializes libsodium once per process (sodium_init is thread-safe and idempotent); aborts if
// it cannot, since without it there is no secure randomness to make a master key with.
void EnsureSodium();

}  // namespace tix::tickets
